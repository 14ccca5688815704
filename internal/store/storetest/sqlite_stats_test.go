package storetest

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"memora/internal/store"
	"memora/internal/store/litestore"
)

// Opening a SQLite store drops ANALYZE's sampled statistics (sqlite_stat4), with which SQLite
// re-plans every statement whose bound values might change the plan on each execution, and
// keeps the per-index averages (sqlite_stat1); the store keeps answering.
func TestSQLiteOpenDropsStat4(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "stats.db")
	s1, err := litestore.Open(ctx, path, litestore.Options{})
	require.NoError(t, err)
	for _, id := range []string{"a", "b", "c"} {
		require.NoError(t, s1.InstitutionUpsert(ctx, store.Institution{ID: id, Name: id, TimeZone: "UTC"}))
	}
	_, err = s1.Writer().ExecContext(ctx, "ANALYZE")
	require.NoError(t, err)
	require.Positive(t, count(t, s1, "SELECT count(*) FROM sqlite_stat4"), "this SQLite keeps samples (STAT4)")
	stat1 := count(t, s1, "SELECT count(*) FROM sqlite_stat1")
	require.Positive(t, stat1)
	require.NoError(t, s1.Close())

	s2, err := litestore.Open(ctx, path, litestore.Options{})
	require.NoError(t, err)
	defer s2.Close()
	require.Zero(t, count(t, s2, "SELECT count(*) FROM sqlite_stat4"), "samples dropped at open")
	require.Equal(t, stat1, count(t, s2, "SELECT count(*) FROM sqlite_stat1"), "averages kept")
	got, err := s2.InstitutionGet(ctx, "b")
	require.NoError(t, err)
	require.Equal(t, "b", got.ID)

	// A database never analysed opens as before.
	s3, err := litestore.Open(ctx, filepath.Join(t.TempDir(), "fresh.db"), litestore.Options{})
	require.NoError(t, err)
	require.NoError(t, s3.Close())
}

// The all-time top of the embedded mode (LeaderboardTopTotal, litestore/queries/leaderboard.sql)
// reads player_profiles through the XP index of migration 00170, whose order is the board's:
// a walk of its first rows, not a sort of every player.
func TestSQLiteAllTimeBoardIndexed(t *testing.T) {
	t.Parallel()
	s := Open(t, store.SQLite).(*litestore.Store)
	var plan string
	rows, err := s.Writer().Query(`EXPLAIN QUERY PLAN SELECT p.user_id, p.total_xp AS xp
FROM player_profiles p INDEXED BY player_profiles_xp_idx JOIN users u ON u.id = p.user_id
WHERE u.institution_id = 'x' AND u.enabled AND p.total_xp > 0
ORDER BY p.total_xp DESC, p.user_id DESC LIMIT 50`)
	require.NoError(t, err)
	defer rows.Close()
	for rows.Next() {
		var id, parent, unused int
		var detail string
		require.NoError(t, rows.Scan(&id, &parent, &unused, &detail))
		plan += detail + "\n"
	}
	require.NoError(t, rows.Err())
	require.Contains(t, plan, "player_profiles_xp_idx")
	require.NotContains(t, plan, "TEMP B-TREE")
}
