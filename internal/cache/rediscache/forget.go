package rediscache

import (
	"context"
	"fmt"
	"strconv"

	"github.com/redis/go-redis/v9"
)

// scanBatch is how many keys one SCAN step asks for.
const scanBatch = 500

// ScanTagged calls fn with the keys matching pattern, a pattern whose keys all carry the hash
// tag of tagKey: on a Cluster only the master of that slot is scanned. Each SCAN step is one
// call of c (its timeout and breaker), so a long scan never hits the timeout at once.
func ScanTagged(ctx context.Context, c interface {
	Do(ctx context.Context, op string, fn func(ctx context.Context, rdb redis.UniversalClient) error) error
}, tagKey, pattern string, fn func(ctx context.Context, rdb redis.Cmdable, keys []string) error) error {
	var cursor uint64
	for {
		err := c.Do(ctx, "scan", func(ctx context.Context, rdb redis.UniversalClient) error {
			var node redis.Cmdable = rdb
			if cc, ok := rdb.(*redis.ClusterClient); ok {
				m, err := cc.MasterForKey(ctx, tagKey)
				if err != nil {
					return err
				}
				node = m
			}
			keys, next, err := node.Scan(ctx, cursor, pattern, scanBatch).Result()
			if err != nil {
				return err
			}
			cursor = next
			if len(keys) == 0 {
				return nil
			}
			return fn(ctx, rdb, keys)
		})
		if err != nil {
			return fmt.Errorf("scan %s: %w", pattern, err)
		}
		if cursor == 0 {
			return nil
		}
	}
}

// ForgetUser deletes every cached review schedule of a player (srs:{player}:*, one per
// season) and reports how many there were.
func ForgetUser(ctx context.Context, c *Client, userID int64) (int, error) {
	tag := "{" + strconv.FormatInt(userID, 10) + "}"
	n := 0
	err := ScanTagged(ctx, c, tag, "srs:"+tag+":*", func(ctx context.Context, rdb redis.Cmdable, keys []string) error {
		n += len(keys)
		return rdb.Unlink(ctx, keys...).Err()
	})
	return n, err
}
