package app_test

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"memora/internal/app"
	"memora/internal/clock"
	"memora/internal/config"
	"memora/internal/store"
	"memora/internal/store/pgstore"
	"memora/internal/store/pgstore/pgdb"
	"memora/internal/store/storetest"
)

func openPrimed(t *testing.T, dbURL string) *app.App {
	t.Helper()
	cfg, err := config.Parse(map[string]string{"MEMORA_DATABASE_URL": dbURL, "MEMORA_WORKER": "false", "MEMORA_DB_MAX_CONNS": "4"})
	require.NoError(t, err)
	require.True(t, cfg.Prime, "priming is on by default")
	a, err := app.Open(context.Background(), cfg, slog.New(slog.NewTextHandler(io.Discard, nil)), clock.System{})
	require.NoError(t, err)
	t.Cleanup(func() { a.Close() })
	return a
}

// Priming opens the whole PostgreSQL pool with the hot statements prepared on every
// connection, and puts the seasons in the read cache.
func TestPrimeFillsThePoolStatementsAndSeasons(t *testing.T) {
	base := os.Getenv(storetest.PostgresURLEnv)
	if base == "" {
		t.Skip(storetest.PostgresURLEnv + " not set")
	}
	ctx := context.Background()
	a := openPrimed(t, storetest.NewPostgresDatabase(t, base))
	at := time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC)
	season := store.Season{ID: "s1", Title: "before", StartDate: at, EndDate: at.AddDate(1, 0, 0), IsActive: true,
		Scheduler: store.SchedulerFSRS, DesiredRetention: 0.9, GradeMapping: "binary", CreatedAt: at}
	require.NoError(t, a.Store.SeasonUpsert(ctx, season))

	a.Prime(ctx)

	pool := a.Store.(*pgstore.Store).Pool()
	require.EqualValues(t, 4, pool.Stat().TotalConns(), "every connection of the pool is open")
	conns := make([]*pgxpool.Conn, 4)
	for i := range conns { // held together: four distinct connections
		c, err := pool.Acquire(ctx)
		require.NoError(t, err)
		conns[i] = c
	}
	for _, c := range conns {
		var prepared int
		require.NoError(t, c.QueryRow(ctx, "select count(*) from pg_prepared_statements").Scan(&prepared))
		require.GreaterOrEqual(t, prepared, len(pgdb.HotQueries()), "the hot statements are prepared on each connection")
		c.Release()
	}

	season.Title = "after" // changed behind the read cache's back
	require.NoError(t, a.Store.SeasonUpsert(ctx, season))
	got, err := a.Reads.SeasonGet(ctx, "s1")
	require.NoError(t, err)
	require.Equal(t, "before", got.Title, "the season was read into the cache by Prime, not now")
}

// Priming is harmless on SQLite (serve --demo): there is no pool to open, the seasons are
// cached all the same.
func TestPrimeOnSQLite(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	a := openPrimed(t, "sqlite:"+filepath.Join(t.TempDir(), "m.db"))
	at := time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC)
	season := store.Season{ID: "s1", Title: "before", StartDate: at, EndDate: at.AddDate(1, 0, 0), IsActive: true,
		Scheduler: store.SchedulerFSRS, DesiredRetention: 0.9, GradeMapping: "binary", CreatedAt: at}
	require.NoError(t, a.Store.SeasonUpsert(ctx, season))
	a.Prime(ctx)
	season.Title = "after"
	require.NoError(t, a.Store.SeasonUpsert(ctx, season))
	got, err := a.Reads.SeasonGet(ctx, "s1")
	require.NoError(t, err)
	require.Equal(t, "before", got.Title)
}
