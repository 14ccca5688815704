package redisboard

import (
	"context"
	"strings"

	"github.com/redis/go-redis/v9"

	"memora/internal/cache/rediscache"
)

// ForgetPlayer removes a player from every board of their institution (every set under
// lb:{institution}:, all in one hash slot) and reports from how many boards.
func ForgetPlayer(ctx context.Context, r Redis, institutionID string, userID int64) (int, error) {
	removed := 0
	err := rediscache.ScanTagged(ctx, r, prefix(institutionID), prefix(institutionID)+"*",
		func(ctx context.Context, rdb redis.Cmdable, keys []string) error {
			pipe := rdb.Pipeline()
			cmds := make([]*redis.IntCmd, len(keys))
			for i, k := range keys {
				cmds[i] = pipe.ZRem(ctx, k, member(userID))
			}
			_, _ = pipe.Exec(ctx)
			for _, c := range cmds {
				n, err := c.Result()
				if err != nil && !strings.HasPrefix(err.Error(), "WRONGTYPE") { // a board's bookkeeping key
					return err
				}
				removed += int(n)
			}
			return nil
		})
	return removed, err
}
