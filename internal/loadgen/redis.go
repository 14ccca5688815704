package loadgen

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/redis/go-redis/v9"

	"memora/internal/cache"
	"memora/internal/cache/rediscache"
)

// ScheduleTTL is how long a player's cached schedule lives without activity (product §3.4,
// rediscache's default).
const ScheduleTTL = 30 * 24 * time.Hour

// ScheduleKey is a player's schedule in Redis (srs:{<user id>}:<season>), the server's own
// key function, so warmed schedules are the ones it reads.
func ScheduleKey(userID int64, season string) string {
	return rediscache.Key(cache.ScheduleKey{UserID: userID, SeasonID: season})
}

// bulkRedisTimeout bounds one bulk pipeline (thousands of ZADDs), far above the server's
// per-command timeout.
const bulkRedisTimeout = 30 * time.Second

// OpenRedis connects to MEMORA_REDIS_URL's addresses (one server, or a Cluster's seeds) the
// way the server reads them.
func OpenRedis(ctx context.Context, addrs []string) (redis.UniversalClient, error) {
	opts, err := rediscache.UniversalOptions(addrs, bulkRedisTimeout)
	if err != nil {
		return nil, err
	}
	c := redis.NewUniversalClient(opts)
	if err := c.Ping(ctx).Err(); err != nil {
		c.Close()
		return nil, fmt.Errorf("redis: ping: %w", err)
	}
	return c, nil
}

// warmSchedules writes the students' schedules in one pipeline (ZADD + EXPIRE per player)
// and returns how many items it wrote.
func warmSchedules(ctx context.Context, rdb redis.UniversalClient, season string, students []Student) (int64, error) {
	pipe := rdb.Pipeline()
	var items int64
	for i := range students {
		s := &students[i]
		if len(s.Memory) == 0 {
			continue
		}
		members := make([]redis.Z, len(s.Memory))
		for j, m := range s.Memory {
			members[j] = redis.Z{Score: float64(m.Due.Unix()), Member: m.QuestionID}
		}
		key := ScheduleKey(s.UserID, season)
		pipe.ZAdd(ctx, key, members...)
		pipe.Expire(ctx, key, ScheduleTTL)
		items += int64(len(members))
	}
	if _, err := pipe.Exec(ctx); err != nil {
		return 0, fmt.Errorf("warm redis: %w", err)
	}
	return items, nil
}

// dropSchedules deletes the players' schedules of the season.
func dropSchedules(ctx context.Context, rdb redis.UniversalClient, season string, userIDs []int64) error {
	const batch = 1000
	for start := 0; start < len(userIDs); start += batch {
		pipe := rdb.Pipeline()
		for _, id := range userIDs[start:min(start+batch, len(userIDs))] {
			pipe.Del(ctx, ScheduleKey(id, season))
		}
		if _, err := pipe.Exec(ctx); err != nil {
			return fmt.Errorf("drop redis schedules: %w", err)
		}
	}
	return nil
}

// usedMemory is Redis's used_memory (bytes), summed over a cluster's masters.
func usedMemory(ctx context.Context, rdb redis.UniversalClient) (int64, error) {
	read := func(ctx context.Context, c *redis.Client) (int64, error) {
		info, err := c.Info(ctx, "memory").Result()
		if err != nil {
			return 0, err
		}
		for _, line := range strings.Split(info, "\n") {
			if v, ok := strings.CutPrefix(strings.TrimSpace(line), "used_memory:"); ok {
				return strconv.ParseInt(v, 10, 64)
			}
		}
		return 0, fmt.Errorf("no used_memory in INFO")
	}
	switch c := rdb.(type) {
	case *redis.Client:
		n, err := read(ctx, c)
		return n, wrapRedis(err)
	case *redis.ClusterClient:
		var total atomic.Int64 // masters are asked concurrently
		err := c.ForEachMaster(ctx, func(ctx context.Context, m *redis.Client) error {
			n, err := read(ctx, m)
			total.Add(n)
			return err
		})
		return total.Load(), wrapRedis(err)
	}
	return 0, fmt.Errorf("redis memory: unsupported client %T", rdb)
}

func wrapRedis(err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("redis memory: %w", err)
}
