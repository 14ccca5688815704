package storetest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/store"
)

// requireLevelCounts checks ReviewLevelCounts of each player's season against the rows
// themselves: on PostgreSQL the counts are kept by memory_state's triggers, so every way
// rows change must keep them true.
func requireLevelCounts(t *testing.T, s store.Store, user int64, seasons ...string) {
	t.Helper()
	for _, season := range seasons {
		want := map[int]int{}
		for level := range 5 {
			n := count(t, s, fmt.Sprintf("SELECT count(*) FROM memory_state WHERE user_id = %d AND season_id = '%s' AND NOT retired AND level = %d",
				user, season, level))
			if n > 0 {
				want[level] = int(n)
			}
		}
		rows, err := s.ReviewLevelCounts(context.Background(), user, season)
		require.NoError(t, err)
		got := map[int]int{}
		for _, r := range rows {
			got[r.Level] += r.Count
		}
		require.Equal(t, want, got, "player %d, season %s", user, season)
	}
}

// The level counts follow inserts, upserts that change levels, a session's write, retired
// items, moves into a new partition, archiving (both ways) and erasing a player.
func TestLevelCountsFollowEveryWrite(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		w := seed(t, s, "")
		const other = "SEASON-2031"
		reviewItems(t, s, 7, "s2026", 12)
		reviewItems(t, s, 8, "s2026", 12)
		require.NoError(t, s.MemoryUpsert(ctx, seasonRows(7, other, 5)))
		requireLevelCounts(t, s, 7, "s2026", other)

		// An upsert moving levels, with a new item and one unretired.
		moved := memoryItem(7, "s2026", 1)
		moved.Level = 4
		fresh := memoryItem(7, "s2026", 40)
		fresh.Retired, fresh.Level = false, 1
		back := memoryItem(7, "s2026", 3)
		back.Retired = false
		require.NoError(t, s.MemoryUpsert(ctx, []store.MemoryState{moved, fresh, back}))
		requireLevelCounts(t, s, 7, "s2026")

		// A session's write (memory states with their log, in one statement on PostgreSQL).
		a, b := memoryItem(7, "s2026", 2), memoryItem(7, "s2026", 41)
		a.Level, b.Level = 3, 2
		log := []store.ReviewLogEntry{{UserID: 7, SeasonID: "s2026", QuestionID: a.QuestionID, Source: store.XPFromReview,
			Rating: 3, Correct: true, DueAfter: t0, ReviewedAt: t0}}
		require.NoError(t, s.InTx(ctx, func(tx store.Executor) error { return tx.MemoryRecord(ctx, []store.MemoryState{a, b}, log) }))
		requireLevelCounts(t, s, 7, "s2026")

		require.NoError(t, s.ReviewRetire(ctx, 7, "s2026", []string{"q0004", "q0005"}, t0.Add(time.Hour)))
		requireLevelCounts(t, s, 7, "s2026")
		requireLevelCounts(t, s, 8, "s2026")

		// The season gets a partition of its own: its rows move out of the default one.
		_, err := s.SeasonPartitionEnsure(ctx, other)
		require.NoError(t, err)
		requireLevelCounts(t, s, 7, other)
		require.NoError(t, s.MemoryUpsert(ctx, seasonRows(8, other, 2)))
		requireLevelCounts(t, s, 8, other)

		// Archiving takes the season's counts with its rows (a partition switch on PostgreSQL),
		// and rows written after are counted again.
		_, err = s.MemoryArchiveSeason(ctx, store.ArchiveParams{SeasonID: other, ArchivedAt: t0.Add(24 * time.Hour)})
		require.NoError(t, err)
		requireLevelCounts(t, s, 7, other)
		requireLevelCounts(t, s, 8, other)
		require.NoError(t, s.MemoryUpsert(ctx, seasonRows(7, other, 1)))
		requireLevelCounts(t, s, 7, other)
		_, err = s.MemoryArchiveSeason(ctx, store.ArchiveParams{SeasonID: other, ArchivedAt: t0.Add(25 * time.Hour), BatchSize: 1})
		require.NoError(t, err)
		requireLevelCounts(t, s, 7, other)

		// Erasing a player takes their rows.
		u, err := s.UserUpsert(ctx, store.UserUpsertParams{InstitutionID: w.Inst, Email: "erased@example.org", FullName: "E",
			Enabled: true, CreatedAt: t0})
		require.NoError(t, err)
		reviewItems(t, s, u.ID, "s2026", 6)
		requireLevelCounts(t, s, u.ID, "s2026")
		_, err = s.UserErase(ctx, u.ID, "erased@example.org")
		require.NoError(t, err)
		requireLevelCounts(t, s, u.ID, "s2026")
		requireLevelCounts(t, s, 7, "s2026")
	})
}
