package rediscache_test

import (
	"context"
	"fmt"
	"math"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"

	"memora/internal/cache"
	"memora/internal/cache/rediscache"
	"memora/internal/clock"
	"memora/internal/redistest"
)

var t0 = time.Date(2026, 11, 25, 7, 0, 0, 0, time.UTC)

// source is the database side of a schedule.
type source struct {
	mu    sync.Mutex
	items map[cache.ScheduleKey][]cache.DueItem
	loads int
}

func (s *source) LoadSchedule(_ context.Context, k cache.ScheduleKey) ([]cache.DueItem, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.loads++
	return s.items[k], nil
}

func (s *source) set(k cache.ScheduleKey, items []cache.DueItem) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.items == nil {
		s.items = map[cache.ScheduleKey][]cache.DueItem{}
	}
	s.items[k] = items
}

// dueEvery returns n items due one minute apart from t0: q000 at t0, q001 at t0+1m, …
func dueEvery(n int) []cache.DueItem {
	out := make([]cache.DueItem, n)
	for i := range out {
		out[i] = cache.DueItem{QuestionID: fmt.Sprintf("hist-revolt-1-s%d:%d", i/10, i%10), Due: t0.Add(time.Duration(i) * time.Minute)}
	}
	return out
}

func setup(t *testing.T, r redistest.Target) (*rediscache.Schedule, *source, redis.UniversalClient, cache.ScheduleKey) {
	t.Helper()
	rdb := r.Client(t)
	c := rediscache.New(r.Client(t), clock.NewFake(t0), rediscache.Options{})
	t.Cleanup(func() { c.Close() })
	src := &source{}
	return rediscache.NewSchedule(c, src), src, rdb, cache.ScheduleKey{UserID: 42, SeasonID: redistest.Season(t)}
}

func TestKey(t *testing.T) {
	require.Equal(t, "srs:{42}:SEASON-2026", rediscache.Key(cache.ScheduleKey{UserID: 42, SeasonID: "SEASON-2026"}))
}

// A missing schedule is rebuilt from the database in one load, then read from Redis only.
func TestScheduleRebuild(t *testing.T) {
	t.Parallel()
	redistest.Run(t, func(t *testing.T, r redistest.Target) {
		sch, src, rdb, k := setup(t, r)
		ctx := context.Background()
		items := dueEvery(100)
		src.set(k, items)

		ids, err := sch.Due(ctx, k, t0.Add(20*time.Minute+30*time.Second), 15)
		require.NoError(t, err)
		require.Len(t, ids, 15)
		require.Equal(t, items[0].QuestionID, ids[0], "soonest first")
		require.Equal(t, items[14].QuestionID, ids[14])
		require.Equal(t, 1, src.loads)

		key := rediscache.Key(k)
		require.EqualValues(t, 100, rdb.ZCard(ctx, key).Val())
		require.EqualValues(t, items[99].Due.Unix(), rdb.ZScore(ctx, key, items[99].QuestionID).Val())
		require.InDelta(t, (30 * 24 * time.Hour).Seconds(), rdb.TTL(ctx, key).Val().Seconds(), 5)
		require.Equal(t, "listpack", rdb.ObjectEncoding(ctx, key).Val(), "a typical schedule stays compact")

		ids, err = sch.Due(ctx, k, t0.Add(2*time.Minute), 15)
		require.NoError(t, err)
		require.Equal(t, []string{items[0].QuestionID, items[1].QuestionID, items[2].QuestionID}, ids)
		require.Equal(t, 1, src.loads, "an existing schedule is not reloaded")

		ids, err = sch.Due(ctx, k, t0.Add(-time.Second), 15)
		require.NoError(t, err)
		require.Empty(t, ids, "nothing due, and no reload")
		require.Equal(t, 1, src.loads)
	})
}

