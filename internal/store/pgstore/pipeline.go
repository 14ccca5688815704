package pgstore

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"memora/internal/store/pgstore/pgdb"
)

// errQueued is what a statement answers while its call is being queued (pipeline).
var errQueued = errors.New("pgstore: statement queued")

// pipeline runs calls — each a few of the executor's own methods — with all their
// statements sent as one pgx batch: one round trip. Each call runs twice, first against a
// recorder that queues its statements (their answers are errQueued, ignored), then against
// the batch's results, in the same order, so the methods' own argument conversion, scanning
// and error wrapping apply unchanged. A call must send the same statements both times: no
// statement may depend on another's answer within one call. The first error stops the rest.
func (e executor) pipeline(ctx context.Context, calls ...func(ex executor) error) error {
	b := &pgx.Batch{}
	rec := &queueing{b: b}
	counts := make([]int, len(calls))
	for i, call := range calls {
		before := b.Len()
		if err := call(executor{q: pgdb.New(rec), db: e.db, tx: e.tx}); err != nil && !errors.Is(err, errQueued) {
			return err
		}
		counts[i] = b.Len() - before
	}
	if b.Len() == 0 {
		return nil
	}
	br := e.db.SendBatch(ctx, b)
	rep := &replaying{br: br}
	var first error
	for i, call := range calls {
		rep.left = counts[i]
		err := call(executor{q: pgdb.New(rep), db: e.db, tx: e.tx})
		if err == nil && rep.left != 0 {
			err = fmt.Errorf("pgstore: pipeline: call %d read %d statements fewer than it queued", i, rep.left)
		}
		if err != nil {
			first = err
			break
		}
	}
	if err := br.Close(); first == nil && err != nil {
		first = wrap("pipeline", err)
	}
	return first
}

// queueing is a pgdb.DBTX that queues every statement in a batch and answers errQueued.
type queueing struct{ b *pgx.Batch }

func (q *queueing) Exec(_ context.Context, sql string, args ...any) (pgconn.CommandTag, error) {
	q.b.Queue(sql, args...)
	return pgconn.CommandTag{}, errQueued
}

func (q *queueing) Query(_ context.Context, sql string, args ...any) (pgx.Rows, error) {
	q.b.Queue(sql, args...)
	return nil, errQueued
}

func (q *queueing) QueryRow(_ context.Context, sql string, args ...any) pgx.Row {
	q.b.Queue(sql, args...)
	return errRow{errQueued}
}

// replaying is a pgdb.DBTX that answers each statement with the batch's next result; left
// is how many the current call may still read.
type replaying struct {
	br   pgx.BatchResults
	left int
}

var errPipelineShape = errors.New("pgstore: pipeline: a call sent a statement it had not queued")

func (r *replaying) next() bool {
	if r.left <= 0 {
		return false
	}
	r.left--
	return true
}

func (r *replaying) Exec(context.Context, string, ...any) (pgconn.CommandTag, error) {
	if !r.next() {
		return pgconn.CommandTag{}, errPipelineShape
	}
	return r.br.Exec()
}

func (r *replaying) Query(context.Context, string, ...any) (pgx.Rows, error) {
	if !r.next() {
		return nil, errPipelineShape
	}
	return r.br.Query()
}

func (r *replaying) QueryRow(context.Context, string, ...any) pgx.Row {
	if !r.next() {
		return errRow{errPipelineShape}
	}
	return r.br.QueryRow()
}

// errRow is a pgx.Row that fails.
type errRow struct{ err error }

func (r errRow) Scan(...any) error { return r.err }
