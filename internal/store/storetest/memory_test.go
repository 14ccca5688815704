package storetest

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/store"
)

func memoryItem(user int64, season string, i int) store.MemoryState {
	due := t0.Add(time.Duration(i) * time.Hour)
	m := store.MemoryState{
		UserID: user, SeasonID: season, QuestionID: fmt.Sprintf("q%04d", i), SubjectID: ptr("math"), TopicID: ptr("linear"),
		Stability: 1.5 + float64(i)/7, Difficulty: 5.25, State: i % 4, Step: i % 3, Level: 1 + i%4, Due: due,
		Reps: i, Lapses: i / 10, Retired: i%50 == 0, CreatedAt: t0, UpdatedAt: t0.Add(time.Second),
	}
	if i%2 == 0 {
		m.LastReview = ptr(t0.Add(-time.Duration(i) * time.Minute))
	}
	if i%5 == 0 {
		m.TopicID = nil
	}
	return m
}

func TestMemoryUpsertMany(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		require.NoError(t, s.MemoryUpsert(ctx, nil), "nothing to write")

		const n = 500
		items := make([]store.MemoryState, n)
		for i := range items {
			items[i] = memoryItem(7, "s2026", i)
		}
		require.NoError(t, s.MemoryUpsert(ctx, items))
		require.EqualValues(t, n, count(t, s, "SELECT count(*) FROM memory_state"))
		for _, i := range []int{0, 1, 5, 249, 499} {
			got, err := s.MemoryGet(ctx, 7, "s2026", items[i].QuestionID)
			require.NoError(t, err)
			require.Equal(t, items[i], got, "item %d", i)
		}

		// Writing again updates every field but the creation time; a nil subject or topic
		// keeps the stored one. A key repeated in one batch ends with its last state.
		upd := make([]store.MemoryState, 0, 3)
		for _, i := range []int{1, 2} {
			m := items[i]
			m.SubjectID, m.TopicID = nil, nil
			m.Stability, m.Difficulty, m.State, m.Level, m.Reps, m.Lapses, m.Retired = 9.5, 3.25, 2, 4, 77, 3, true
			m.Due, m.LastReview = t0.Add(48*time.Hour), nil
			m.CreatedAt, m.UpdatedAt = t0.Add(time.Hour), t0.Add(2*time.Hour)
			upd = append(upd, m)
		}
		last := upd[1]
		last.Reps = 78
		upd = append(upd, last)
		require.NoError(t, s.MemoryUpsert(ctx, upd))
		require.EqualValues(t, n, count(t, s, "SELECT count(*) FROM memory_state"))

		got, err := s.MemoryGet(ctx, 7, "s2026", items[1].QuestionID)
		require.NoError(t, err)
		want := upd[0]
		want.SubjectID, want.TopicID, want.CreatedAt = items[1].SubjectID, items[1].TopicID, items[1].CreatedAt
		require.Equal(t, want, got)
		got, err = s.MemoryGet(ctx, 7, "s2026", items[2].QuestionID)
		require.NoError(t, err)
		require.Equal(t, 78, got.Reps, "the last state of a repeated key wins")

		// Keys: user, season and question.
		_, err = s.MemoryGet(ctx, 8, "s2026", items[1].QuestionID)
		require.ErrorIs(t, err, store.ErrNotFound)
		_, err = s.MemoryGet(ctx, 7, "s2027", items[1].QuestionID)
		require.ErrorIs(t, err, store.ErrNotFound)
		_, err = s.MemoryGet(ctx, 7, "s2026", "nope")
		require.ErrorIs(t, err, store.ErrNotFound)
	})
}

func TestMemoryUpsertInTx(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		items := []store.MemoryState{memoryItem(1, "s", 1), memoryItem(1, "s", 2)}
		require.NoError(t, s.InTx(ctx, func(tx store.Executor) error {
			if err := tx.MemoryUpsert(ctx, items); err != nil {
				return err
			}
			got, err := tx.MemoryGet(ctx, 1, "s", items[1].QuestionID)
			if err != nil {
				return err
			}
			require.Equal(t, items[1], got, "visible inside the transaction")
			return nil
		}))
		got, err := s.MemoryGet(ctx, 1, "s", items[0].QuestionID)
		require.NoError(t, err)
		require.Equal(t, items[0], got)
	})
}

