// Package pgstore implements store.Store on PostgreSQL with a pgx pool. The memory-state
// table is partitioned by season (LIST).
package pgstore

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"strings"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"

	"memora/internal/store"
	"memora/internal/store/migrations"
	"memora/internal/store/pgstore/pgdb"
)

// Options tunes the pool.
type Options struct {
	// MaxConns is the pool size; about 8 suits a 2-core machine. A replica gets a pool of
	// its own of the same size.
	MaxConns int32
	// MinConns is how many connections the pool keeps open even when idle (up to MaxConns):
	// a server that keeps its whole pool does not open connections under its first load.
	MinConns int32
	// ReplicaURL, when set, is a streaming read replica of the database: the lag-tolerant
	// reads (replica.go) of contexts marked by store.WithReplicaReads go to it while it is
	// up, to the primary otherwise.
	ReplicaURL string
	// ReplicaMaxLag is how far behind the primary the replica may be and still answer
	// (DefaultReplicaMaxLag when zero); ReplicaCheckEvery how often that is checked
	// (DefaultReplicaCheckEvery when zero).
	ReplicaMaxLag     time.Duration
	ReplicaCheckEvery time.Duration
	// Logger hears the replica coming into and going out of use; ReplicaUp is called with
	// false at open and on each change.
	Logger    *slog.Logger
	ReplicaUp func(up bool)
}

// Store is a PostgreSQL database.
type Store struct {
	executor
	pool    *pgxpool.Pool
	replica *replica // nil without a replica
	// warmed is set by Warm: from then on every new connection prepares the hot statements.
	warmed *atomic.Bool
}

var _ store.Store = (*Store)(nil)

// Open connects to url and applies migrations.
func Open(ctx context.Context, url string, opts Options) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("pgstore: parse url: %w", err)
	}
	if opts.MaxConns > 0 {
		cfg.MaxConns = opts.MaxConns
	}
	cfg.MinConns = min(opts.MinConns, cfg.MaxConns)
	warmed := new(atomic.Bool)
	cfg.AfterConnect = func(ctx context.Context, c *pgx.Conn) error {
		if err := scanTimesInUTC(ctx, c); err != nil {
			return err
		}
		if warmed.Load() { // not before: the migrations may not have made the tables yet
			_ = prepareHot(ctx, c) // a statement that fails to prepare is prepared on use as before
		}
		return nil
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("pgstore: connect: %w", err)
	}
	db := stdlib.OpenDBFromPool(pool)
	err = migrations.Apply(ctx, db, store.Postgres)
	db.Close()
	if err != nil {
		pool.Close()
		return nil, fmt.Errorf("pgstore: %w", err)
	}
	s := &Store{executor: executor{q: pgdb.New(pool), db: pool}, pool: pool, warmed: warmed}
	if opts.ReplicaURL != "" {
		if s.replica, err = openReplica(ctx, opts); err != nil {
			pool.Close()
			return nil, err
		}
	}
	return s, nil
}

// scanTimesInUTC makes every timestamptz come back in UTC, whatever the server's zone.
func scanTimesInUTC(_ context.Context, conn *pgx.Conn) error {
	conn.TypeMap().RegisterType(&pgtype.Type{
		Name: "timestamptz", OID: pgtype.TimestamptzOID, Codec: &pgtype.TimestamptzCodec{ScanLocation: time.UTC},
	})
	return nil
}

// Pool is the connection pool (River shares it).
func (s *Store) Pool() *pgxpool.Pool { return s.pool }

// Engine reports PostgreSQL.
func (s *Store) Engine() store.Engine { return store.Postgres }

// Ping checks the connection.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.pool.Ping(ctx); err != nil {
		return fmt.Errorf("pgstore: ping: %w", err)
	}
	return nil
}

// Close closes the pools.
func (s *Store) Close() error {
	s.replica.close()
	s.pool.Close()
	return nil
}

// InTx runs fn in one transaction. A failure to reach the server — at BEGIN, inside fn or at
// COMMIT — is store.ErrUnavailable, so a caller (and the client) retries rather than failing.
func (s *Store) InTx(ctx context.Context, fn func(tx store.Executor) error) error {
	return unavailable("transaction", pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		return fn(executor{q: pgdb.New(tx), db: tx, tx: tx})
	}))
}

// unavailable marks err as store.ErrUnavailable when it is a failure to reach the server
// that is not marked yet; any other error is returned as it is.
func unavailable(op string, err error) error {
	if err == nil || errors.Is(err, store.ErrUnavailable) || !unreachable(err) {
		return err
	}
	return fmt.Errorf("%s: %w: %w", op, store.ErrUnavailable, err)
}

// dbtx is what both the pool and a transaction offer.
type dbtx interface {
	pgdb.DBTX
	SendBatch(ctx context.Context, b *pgx.Batch) pgx.BatchResults
	Begin(ctx context.Context) (pgx.Tx, error)
}

type executor struct {
	q  *pgdb.Queries
	db dbtx
	tx pgx.Tx // nil outside a transaction
}

// inWrite runs fn in a transaction (a nested one, a savepoint, when already inside one),
// so multi-statement writes are atomic either way.
func (e executor) inWrite(ctx context.Context, fn func(q *pgdb.Queries) error) error {
	return unavailable("write", pgx.BeginFunc(ctx, e.db, func(tx pgx.Tx) error { return fn(pgdb.New(tx)) }))
}

// wrap turns driver errors into the store's sentinels, prefixed with the operation.
func wrap(op string, err error) error {
	var pgErr *pgconn.PgError
	switch {
	case err == nil:
		return nil
	case errors.Is(err, pgx.ErrNoRows):
		return fmt.Errorf("%s: %w", op, store.ErrNotFound)
	case errors.As(err, &pgErr) && pgErr.Code == "23505":
		return fmt.Errorf("%s: %w: %v", op, store.ErrConflict, err)
	case unreachable(err):
		return fmt.Errorf("%s: %w: %v", op, store.ErrUnavailable, err)
	default:
		return fmt.Errorf("%s: %w", op, err)
	}
}

// unreachable reports a failure to reach the server (as opposed to a failed statement):
// connecting failed, the connection broke, or the server is shutting down.
func unreachable(err error) bool {
	var connectErr *pgconn.ConnectError
	var pgErr *pgconn.PgError
	switch {
	case errors.As(err, &connectErr), pgconn.SafeToRetry(err), pgconn.Timeout(err),
		errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return true
	case errors.As(err, &pgErr):
		// 08: connection exception; 57P: operator intervention (shutdown, cannot connect now).
		return strings.HasPrefix(pgErr.Code, "08") || strings.HasPrefix(pgErr.Code, "57P")
	default:
		var netErr net.Error
		return errors.As(err, &netErr)
	}
}

// affected reports ErrNotFound when an update touched no row.
func affected(op string, n int64, err error) error {
	if err == nil && n == 0 {
		return wrap(op, pgx.ErrNoRows)
	}
	return wrap(op, err)
}
