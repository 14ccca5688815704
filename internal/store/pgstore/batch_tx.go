package pgstore

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"memora/internal/store"
	"memora/internal/store/pgstore/pgdb"
)

var _ store.BatchedTx = (*Store)(nil)

// InTxBatched is InTx with its BEGIN sent in the same round trip as the transaction's first
// batch (or statement): one round trip fewer. Its executor has no driver transaction
// (DriverTx is nil: no job can be enqueued in it) and no nested transactions (a write that
// needs a savepoint fails). A failure to reach the server is store.ErrUnavailable, as in InTx.
func (s *Store) InTxBatched(ctx context.Context, fn func(tx store.Executor) error) error {
	return unavailable("transaction", s.inTxBatched(ctx, fn))
}

func (s *Store) inTxBatched(ctx context.Context, fn func(tx store.Executor) error) error {
	c, err := s.pool.Acquire(ctx)
	if err != nil {
		return err
	}
	// A connection released inside a transaction (a failed rollback) is closed by the pool.
	defer c.Release()
	t := &batchTx{conn: c.Conn()}
	if err := fn(executor{q: pgdb.New(t), db: t}); err != nil {
		t.rollback(ctx)
		return err
	}
	return t.commit(ctx)
}

// errNoSavepoint is a nested transaction asked of a batched one.
var errNoSavepoint = errors.New("pgstore: a batched transaction has no nested transactions")

// batchTx is a transaction on one connection whose BEGIN goes with its first batch or
// statement. Each batch sent before BEGIN succeeded starts with it.
type batchTx struct {
	conn  *pgx.Conn
	begun bool // BEGIN was sent (whatever its answer: commit or rollback follows)
}

// begin sends BEGIN alone, for a first statement sent outside a batch.
func (t *batchTx) begin(ctx context.Context) error {
	if t.begun {
		return nil
	}
	t.begun = true
	_, err := t.conn.Exec(ctx, "begin")
	return err
}

func (t *batchTx) Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error) {
	if err := t.begin(ctx); err != nil {
		return pgconn.CommandTag{}, err
	}
	return t.conn.Exec(ctx, sql, args...)
}

func (t *batchTx) Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error) {
	if err := t.begin(ctx); err != nil {
		return nil, err
	}
	return t.conn.Query(ctx, sql, args...)
}

func (t *batchTx) QueryRow(ctx context.Context, sql string, args ...any) pgx.Row {
	if err := t.begin(ctx); err != nil {
		return errRow{err}
	}
	return t.conn.QueryRow(ctx, sql, args...)
}

// SendBatch sends b, led by BEGIN when it is the transaction's first.
func (t *batchTx) SendBatch(ctx context.Context, b *pgx.Batch) pgx.BatchResults {
	if t.begun {
		return t.conn.SendBatch(ctx, b)
	}
	t.begun = true
	led := &pgx.Batch{QueuedQueries: make([]*pgx.QueuedQuery, 0, 1+len(b.QueuedQueries))}
	led.Queue("begin")
	led.QueuedQueries = append(led.QueuedQueries, b.QueuedQueries...)
	br := t.conn.SendBatch(ctx, led)
	if _, err := br.Exec(); err != nil {
		return &failedBatch{BatchResults: br, err: err}
	}
	return br
}

func (t *batchTx) Begin(context.Context) (pgx.Tx, error) { return nil, errNoSavepoint }

// commit ends the transaction; a transaction that failed on the server reports
// pgx.ErrTxCommitRollback, as pgx's Commit does.
func (t *batchTx) commit(ctx context.Context) error {
	if !t.begun {
		return nil // nothing was sent
	}
	tag, err := t.conn.Exec(ctx, "commit")
	if err != nil {
		return err
	}
	if tag.String() == "ROLLBACK" {
		return pgx.ErrTxCommitRollback
	}
	return nil
}

// rollback ends a failed transaction; when it cannot, the connection is dropped on release.
func (t *batchTx) rollback(ctx context.Context) {
	if t.begun && !t.conn.IsClosed() {
		_, _ = t.conn.Exec(ctx, "rollback")
	}
}

// failedBatch answers every statement of a batch whose BEGIN failed with that error.
type failedBatch struct {
	pgx.BatchResults
	err error
}

func (f *failedBatch) Exec() (pgconn.CommandTag, error) { return pgconn.CommandTag{}, f.err }
func (f *failedBatch) Query() (pgx.Rows, error)         { return nil, f.err }
func (f *failedBatch) QueryRow() pgx.Row                { return errRow{f.err} }
