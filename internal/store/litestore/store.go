// Package litestore implements store.Store on embedded SQLite (modernc.org/sqlite, no cgo):
// WAL, one writer connection (BEGIN IMMEDIATE) and a small reader pool, as more concurrent
// SQLite connections collapse throughput on a small machine.
package litestore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"

	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"memora/internal/store"
	"memora/internal/store/litestore/litedb"
	"memora/internal/store/migrations"
)

// Options tunes the connection pools.
type Options struct {
	// Readers is the size of the read-only pool (about the number of cores).
	Readers int
}

// Store is a SQLite database file.
type Store struct {
	executor
	writer *sql.DB
	reader *sql.DB
	path   string
	// ckpt is the checkpointer's connection; stop ends it and stopped says it ended.
	ckpt *sql.DB
	// restartFrames is the WAL size from which a checkpoint round restarts it.
	restartFrames int
	stop          chan struct{}
	stopped       chan struct{}
	stopOnce      sync.Once
	// opens count how InTxBatched's reads before the write lock ended (session_open.go);
	// beforeLock, when set (tests), runs between those reads and the lock.
	opens      openStats
	beforeLock func()
}

var _ store.Store = (*Store)(nil)

// Open opens (creating if needed) the database file at path and applies migrations.
func Open(ctx context.Context, path string, opts Options) (*Store, error) {
	if opts.Readers <= 0 {
		opts.Readers = 2
	}
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("litestore: create dir: %w", err)
		}
	}
	writer, err := sql.Open("sqlite", dsn(path, writerConn))
	if err != nil {
		return nil, fmt.Errorf("litestore: open writer: %w", err)
	}
	writer.SetMaxOpenConns(1)
	writer.SetMaxIdleConns(1)
	writer.SetConnMaxLifetime(0)
	if err := migrations.Apply(ctx, writer, store.SQLite); err != nil {
		writer.Close()
		return nil, fmt.Errorf("litestore: %w", err)
	}
	if err := dropStat4(ctx, writer); err != nil {
		writer.Close()
		return nil, fmt.Errorf("litestore: statistics: %w", err)
	}
	reader, err := sql.Open("sqlite", dsn(path, readerConn))
	if err != nil {
		writer.Close()
		return nil, fmt.Errorf("litestore: open reader: %w", err)
	}
	reader.SetMaxOpenConns(opts.Readers)
	reader.SetMaxIdleConns(opts.Readers)
	rq, err := litedb.Prepare(ctx, reader)
	if err != nil {
		return nil, errors.Join(fmt.Errorf("litestore: prepare reads: %w", err), reader.Close(), writer.Close())
	}
	wq, err := litedb.Prepare(ctx, writer)
	if err != nil {
		return nil, errors.Join(fmt.Errorf("litestore: prepare writes: %w", err), rq.Close(), reader.Close(), writer.Close())
	}
	ckpt, err := sql.Open("sqlite", dsn(path, checkpointConn))
	if err != nil {
		return nil, errors.Join(fmt.Errorf("litestore: open checkpointer: %w", err), rq.Close(), wq.Close(), reader.Close(), writer.Close())
	}
	ckpt.SetMaxOpenConns(1)
	s := &Store{writer: writer, reader: reader, path: path, ckpt: ckpt, restartFrames: restartFrames, stop: make(chan struct{}), stopped: make(chan struct{})}
	s.executor = executor{r: rq, w: wq, wdb: writer, boards: newBoardCache()}
	go s.checkpoints()
	return s, nil
}

// dropStat4 deletes the sampled statistics of ANALYZE (sqlite_stat4) and keeps the
// per-index averages (sqlite_stat1); it runs on the writer before the readers open, so
// every connection of the store plans with sqlite_stat1 alone. With samples SQLite expires
// a prepared statement whenever a value bound to an indexed column changes, when that
// value might change the plan (sqlite3_prepare_v2's documentation), so nearly every
// execution of the store's per-user lookups was parsed and planned again: 14 % of the
// server's CPU samples in the 500 req/s mix, part of it inside the one writer's
// transactions. The store's queries look up one user's rows, whose plans the averages
// choose as well. An ANALYZE (or PRAGMA optimize) run while the server runs brings the
// samples back until the next start.
func dropStat4(ctx context.Context, db *sql.DB) error {
	var n int
	if err := db.QueryRowContext(ctx, stat4Exists).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return nil
	}
	if _, err := db.ExecContext(ctx, stat4Delete); err != nil {
		return err
	}
	// Reload the statistics of the connection that already read them (the writer's).
	_, err := db.ExecContext(ctx, statReload)
	return err
}

