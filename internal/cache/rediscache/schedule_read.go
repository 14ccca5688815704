package rediscache

import (
	"context"
	"errors"
	"time"

	"github.com/redis/go-redis/v9"

	"memora/internal/cache"
)

// DueAll returns every question id of the schedule due at or before now (ZRANGEBYSCORE
// without a limit, in one round trip that also refreshes the TTL). It never rebuilds:
// complete is false when the schedule is missing or marked Incomplete, and then the ids say
// nothing (the database must answer). Daily quests count the due items by subject from it.
func (s *Schedule) DueAll(ctx context.Context, k cache.ScheduleKey, now time.Time) (ids []string, complete bool, err error) {
	key := Key(k)
	err = s.c.Do(ctx, "due_all", func(ctx context.Context, rdb redis.UniversalClient) error {
		pipe := rdb.Pipeline()
		exists := pipe.Expire(ctx, key, s.c.opts.TTL)
		due := pipe.ZRangeByScore(ctx, key, dueRange(now, 0))
		marker := pipe.ZScore(ctx, key, Incomplete)
		_, _ = pipe.Exec(ctx)
		if err := errors.Join(exists.Err(), due.Err(), ignoreNil(marker.Err())); err != nil {
			return err
		}
		ids, complete = due.Val(), exists.Val() && marker.Err() != nil
		return nil
	})
	if err != nil || !complete {
		return nil, false, err
	}
	return ids, true, nil
}