func TestReviewLog(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		require.NoError(t, s.ReviewLogInsert(ctx, nil), "nothing to write")

		entries := make([]store.ReviewLogEntry, 300)
		for i := range entries {
			entries[i] = store.ReviewLogEntry{
				UserID: 7, SeasonID: "s2026", QuestionID: fmt.Sprintf("q%d", i%20), Source: store.XPFromReview,
				Rating: 1 + i%4, Correct: i%4 != 0, DurationMs: 1000 + i, ElapsedDays: float64(i) / 3, StateBefore: i % 4,
				StateAfter: (i + 1) % 4, StabilityBefore: 1.25, StabilityAfter: 2.5, DifficultyAfter: 5,
				DueAfter: t0.Add(time.Duration(i) * time.Hour), ReviewedAt: t0.Add(time.Duration(i) * time.Second),
			}
			if i%3 == 0 {
				entries[i].SessionID = ptr(int64(i))
			}
		}
		require.NoError(t, s.ReviewLogInsert(ctx, entries))
		require.NoError(t, s.ReviewLogInsert(ctx, entries[:1]), "the log only grows")
		require.EqualValues(t, 301, count(t, s, "SELECT count(*) FROM review_log WHERE user_id = 7"))
		require.EqualValues(t, 101, count(t, s, "SELECT count(*) FROM review_log WHERE session_id IS NOT NULL"))
		require.EqualValues(t, 1, count(t, s, "SELECT count(*) FROM review_log WHERE session_id = 3 AND rating = 4 AND duration_ms = 1003 AND state_after = 0"))
		require.EqualValues(t, 76, count(t, s, "SELECT count(*) FROM review_log WHERE correct = false"))

		// One bad entry fails the batch.
		bad := append([]store.ReviewLogEntry{}, entries[:2]...)
		bad[1].Rating = 5
		require.Error(t, s.ReviewLogInsert(ctx, bad))
		require.EqualValues(t, 301, count(t, s, "SELECT count(*) FROM review_log"))
	})
}

// TestTimePrecision: instants come back at microsecond precision, in UTC, whatever the
// zone they were written in; dates come back as UTC midnights.
func TestTimePrecision(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		w := seed(t, s, "")
		amman := time.FixedZone("+03", 3*3600)
		in := time.Date(2026, 7, 8, 23, 59, 58, 987654321, amman) // nanoseconds are dropped
		want := time.Date(2026, 7, 8, 20, 59, 58, 987654000, time.UTC)

		m := memoryItem(w.User.ID, w.Season, 1)
		m.Due, m.LastReview, m.CreatedAt, m.UpdatedAt = in, ptr(in.Add(-time.Microsecond)), in, in
		require.NoError(t, s.MemoryUpsert(ctx, []store.MemoryState{m}))
		got, err := s.MemoryGet(ctx, m.UserID, m.SeasonID, m.QuestionID)
		require.NoError(t, err)
		for name, tm := range map[string]time.Time{"due": got.Due, "created": got.CreatedAt, "updated": got.UpdatedAt} {
			require.Equal(t, want, tm, name)
			require.Equal(t, time.UTC, tm.Location(), name)
		}
		require.Equal(t, want.Add(-time.Microsecond), *got.LastReview)

		require.NoError(t, s.AuditInsert(ctx, store.AuditEntry{Action: "t", CreatedAt: in}))
		audit, err := s.AuditList(ctx, store.AuditListParams{})
		require.NoError(t, err)
		require.Len(t, audit, 1)
		require.Equal(t, want, audit[0].CreatedAt)

		_, _, err = s.SessionInsert(ctx, store.GameplaySession{UserID: w.User.ID, InstitutionID: w.Inst, ClientSessionID: "c",
			Kind: store.SessionReview, LocalDay: time.Date(2026, 7, 9, 0, 0, 0, 0, time.UTC), CreatedAt: in})
		require.NoError(t, err)
		sess, err := s.SessionGetByClientID(ctx, w.User.ID, "c")
		require.NoError(t, err)
		require.Equal(t, want, sess.CreatedAt)
		require.Equal(t, time.Date(2026, 7, 9, 0, 0, 0, 0, time.UTC), sess.LocalDay)

		// Far from the epoch, both ways.
		for _, tm := range []time.Time{time.Date(1970, 1, 1, 0, 0, 0, 1000, time.UTC), time.Date(1900, 2, 3, 4, 5, 6, 7000, time.UTC), time.Date(2199, 12, 31, 23, 59, 59, 999999000, time.UTC)} {
			m.Due = tm
			require.NoError(t, s.MemoryUpsert(ctx, []store.MemoryState{m}))
			got, err := s.MemoryGet(ctx, m.UserID, m.SeasonID, m.QuestionID)
			require.NoError(t, err)
			require.Equal(t, tm, got.Due)
		}
	})
}

