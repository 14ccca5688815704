package review

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/cache"
	"memora/internal/store"
)

type fakeQueue struct {
	put     []cache.DueItem
	removed []string
	err     error
}

func (q *fakeQueue) Due(context.Context, cache.ScheduleKey, time.Time, int) ([]string, error) {
	return nil, q.err
}

func (q *fakeQueue) Put(_ context.Context, _ cache.ScheduleKey, items []cache.DueItem) error {
	q.put = append(q.put, items...)
	return q.err
}

func (q *fakeQueue) Remove(_ context.Context, _ cache.ScheduleKey, ids []string) error {
	q.removed = append(q.removed, ids...)
	return q.err
}

type health bool

func (h health) SafeMode() bool { return bool(h) }

func TestScheduleUpdated(t *testing.T) {
	ctx := context.Background()
	due := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	states := []store.MemoryState{{QuestionID: "a", Due: due}, {QuestionID: "b", Due: due, Retired: true}}

	// Embedded mode: nothing cached, nothing to do, never Safe Mode.
	none := NewSchedule(nil, nil, nil)
	none.Updated(ctx, 1, "S", states)
	require.False(t, none.Enabled())
	require.False(t, none.SafeMode())
	require.False(t, none.cached(store.Season{EnableRedis: true}))

	q := &fakeQueue{}
	s := NewSchedule(q, health(false), nil)
	s.Updated(ctx, 1, "S", states)
	require.Equal(t, []cache.DueItem{{QuestionID: "a", Due: due}}, q.put)
	require.Equal(t, []string{"b"}, q.removed)
	require.True(t, s.cached(store.Season{EnableRedis: true}))
	require.False(t, s.cached(store.Season{EnableRedis: false}), "a season may keep its schedule out of Redis")
	require.False(t, s.SafeMode())
	require.True(t, NewSchedule(q, health(true), nil).SafeMode())

	// A failed write is the cache's problem, never the caller's.
	q.err = errors.New("down")
	s.Updated(ctx, 1, "S", states)
}
