package redisboard

import (
	"context"
	"fmt"

	"github.com/redis/go-redis/v9"

	"memora/internal/leaderboard"
)

// Prepare builds the set of sc unless it exists, and reports whether it built it, then reads
// its top players as a request would (warm): start-up priming calls it for the boards the
// first requests will ask for, so that none of them waits for a build (a set missing after
// Redis lost it, or on a first deploy, is otherwise built on the first request, hundreds of
// milliseconds at 10,000 students). A request arriving meanwhile joins the same build
// (rebuild runs one per set); past BuildWait the build goes on in the background and
// Prepare returns.
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
	built := false
	if n == 0 {
		if _, built, _, err = b.rebuild(ctx, sc, key); err != nil {
			return built, err
		}
	}
	return built, b.warm(ctx, sc, key)
}

// warm reads the board's top and its players' names and levels (LeaderboardPlayers) as a
// request does, so that the first requests of a fresh process find those rows in the
// database's buffers: each board's first request otherwise read ~100 pages of users and
// profiles, 9-17 ms on a copy of the 10,000-student database with the machine busy, and
// every request of that board arriving meanwhile waited as long. A board still being built
// (past BuildWait) is not warmed.
func (b *Board) warm(ctx context.Context, sc leaderboard.Scope, key string) error {
	disabled, err := b.Store.LeaderboardDisabled(ctx, sc.InstitutionID)
	if err != nil {
		return fmt.Errorf("leaderboard warm: %w", err)
	}
	st, found, err := b.read(ctx, key, 0, leaderboard.Limit, disabled)
	if err != nil || !found || len(st.Top) == 0 {
		return err
	}
	ids := make([]int64, len(st.Top))
	for i, t := range st.Top {
		ids[i] = t.UserID
	}
	if _, err := b.Store.LeaderboardPlayers(ctx, ids, sc.SubjectID); err != nil {
		return fmt.Errorf("leaderboard warm: %w", err)
	}
	return nil
}