// TestMemoryPartitioned: on PostgreSQL memory_state is LIST-partitioned by season with a
// default partition, which takes rows of seasons without their own partition.
func TestMemoryPartitioned(t *testing.T) {
	t.Parallel()
	if os.Getenv(PostgresURLEnv) == "" {
		t.Skipf("%s is not set", PostgresURLEnv)
	}
	ctx := context.Background()
	s, _ := OpenPostgres(t)
	db := s.Pool()

	for _, table := range []string{"memory_state", "archived_memory_state"} {
		var strategy string
		var keyCols []string
		err := db.QueryRow(ctx, `SELECT p.partstrat::text, array(SELECT a.attname::text FROM unnest(p.partattrs::int2[]) k
				JOIN pg_attribute a ON a.attrelid = p.partrelid AND a.attnum = k)
			FROM pg_partitioned_table p WHERE p.partrelid = $1::regclass`, table).Scan(&strategy, &keyCols)
		require.NoError(t, err, table)
		require.Equal(t, "l", strategy, "%s is LIST-partitioned", table)
		require.Equal(t, []string{"season_id"}, keyCols, table)

		var defaults int
		err = db.QueryRow(ctx, `SELECT count(*) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
			WHERE i.inhparent = $1::regclass AND pg_get_expr(c.relpartbound, c.oid) = 'DEFAULT'
			  AND c.relname = $2`, table, table+"_default").Scan(&defaults)
		require.NoError(t, err, table)
		require.Equal(t, 1, defaults, "%s has its default partition", table)
	}

	require.NoError(t, s.MemoryUpsert(ctx, []store.MemoryState{memoryItem(1, "any-season", 1)}))
	var n int
	require.NoError(t, db.QueryRow(ctx, "SELECT count(*) FROM memory_state_default WHERE season_id = 'any-season'").Scan(&n))
	require.Equal(t, 1, n, "the row landed in the default partition")
}

// MemoryRecord writes states and log entries together, or neither.
func TestMemoryRecord(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		require.NoError(t, s.MemoryRecord(ctx, nil, nil), "nothing to write")
		items := []store.MemoryState{memoryItem(9, "s2026", 1), memoryItem(9, "s2026", 2)}
		logs := []store.ReviewLogEntry{
			{UserID: 9, SeasonID: "s2026", QuestionID: items[0].QuestionID, SessionID: ptr(int64(4)), Source: store.XPFromReview,
				Rating: 3, Correct: true, DurationMs: 1500, StabilityAfter: 2, DueAfter: items[0].Due, ReviewedAt: t0},
			{UserID: 9, SeasonID: "s2026", QuestionID: items[1].QuestionID, Source: store.XPFromReview,
				Rating: 1, DurationMs: 900, DueAfter: items[1].Due, ReviewedAt: t0},
			{UserID: 9, SeasonID: "s2026", QuestionID: items[1].QuestionID, Source: store.XPFromReview,
				Rating: 3, Correct: true, DurationMs: 800, DueAfter: items[1].Due, ReviewedAt: t0},
		}
		require.NoError(t, s.MemoryRecord(ctx, items, logs))
		for _, m := range items {
			got, err := s.MemoryGet(ctx, 9, "s2026", m.QuestionID)
			require.NoError(t, err)
			require.Equal(t, m, got)
		}
		require.EqualValues(t, 3, count(t, s, "SELECT count(*) FROM review_log WHERE user_id = 9"))
		require.EqualValues(t, 1, count(t, s, "SELECT count(*) FROM review_log WHERE session_id = 4 AND duration_ms = 1500"))

		// Updated again with a bad log entry: neither is written.
		moved := items[0]
		moved.Reps = 99
		bad := logs[:1:1]
		bad[0].Rating = 5
		require.Error(t, s.MemoryRecord(ctx, []store.MemoryState{moved}, bad))
		got, err := s.MemoryGet(ctx, 9, "s2026", moved.QuestionID)
		require.NoError(t, err)
		require.Equal(t, items[0], got)
		require.EqualValues(t, 3, count(t, s, "SELECT count(*) FROM review_log"))
	})
}
