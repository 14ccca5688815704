package storetest

import (
	"context"
	"os"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"memora/internal/store"
)

// Issue 13.4: a transaction that cannot reach PostgreSQL fails with store.ErrUnavailable
// (a 503 with Retry-After), at BEGIN as well as inside it. The test takes its own database
// away (no new connections, its connections terminated) and touches no other database.
func TestATransactionWhileThePostgreSQLDatabaseIsUnavailableFailsWithErrUnavailable(t *testing.T) {
	t.Parallel()
	if os.Getenv(PostgresURLEnv) == "" {
		t.Skip("needs PostgreSQL: set " + PostgresURLEnv)
	}
	ctx := context.Background()
	s, _ := OpenPostgres(t)
	var name string
	require.NoError(t, s.Pool().QueryRow(ctx, "SELECT current_database()").Scan(&name))
	admin, err := pgx.Connect(ctx, os.Getenv(PostgresURLEnv))
	require.NoError(t, err)
	t.Cleanup(func() { _ = admin.Close(ctx) })
	ident := pgx.Identifier{name}.Sanitize()
	_, err = admin.Exec(ctx, "ALTER DATABASE "+ident+" ALLOW_CONNECTIONS false")
	require.NoError(t, err)
	t.Cleanup(func() { _, _ = admin.Exec(ctx, "ALTER DATABASE "+ident+" ALLOW_CONNECTIONS true") })
	_, err = admin.Exec(ctx, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1", name)
	require.NoError(t, err)

	err = s.InTx(ctx, func(tx store.Executor) error { return tx.PlayerLock(ctx, 1) })
	require.ErrorIs(t, err, store.ErrUnavailable)
	_, err = s.SessionGetByClientID(ctx, 1, "x")
	require.ErrorIs(t, err, store.ErrUnavailable)
}
