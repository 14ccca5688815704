package redisboard

import (
	"context"
	"fmt"

	"github.com/redis/go-redis/v9"

	"memora/internal/leaderboard"
)

// Prepare builds the set of sc unless it exists, and reports whether it built it: start-up
// priming calls it for the boards the first requests will ask for, so that none of them
// waits for a build (a set missing after Redis lost it, or on a first deploy, is otherwise
// built on the first request, hundreds of milliseconds at 10,000 students). A request
// arriving meanwhile joins the same build (rebuild runs one per set); past BuildWait the
// build goes on in the background and Prepare returns.
func (b *Board) Prepare(ctx context.Context, sc leaderboard.Scope) (bool, error) {
	key := boardKey(sc)
	var n int64
	err := b.Redis.Do(ctx, "leaderboard_exists", func(ctx context.Context, rdb redis.UniversalClient) error {
		var err error
		n, err = rdb.Exists(ctx, key).Result()
		return err
	})
	if err != nil {
		return false, fmt.Errorf("leaderboard prepare: %w", err)
	}
	if n > 0 {
		return false, nil
	}
	_, built, _, err := b.rebuild(ctx, sc, key)
	return built, err
}
