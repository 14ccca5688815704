package rediscache

import (
	"context"
	"math"
	"strconv"
	"strings"
	"sync"

	"github.com/redis/go-redis/v9"

	"memora/internal/season"
)

// scanCount is the SCAN batch size (§4.6: batches of 1000).
const scanCount = 1000

// scanner walks the keys matching a pattern on every master (all of them in a Cluster),
// one SCAN step per call so each call stays within the command timeout.
type scanner struct {
	r       *Client
	pattern string

	mu      sync.Mutex
	cursors map[string]uint64 // per master address; absent: not started
	done    map[string]bool
}

func newScanner(r *Client, pattern string) *scanner {
	return &scanner{r: r, pattern: pattern, cursors: map[string]uint64{}, done: map[string]bool{}}
}

// each calls fn with every batch of keys, on the connection of the master holding them.
func (s *scanner) each(ctx context.Context, op string, fn func(ctx context.Context, c redis.Cmdable, keys []string) error) error {
	for {
		finished := true
		err := s.r.Do(ctx, op, func(ctx context.Context, rdb redis.UniversalClient) error {
			return forEachMaster(ctx, rdb, func(ctx context.Context, addr string, c redis.Cmdable) error {
				more, err := s.step(ctx, addr, c, fn)
				if more {
					s.mu.Lock()
					finished = false
					s.mu.Unlock()
				}
				return err
			})
		})
		if err != nil || finished {
			return err
		}
	}
}

func (s *scanner) step(ctx context.Context, addr string, c redis.Cmdable, fn func(context.Context, redis.Cmdable, []string) error) (bool, error) {
	s.mu.Lock()
	cursor, finished := s.cursors[addr], s.done[addr]
	s.mu.Unlock()
	if finished {
		return false, nil
	}
	keys, next, err := c.Scan(ctx, cursor, s.pattern, scanCount).Result()
	if err != nil {
		return true, err
	}
	if len(keys) > 0 {
		if err := fn(ctx, c, keys); err != nil {
			return true, err
		}
	}
	s.mu.Lock()
	s.cursors[addr], s.done[addr] = next, next == 0
	s.mu.Unlock()
	return next != 0, nil
}

// forEachMaster runs fn on each master of a Cluster, or on the one server otherwise.
func forEachMaster(ctx context.Context, rdb redis.UniversalClient, fn func(ctx context.Context, addr string, c redis.Cmdable) error) error {
	if cc, ok := rdb.(*redis.ClusterClient); ok {
		return cc.ForEachMaster(ctx, func(ctx context.Context, c *redis.Client) error {
			return fn(ctx, c.Options().Addr, c)
		})
	}
	return fn(ctx, "", rdb)
}

// DeleteSeason unlinks every schedule of the season (SCAN in batches of 1000 + UNLINK).
func (c *SeasonCache) DeleteSeason(ctx context.Context, seasonID string) (int64, error) {
	var (
		mu sync.Mutex
		n  int64
	)
	pattern := "srs:{*}:" + escapeGlob(seasonID)
	err := newScanner(c.R, pattern).each(ctx, "season_delete", func(ctx context.Context, cl redis.Cmdable, keys []string) error {
		// One key per UNLINK: in a Cluster the keys of a batch live in different slots.
		pipe := cl.Pipeline()
		cmds := make([]*redis.IntCmd, len(keys))
		for i, k := range keys {
			cmds[i] = pipe.Unlink(ctx, k)
		}
		_, err := pipe.Exec(ctx)
		mu.Lock()
		for _, cmd := range cmds {
			n += cmd.Val()
		}
		mu.Unlock()
		return err
	})
	return n, err
}

// escapeGlob quotes SCAN pattern metacharacters.
func escapeGlob(s string) string {
	return strings.NewReplacer(`\`, `\\`, `*`, `\*`, `?`, `\?`, `[`, `\[`, `]`, `\]`).Replace(s)
}

// Status pings Redis, reads used memory (INFO memory, summed over masters) and counts the
// schedule keys per season (SCAN srs:*; keys of exactly three colon-separated parts).
func (c *SeasonCache) Status(ctx context.Context) (season.CacheInfo, error) {
	out := season.CacheInfo{KeysBySeason: map[string]int64{}}
	if err := c.R.Ping(ctx); err != nil {
		return out, err
	}
	out.Connected = true
	var mu sync.Mutex
	var used int64
	err := c.R.Do(ctx, "info", func(ctx context.Context, rdb redis.UniversalClient) error {
		return forEachMaster(ctx, rdb, func(ctx context.Context, _ string, cl redis.Cmdable) error {
			info, err := cl.Info(ctx, "memory").Result()
			mu.Lock()
			used += usedMemory(info)
			mu.Unlock()
			return err
		})
	})
	if err != nil {
		return out, err
	}
	out.MemoryUsedMB = math.Round(float64(used)/(1<<20)*100) / 100
	err = newScanner(c.R, "srs:*").each(ctx, "cache_status", func(_ context.Context, _ redis.Cmdable, keys []string) error {
		mu.Lock()
		defer mu.Unlock()
		for _, k := range keys {
			out.TotalKeys++
			if parts := strings.Split(k, ":"); len(parts) == 3 {
				out.KeysBySeason[parts[2]]++
			}
		}
		return nil
	})
	return out, err
}

func usedMemory(info string) int64 {
	for _, line := range strings.Split(info, "\n") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), "used_memory:"); ok {
			n, _ := strconv.ParseInt(v, 10, 64)
			return n
		}
	}
	return 0
}
