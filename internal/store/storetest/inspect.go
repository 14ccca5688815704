package storetest

import (
	"context"
	"fmt"
	"testing"

	"memora/internal/store"
	"memora/internal/store/litestore"
	"memora/internal/store/pgstore"
)

// CountRows runs a `SELECT count(*) …`-style query that returns one integer: tests use it to
// see what a call wrote, beneath the store's own methods.
func CountRows(t testing.TB, s store.Store, query string) int64 {
	t.Helper()
	var n int64
	var err error
	switch db := s.(type) {
	case *litestore.Store:
		err = db.Writer().QueryRow(query).Scan(&n)
	case *pgstore.Store:
		err = db.Pool().QueryRow(context.Background(), query).Scan(&n)
	default:
		t.Fatalf("count rows: unknown store %T", s)
	}
	if err != nil {
		t.Fatalf("count rows %q: %v", query, err)
	}
	return n
}

// fingerprintTables are the tables whose row counts and change stamps describe the data.
var fingerprintTables = []string{
	"institutions", "users", "user_roles", "streams", "grades", "grade_streams", "seasons", "subjects",
	"tracks", "units", "topics", "lessons", "stages", "academic_plans", "plan_subjects", "sales_items",
	"sales_item_streams", "sales_item_bundle", "purchase_requests", "subscriptions", "subscription_access",
	"player_profiles", "player_subject_scores", "gameplay_sessions", "xp_ledger", "memory_state", "review_log",
}

// Fingerprint counts the rows of every data table (and sums the XP and memory columns that
// an update could change), so a test can show that a refused request changed nothing.
func Fingerprint(t testing.TB, s store.Store) map[string]int64 {
	t.Helper()
	fp := make(map[string]int64, len(fingerprintTables)+3)
	for _, table := range fingerprintTables {
		fp[table] = CountRows(t, s, "SELECT count(*) FROM "+table)
	}
	fp["sum(player_profiles.total_xp)"] = CountRows(t, s, "SELECT coalesce(sum(total_xp), 0) FROM player_profiles")
	fp["sum(player_subject_scores.total_xp)"] = CountRows(t, s, "SELECT coalesce(sum(total_xp), 0) FROM player_subject_scores")
	fp["sum(memory_state.reps)"] = CountRows(t, s, "SELECT coalesce(sum(reps), 0) FROM memory_state")
	return fp
}

// Diff describes how two fingerprints differ ("" when equal).
func Diff(before, after map[string]int64) string {
	out := ""
	for k, v := range before {
		if after[k] != v {
			out += fmt.Sprintf("%s: %d → %d; ", k, v, after[k])
		}
	}
	return out
}