// A schedule with nothing in the database stays missing and costs one load per read.
func TestScheduleEmpty(t *testing.T) {
	t.Parallel()
	redistest.Run(t, func(t *testing.T, r redistest.Target) {
		sch, src, rdb, k := setup(t, r)
		ids, err := sch.Due(context.Background(), k, t0, 15)
		require.NoError(t, err)
		require.Empty(t, ids)
		require.Equal(t, 1, src.loads)
		require.EqualValues(t, 0, rdb.Exists(context.Background(), rediscache.Key(k)).Val())
	})
}

// Put overwrites due times; a Put that creates the schedule marks it incomplete, and the
// rebuild that follows adds only what is missing, so the newer due time written by Put wins
// over an older database read.
func TestSchedulePutThenRebuild(t *testing.T) {
	t.Parallel()
	redistest.Run(t, func(t *testing.T, r redistest.Target) {
		sch, src, rdb, k := setup(t, r)
		ctx := context.Background()
		key := rediscache.Key(k)
		items := dueEvery(5)
		src.set(k, items) // what a rebuild that read the database before the commit would see

		moved := cache.DueItem{QuestionID: items[0].QuestionID, Due: t0.Add(72 * time.Hour)}
		require.NoError(t, sch.Put(ctx, k, []cache.DueItem{moved}))
		require.EqualValues(t, 2, rdb.ZCard(ctx, key).Val(), "the item and the incomplete marker")
		require.Equal(t, math.Inf(1), rdb.ZScore(ctx, key, rediscache.Incomplete).Val())

		ids, err := sch.Due(ctx, k, t0.Add(10*time.Minute), 15)
		require.NoError(t, err)
		require.Equal(t, 1, src.loads, "the incomplete schedule was rebuilt")
		require.Equal(t, []string{items[1].QuestionID, items[2].QuestionID, items[3].QuestionID, items[4].QuestionID}, ids)
		require.EqualValues(t, moved.Due.Unix(), rdb.ZScore(ctx, key, moved.QuestionID).Val(), "Put's due time survives")
		require.ErrorIs(t, rdb.ZScore(ctx, key, rediscache.Incomplete).Err(), redis.Nil, "complete now")

		// On a complete schedule Put just moves items, and adds new ones.
		require.NoError(t, sch.Put(ctx, k, []cache.DueItem{{QuestionID: items[1].QuestionID, Due: t0.Add(time.Hour)},
			{QuestionID: "new-stage", Due: t0}}))
		ids, err = sch.Due(ctx, k, t0.Add(10*time.Minute), 15)
		require.NoError(t, err)
		require.Equal(t, []string{"new-stage", items[2].QuestionID, items[3].QuestionID, items[4].QuestionID}, ids)
		require.Equal(t, 1, src.loads)

		require.NoError(t, sch.Remove(ctx, k, []string{items[2].QuestionID, "unknown"}))
		ids, err = sch.Due(ctx, k, t0.Add(10*time.Minute), 15)
		require.NoError(t, err)
		require.NotContains(t, ids, items[2].QuestionID)
	})
}

// F.55 as changed: every read or write of a schedule extends its 30-day TTL, so an active
// player never falls back to a rebuild.
func TestScheduleTTLRefreshedByActivity(t *testing.T) {
	t.Parallel()
	redistest.Run(t, func(t *testing.T, r redistest.Target) {
		sch, src, rdb, k := setup(t, r)
		ctx := context.Background()
		key := rediscache.Key(k)
		src.set(k, dueEvery(3))
		_, err := sch.Due(ctx, k, t0, 15)
		require.NoError(t, err)

		month := (30 * 24 * time.Hour).Seconds()
		for name, touch := range map[string]func() error{
			"due": func() error { _, err := sch.Due(ctx, k, t0, 15); return err },
			"put": func() error {
				return sch.Put(ctx, k, []cache.DueItem{{QuestionID: "x", Due: t0.Add(time.Hour)}})
			},
			"remove": func() error { return sch.Remove(ctx, k, []string{"x"}) },
		} {
			require.NoError(t, rdb.Expire(ctx, key, 100*time.Second).Err())
			require.NoError(t, touch(), name)
			require.InDelta(t, month, rdb.TTL(ctx, key).Val().Seconds(), 5, name)
		}
		require.Equal(t, 1, src.loads)
	})
}
