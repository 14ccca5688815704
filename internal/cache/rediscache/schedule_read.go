package rediscache

import (
	"context"
	"time"

	"memora/internal/cache"
)

// DueAll returns every question id of the schedule due at or before now (ZRANGEBYSCORE
// without a limit, in one round trip that also refreshes the TTL). It never rebuilds:
// complete is false when the schedule is missing or marked Incomplete, and then the ids say
// nothing (the database must answer). Daily quests count the due items by subject from it.
func (s *Schedule) DueAll(ctx context.Context, k cache.ScheduleKey, now time.Time) (ids []string, complete bool, err error) {
	ids, complete, err = s.read(ctx, "due_all", k, now, 0, nil)
	if err != nil || !complete {
		return nil, false, err
	}
	return ids, true, nil
}
