package redisboard

import (
	"context"
	"log/slog"
	"maps"
	"sync"

	"github.com/redis/go-redis/v9"

	"memora/internal/leaderboard"
	"memora/internal/store"
)

// Bounds of what is remembered of missed updates.
const (
	maxMissedPlayers = 10_000  // players whose update is kept to replay; beyond, their sets are dropped
	maxStale         = 100_000 // sets remembered to drop
	replayChunk      = 500     // updates sent in one pipeline
)

// missedUpdates are the updates Redis failed after the database committed the XP. They are
// dealt with before this process's next leaderboard command reaches Redis:
//   - an update whose scores were read is replayed as it was: scores are absolute and only
//     ever raised (ZADD GT), so a replay can neither lower nor double one, and a board of a
//     million players is healed in place instead of being dropped and rebuilt (a rebuild
//     holds Redis and the database for seconds, which makes more updates miss);
//   - an update whose scores could not be read, or one past maxMissedPlayers, drops its
//     sets with the builds in progress for them, and the next read rebuilds them.
//
// (Another app server may read such a set until then; the TTLs bound it.)
type missedUpdates struct {
	mu       sync.Mutex
	scores   map[int64]map[string]int64 // player → set → score to replay
	drop     map[string]struct{}
	overflow bool
}

func newMissedUpdates() *missedUpdates {
	return &missedUpdates{scores: map[int64]map[string]int64{}, drop: map[string]struct{}{}}
}

// New returns a Board and the Observer that keeps it current, sharing what they know about
// updates that missed Redis.
func New(r Redis, st store.Executor, fallback leaderboard.Board, logger *slog.Logger) (*Board, *Observer) {
	missed := newMissedUpdates()
	return &Board{Redis: r, Store: st, Fallback: fallback, Logger: logger, missed: missed,
			fallbacks: make(chan struct{}, maxFallbacks), BuildWait: DefaultBuildWait},
		&Observer{Redis: r, Store: st, Logger: logger, missed: missed}
}

// replay remembers one player's update (sets with their scores) to send again.
func (m *missedUpdates) replay(userID int64, sets []target, logger *slog.Logger) {
	if m == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	have, ok := m.scores[userID]
	if !ok && len(m.scores) >= maxMissedPlayers {
		m.dropLocked(sets, logger)
		return
	}
	if !ok {
		have = map[string]int64{}
		m.scores[userID] = have
	}
	for k, xp := range listed(sets) {
		have[k] = max(have[k], xp)
	}
}

// dropSets remembers sets to delete.
func (m *missedUpdates) dropSets(sets []target, logger *slog.Logger) {
	if m == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.dropLocked(sets, logger)
}

func (m *missedUpdates) dropLocked(sets []target, logger *slog.Logger) {
	for _, t := range sets {
		if len(m.drop) >= maxStale {
			if !m.overflow && logger != nil {
				logger.Error("too many leaderboard sets missed updates to remember; they heal when they expire")
			}
			m.overflow = true
			return
		}
		m.drop[t.key] = struct{}{}
	}
}

// flush drops the sets to drop, then replays the missed updates; what fails stays
// remembered.
func (m *missedUpdates) flush(ctx context.Context, r Redis) error {
	if m == nil {
		return nil
	}
	m.mu.Lock()
	if len(m.drop) == 0 && len(m.scores) == 0 {
		m.mu.Unlock()
		return nil
	}
	drop := make([]string, 0, len(m.drop))
	for k := range m.drop {
		drop = append(drop, k)
	}
	pending := make(map[int64]map[string]int64, len(m.scores))
	for id, sets := range m.scores {
		pending[id] = maps.Clone(sets)
	}
	m.mu.Unlock()
	if len(drop) > 0 {
		if err := m.dropNow(ctx, r, drop); err != nil {
			return err
		}
	}
	ids := make([]int64, 0, len(pending))
	for id := range pending {
		ids = append(ids, id)
	}
	for start := 0; start < len(ids); start += replayChunk {
		chunk := ids[start:min(start+replayChunk, len(ids))]
		if err := m.replayNow(ctx, r, chunk, pending); err != nil {
			return err
		}
	}
	return nil
}

func (m *missedUpdates) dropNow(ctx context.Context, r Redis, keys []string) error {
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
	m.mu.Lock()
	for _, k := range keys {
		delete(m.drop, k)
	}
	m.overflow = false
	m.mu.Unlock()
	return nil
}

// replayNow sends the updates of ids (one script call per player and institution slot) and
// forgets those not raised meanwhile.
func (m *missedUpdates) replayNow(ctx context.Context, r Redis, ids []int64, pending map[int64]map[string]int64) error {
	err := r.Do(ctx, "leaderboard_replay", func(ctx context.Context, rdb redis.UniversalClient) error {
		pipe := rdb.Pipeline()
		for _, id := range ids {
			for _, u := range updates(id, pending[id]) {
				updateScript.Eval(ctx, pipe, u.keys, u.args...) // EVALSHA cannot fall back to EVAL inside a pipeline
			}
		}
		_, err := pipe.Exec(ctx)
		return err
	})
	if err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, id := range ids {
		have := m.scores[id]
		for k, xp := range pending[id] {
			if have[k] == xp {
				delete(have, k)
			}
		}
		if len(have) == 0 {
			delete(m.scores, id)
		}
	}
	return nil
}
