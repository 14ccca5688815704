package rediscache

import (
	"context"
	"sync"
	"sync/atomic"

	"github.com/redis/go-redis/v9"
)

// staleKeysMax bounds how many missed schedules are remembered (about 100 bytes each).
const staleKeysMax = 1 << 20

// staleBatch is how many keys one pipelined flush deletes.
const staleBatch = 1000

// staleKeys are schedules that missed a write: Redis was down (breaker open) or the write
// failed after its database commit. The database has the new due times, so the cached
// schedule is wrong until rebuilt. They are deleted as soon as Redis answers again — before
// any other command of this process runs — and the next read rebuilds them from the
// database. Deleting is simpler and safer than patching: a rebuild is one indexed query.
type staleKeys struct {
	mu       sync.Mutex
	keys     map[string]struct{}
	max      int
	overflow bool
	n        atomic.Int64 // len(keys), read without the lock on every command
}

func newStaleKeys(max int) *staleKeys {
	return &staleKeys{keys: map[string]struct{}{}, max: max}
}

func (s *staleKeys) add(key string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.keys) >= s.max {
		s.overflow = true
		return
	}
	s.keys[key] = struct{}{}
	s.n.Store(int64(len(s.keys)))
}

// take removes and returns up to n keys.
func (s *staleKeys) take(n int) []string {
	if s.n.Load() == 0 {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]string, 0, min(n, len(s.keys)))
	for k := range s.keys {
		if len(out) == n {
			break
		}
		out = append(out, k)
		delete(s.keys, k)
	}
	s.n.Store(int64(len(s.keys)))
	return out
}

func (s *staleKeys) putBack(keys []string) {
	for _, k := range keys {
		s.add(k)
	}
}

// overflowed reports, once, that keys were dropped because the set was full.
func (s *staleKeys) overflowed() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	o := s.overflow
	s.overflow = false
	return o
}

// flushStale deletes every stale schedule, in pipelined batches.
func (c *Client) flushStale(ctx context.Context) error {
	flushed := false
	for {
		keys := c.stale.take(staleBatch)
		if len(keys) == 0 {
			break
		}
		err := c.call(ctx, "flush_stale", c.opts.Timeout, func(ctx context.Context, rdb redis.UniversalClient) error {
			pipe := rdb.Pipeline()
			for _, k := range keys {
				pipe.Del(ctx, k) // one key per command: keys of different players live in different Cluster slots
			}
			_, err := pipe.Exec(ctx)
			return err
		})
		if err != nil {
			c.stale.putBack(keys)
			return err
		}
		flushed = true
	}
	if flushed && c.stale.overflowed() {
		c.opts.Logger.Error("more schedules missed writes during a Redis outage than could be remembered; " +
			"rebuild the season cache (rebuild_season_cache) so no schedule stays stale")
	}
	return nil
}
