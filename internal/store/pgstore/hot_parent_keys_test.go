package pgstore_test

import (
	"context"
	"testing"

	"memora/internal/store/storetest"
)

// The rows every submission inserts (its session, its XP credit, its review log and memory
// states) have no foreign key to an institution's or a season's row: a foreign-key check
// share-locks the parent row, and all of an institution's submissions in flight would lock
// the same rows (a MultiXact each; migration 00200).
func TestSubmissionRowsLockNoSharedParentRow(t *testing.T) {
	s, _ := storetest.OpenPostgres(t)
	rows, err := s.Pool().Query(context.Background(), `
		SELECT conrelid::regclass::text, conname FROM pg_constraint
		WHERE contype = 'f'
		  AND conrelid::regclass::text IN ('gameplay_sessions', 'xp_ledger', 'review_log', 'memory_state')
		  AND confrelid::regclass::text IN ('institutions', 'seasons')`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var table, name string
		if err := rows.Scan(&table, &name); err != nil {
			t.Fatal(err)
		}
		t.Errorf("%s has foreign key %s to a shared parent row", table, name)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
}
