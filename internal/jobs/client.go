package jobs

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivertype"
	"riverqueue.com/riverui"
	"riverqueue.com/riverui/uiendpoints"

	"memora/internal/store"
	"memora/internal/store/litestore"
	"memora/internal/store/pgstore"
)

// queue is a River client of either engine (the transaction type differs).
type queue interface {
	start(ctx context.Context) error
	stop(ctx context.Context) error
	stopAndCancel(ctx context.Context) error
	insertTx(ctx context.Context, tx any, args river.JobArgs) (*rivertype.JobInsertResult, error)
	subscribe(kinds ...river.EventKind) (<-chan *river.Event, func())
	executor() riverdriver.Executor
	endpoints() uiendpoints.Bundle
}

type client[TTx any] struct{ c *river.Client[TTx] }

func (q client[TTx]) start(ctx context.Context) error         { return q.c.Start(ctx) }
func (q client[TTx]) stop(ctx context.Context) error          { return q.c.Stop(ctx) }
func (q client[TTx]) stopAndCancel(ctx context.Context) error { return q.c.StopAndCancel(ctx) }
func (q client[TTx]) executor() riverdriver.Executor          { return q.c.Driver().GetExecutor() }
func (q client[TTx]) endpoints() uiendpoints.Bundle           { return riverui.NewEndpoints(q.c, nil) }

func (q client[TTx]) subscribe(kinds ...river.EventKind) (<-chan *river.Event, func()) {
	return q.c.Subscribe(kinds...)
}

func (q client[TTx]) insertTx(ctx context.Context, tx any, args river.JobArgs) (*rivertype.JobInsertResult, error) {
	t, ok := tx.(TTx)
	if !ok {
		return nil, fmt.Errorf("jobs: transaction %T does not belong to this database", tx)
	}
	return q.c.InsertTx(ctx, t, args, nil)
}

// newQueue builds the River client on the store's own database: the pgx pool on
// PostgreSQL, the single writer connection on SQLite (River's SQLite driver wants one
// connection, and it keeps job writes in line with the application's).
func newQueue(st store.Store, cfg *river.Config) (queue, error) {
	switch db := st.(type) {
	case *pgstore.Store:
		c, err := river.NewClient(riverpgxv5.New(db.Pool()), cfg)
		return client[pgx.Tx]{c}, wrapNew(err)
	case *litestore.Store:
		c, err := river.NewClient(riversqlite.New(db.Writer()), cfg)
		return client[*sql.Tx]{c}, wrapNew(err)
	}
	return nil, fmt.Errorf("jobs: unsupported store %T", st)
}

func wrapNew(err error) error {
	if err != nil {
		return fmt.Errorf("jobs: river client: %w", err)
	}
	return nil
}
