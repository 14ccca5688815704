package litestore

import (
	"context"
	"database/sql"
	"sync/atomic"

	"memora/internal/store"
)

// A review submission's reads (store.SessionOpen: the answered items' memory rows, the
// season's level counts, a topic's items) used to run after BEGIN IMMEDIATE, holding the
// one writer connection, and so every other write, while they read. InTxBatched makes
// them first on a reader connection, in one read transaction with the player's memory
// version (memory_versions, which a trigger counts up in the transaction of every change
// of one of the player's memory_state rows, whoever makes it), and only then takes the
// writer: under the write lock it reads the version again (the player's lock, as
// PlayerLock) and keeps the reads when it is unchanged, or makes them again under the lock
// when a change committed in between. Everything after SessionOpen (the session row, the
// memory writes, the XP credits and the quests' reads) runs under the lock as before: a
// retried session id is still refused by the insert, and the player's credits are still
// applied one transaction at a time.

var _ store.BatchedTx = (*Store)(nil)

// openStats count how InTxBatched's SessionOpen ended (tests and diagnostics).
type openStats struct {
	kept   atomic.Int64 // the reads made before the lock stood
	reread atomic.Int64 // they were made again under the lock
}

// InTxBatched is InTx for a record.Batched session: fn's first call must be SessionOpen,
// which reads before BEGIN IMMEDIATE (see above) and begins the transaction; every call
// after it runs in the transaction, which commits when fn returns nil. The executor has no
// driver transaction (no job can be enqueued in it), as on PostgreSQL.
func (s *Store) InTxBatched(ctx context.Context, fn func(tx store.Executor) error) error {
	b := &batchedTx{s: s}
	err := fn(b)
	if b.tx == nil {
		return err
	}
	if err != nil {
		_ = b.tx.Rollback()
		return err
	}
	if err := b.tx.Commit(); err != nil {
		return wrap("litestore: commit", err)
	}
	return nil
}

// batchedTx is InTxBatched's executor: nothing until SessionOpen has begun the
// transaction, then the transaction's executor.
type batchedTx struct {
	store.Executor // nil until SessionOpen
	s              *Store
	tx             *sql.Tx
}

// SessionOpen reads on a reader connection, then begins the transaction and keeps those
// reads if the player's memory version is unchanged under the write lock, else reads again.
// A later call (none is expected) reads in the transaction.
func (b *batchedTx) SessionOpen(ctx context.Context, q store.SessionOpen) (store.SessionOpened, error) {
	if b.tx != nil {
		return b.Executor.SessionOpen(ctx, q)
	}
	before, version, preErr := b.s.openBeforeLock(ctx, q)
	if b.s.beforeLock != nil {
		b.s.beforeLock()
	}
	tx, err := b.s.writer.BeginTx(ctx, nil)
	if err != nil {
		return store.SessionOpened{}, wrap("litestore: begin", err)
	}
	b.tx = tx
	w := b.s.w.WithTx(tx)
	in := executor{r: w, w: w, tx: tx}
	b.Executor = in
	v, err := w.MemoryVersion(ctx, q.UserID)
	if err != nil {
		return store.SessionOpened{}, wrap("player lock", err)
	}
	if preErr == nil && v.Version == version {
		b.s.opens.kept.Add(1)
		return before, nil
	}
	b.s.opens.reread.Add(1)
	return store.SessionOpenSerial(ctx, in, q)
}

// openBeforeLock makes SessionOpen's reads and reads the player's memory version in one
// read transaction on a reader connection (one snapshot). An error (no profile, a reader
// failing) leaves the reads to the locked path, whose answer stands.
func (s *Store) openBeforeLock(ctx context.Context, q store.SessionOpen) (store.SessionOpened, int64, error) {
	tx, err := s.reader.BeginTx(ctx, nil)
	if err != nil {
		return store.SessionOpened{}, 0, err
	}
	// Read-only: ending it releases the snapshot.
	defer func() { _ = tx.Rollback() }()
	r := s.r.WithTx(tx)
	v, err := r.MemoryVersion(ctx, q.UserID)
	if err != nil {
		return store.SessionOpened{}, 0, err
	}
	read, err := store.SessionOpenSerial(ctx, executor{r: r, w: r, tx: tx}, q)
	return read, v.Version, err
}
