package litestore

import (
	"context"
	"fmt"
	"time"
)

// WAL checkpoints happen off the request path. SQLite's automatic checkpoint runs inside
// the commit that crosses its threshold, while every write queued behind the one writer
// connection waits for it (it copies up to the whole WAL into the database file and fsyncs
// both). A PASSIVE checkpoint on a connection of its own copies without any lock, but the
// WAL only starts again from its beginning when a write begins after a complete copy with
// no reader left on an older snapshot, which continuous writes never allow: the WAL grew to
// the automatic threshold and the writer paid for it every few seconds. So each round
// copies in PASSIVE passes, and once the WAL holds restartFrames frames a round then holds
// the writer connection off for a short RESTART checkpoint that copies the few frames
// appended meanwhile and waits for the readers to leave the WAL: the next write restarts
// the WAL from its beginning. Holding writes off costs two small fsyncs (the WAL's new
// frames, then the database file), 10-25 ms on a loaded small disk, so it is done every
// few seconds rather than every round.

// checkpointEvery is how often a checkpoint round runs.
const checkpointEvery = time.Second

// restartFrames is the WAL size (frames of a page each) from which a round restarts the
// WAL: about 2-3 s of the 500 req/s mix (20 MB of WAL a second), 47 MB.
const restartFrames = 12_000

// walBackstopPages is the writer's automatic checkpoint threshold (SQLite's default is
// 1,000 pages): reached only when the checkpoint rounds fall behind, well above
// restartFrames.
const walBackstopPages = 40_000

// walSizeLimit is journal_size_limit: what the WAL file is truncated to when it restarts
// after it grew beyond it (only if rounds fell behind).
const walSizeLimit = 64 << 20

// passivePasses bounds the PASSIVE passes of a round that restarts the WAL; the passes end
// when the last one copied fewer than finishFrames frames (those appended during the pass
// before it), so few are left for the RESTART to copy and fsync while writes wait.
const (
	passivePasses = 4
	finishFrames  = 64
)

// checkpointWaitMillis is the checkpointer connection's busy_timeout: how long the
// RESTART waits for readers to leave the WAL while writes are held off; past it the round
// ends without a restart and the next one tries again.
const checkpointWaitMillis = 50

// walCheckpoint is one PRAGMA wal_checkpoint's result: busy says it could not finish,
// frames is the WAL's size in frames and copied how many of them are in the database.
type walCheckpoint struct {
	busy           bool
	frames, copied int
}

// done says every frame of the WAL is in the database (or the WAL is empty).
func (c walCheckpoint) done() bool { return !c.busy && c.copied >= c.frames }

// checkpoints runs checkpoint rounds until Close.
func (s *Store) checkpoints() {
	defer close(s.stopped)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		<-s.stop
		cancel()
	}()
	t := time.NewTicker(checkpointEvery)
	defer t.Stop()
	for {
		select {
		case <-s.stop:
			return
		case <-t.C:
			// A failed round is retried on the next tick; the backstop bounds the WAL.
			_, _ = s.checkpoint(ctx)
		}
	}
}

// checkpoint copies the WAL into the database file and, when it holds s.restartFrames
// frames or more, holds writes off for a RESTART checkpoint so the next write starts the
// WAL again from its beginning. It reports the last checkpoint's result.
func (s *Store) checkpoint(ctx context.Context) (walCheckpoint, error) {
	var last walCheckpoint
	prev := -1
	for range passivePasses {
		c, err := s.walCheckpoint(ctx, "PASSIVE")
		if err != nil {
			return c, err
		}
		last = c
		if c.frames == 0 || c.frames < s.restartFrames {
			return c, nil
		}
		// A pass copies the frames that were in the WAL when it started: those appended
		// during the pass before it.
		if prev >= 0 && c.frames-prev < finishFrames {
			break
		}
		prev = c.frames
	}
	// Holding the writer connection keeps the store's writes and River's in its queue
	// (not spinning in SQLite's busy handler) and leaves the write lock to the RESTART.
	w, err := s.writer.Conn(ctx)
	if err != nil {
		return last, fmt.Errorf("litestore: checkpoint: hold the writer: %w", err)
	}
	defer w.Close()
	return s.walCheckpoint(ctx, "RESTART")
}

// walCheckpoint runs PRAGMA wal_checkpoint(mode) on the checkpointer connection.
func (s *Store) walCheckpoint(ctx context.Context, mode string) (walCheckpoint, error) {
	var busy int
	var c walCheckpoint
	if err := s.ckpt.QueryRowContext(ctx, "PRAGMA wal_checkpoint("+mode+")").Scan(&busy, &c.frames, &c.copied); err != nil {
		return c, fmt.Errorf("litestore: checkpoint %s: %w", mode, err)
	}
	c.busy = busy != 0
	return c, nil
}
