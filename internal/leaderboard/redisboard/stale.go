package redisboard

import (
	"context"
	"log/slog"
	"sync"

	"github.com/redis/go-redis/v9"

	"memora/internal/leaderboard"
	"memora/internal/store"
)

// maxStale bounds how many missed sets are remembered.
const maxStale = 100_000

// staleSets are sets that missed an update: Redis failed after the database committed the
// XP. They are deleted, with any build in progress for them, before this process's next leaderboard command reaches Redis, so
// the next read rebuilds them from the database. (Another app server may read such a set
// until then; the TTLs bound it.)
type staleSets struct {
	mu       sync.Mutex
	keys     map[string]struct{}
	overflow bool
}

// New returns a Board and the Observer that keeps it current, sharing what they know about
// sets that missed updates.
func New(r Redis, st store.Executor, fallback leaderboard.Board, logger *slog.Logger) (*Board, *Observer) {
	stale := &staleSets{keys: map[string]struct{}{}}
	return &Board{Redis: r, Store: st, Fallback: fallback, Logger: logger, stale: stale,
			fallbacks: make(chan struct{}, maxFallbacks)},
		&Observer{Redis: r, Store: st, Logger: logger, stale: stale}
}

func (s *staleSets) add(keys []string, logger *slog.Logger) {
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, k := range keys {
		if len(s.keys) >= maxStale {
			if !s.overflow && logger != nil {
				logger.Error("too many leaderboard sets missed updates to remember; they heal when they expire")
			}
			s.overflow = true
			return
		}
		s.keys[k] = struct{}{}
	}
}

// flush deletes the remembered sets; on failure they stay remembered.
func (s *staleSets) flush(ctx context.Context, r Redis) error {
	if s == nil {
		return nil
	}
	s.mu.Lock()
	keys := make([]string, 0, len(s.keys))
	for k := range s.keys {
		keys = append(keys, k)
	}
	s.mu.Unlock()
	if len(keys) == 0 {
		return nil
	}
	err := r.Do(ctx, "leaderboard_flush_stale", func(ctx context.Context, rdb redis.UniversalClient) error {
		pipe := rdb.Pipeline()
		for _, k := range keys { // one board per call: institutions live in different slots
			dropScript.Eval(ctx, pipe, []string{k, buildingKey(k)})
		}
		_, err := pipe.Exec(ctx)
		return err
	})
	if err != nil {
		return err
	}
	s.mu.Lock()
	for _, k := range keys {
		delete(s.keys, k)
	}
	s.overflow = false
	s.mu.Unlock()
	return nil
}