// Maintenance statements on SQLite's own tables (sqlc knows only the schema's).
const (
	stat4Exists = `SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'sqlite_stat4'`
	stat4Delete = `DELETE FROM sqlite_stat4`
	statReload  = `ANALYZE sqlite_schema`
)

// connRole is what a connection of the store is for.
type connRole int

const (
	writerConn     connRole = iota // the one writer
	readerConn                     // the read-only pool
	checkpointConn                 // the WAL checkpointer (checkpoint.go)
)

func dsn(path string, role connRole) string {
	busy := 10000
	if role == checkpointConn {
		busy = checkpointWaitMillis
	}
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busy))
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Add("_pragma", "foreign_keys(ON)")
	// Each connection's page cache (default 2 MB) and memory-mapped reads: pages of a hot
	// table are read without a pread system call each.
	q.Add("_pragma", "cache_size(-32768)")
	q.Add("_pragma", "mmap_size(1073741824)")
	switch role {
	case writerConn:
		q.Set("_txlock", "immediate")
		q.Add("_pragma", fmt.Sprintf("wal_autocheckpoint(%d)", walBackstopPages))
		q.Add("_pragma", fmt.Sprintf("journal_size_limit(%d)", walSizeLimit))
	case readerConn:
		q.Add("_pragma", "query_only(ON)")
	}
	// SQLite URI filenames are percent-decoded: escape what would end the path.
	escaped := strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(path)
	return "file:" + escaped + "?" + q.Encode()
}

// Engine reports SQLite.
func (s *Store) Engine() store.Engine { return store.SQLite }

// Path is the database file.
func (s *Store) Path() string { return s.path }

// Writer is the single writer connection pool (for River, which shares the database).
func (s *Store) Writer() *sql.DB { return s.writer }

// Ping checks both pools.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.writer.PingContext(ctx); err != nil {
		return fmt.Errorf("litestore: ping: %w", err)
	}
	return s.reader.PingContext(ctx)
}

// Close closes the prepared statements and both pools.
func (s *Store) Close() error {
	s.stopOnce.Do(func() { close(s.stop) })
	<-s.stopped
	return errors.Join(s.ckpt.Close(), s.r.Close(), s.w.Close(), s.reader.Close(), s.writer.Close())
}

// InTx runs fn in one BEGIN IMMEDIATE transaction on the writer connection.
func (s *Store) InTx(ctx context.Context, fn func(tx store.Executor) error) error {
	tx, err := s.writer.BeginTx(ctx, nil)
	if err != nil {
		return wrap("litestore: begin", err)
	}
	q := s.w.WithTx(tx)
	if err := fn(executor{r: q, w: q, tx: tx}); err != nil {
		_ = tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return wrap("litestore: commit", err)
	}
	return nil
}

// executor routes reads to the reader pool and writes to the writer; inside a transaction
// both are the transaction.
type executor struct {
	r, w *litedb.Queries
	wdb  *sql.DB // nil inside a transaction
	tx   *sql.Tx // nil outside a transaction
	// boards are the dated leaderboards kept in memory; nil inside a transaction (its
	// queries read the transaction's own snapshot).
	boards *boardCache
}

// inWrite runs fn in a transaction unless the executor already is one, so multi-statement
// writes (a lesson and its stages) are atomic either way.
func (e executor) inWrite(ctx context.Context, fn func(q *litedb.Queries) error) error {
	if e.tx != nil {
		return fn(e.w)
	}
	tx, err := e.wdb.BeginTx(ctx, nil)
	if err != nil {
		return wrap("litestore: begin", err)
	}
	if err := fn(e.w.WithTx(tx)); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}
