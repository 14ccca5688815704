package season_test

import (
	"context"
	"errors"
	"testing"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"

	"memora/internal/cache/rediscache"
	"memora/internal/problem"
	"memora/internal/redistest"
	"memora/internal/season"
	"memora/internal/store"
)

// F.57: five rows and an empty cache: the rebuild writes exactly those five ids with their
// due times; total_records 5, total_users 1.
func TestRebuildFiveRows(t *testing.T) {
	eachAndCluster(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		id := redistest.Season(t)
		e.season(t, id, true)
		want := e.rows(t, id, []int64{42}, 5)

		started, err := e.svc.StartRebuild(ctx, season.Actor{}, id)
		require.NoError(t, err)
		require.Equal(t, season.RebuildStarted{Status: "started", JobID: 100 + started.RebuildID,
			RebuildID: started.RebuildID, EstimatedRecords: 5}, started)
		out, err := e.svc.RunRebuild(ctx, started.RebuildID)
		require.NoError(t, err)
		require.Equal(t, season.RebuildResult{Status: "completed", TotalRecords: 5, TotalUsers: 1}, out)

		got, err := e.rdb.ZRangeWithScores(ctx, key(42, id), 0, -1).Result()
		require.NoError(t, err)
		require.Len(t, got, 5)
		for i, z := range got {
			require.Equal(t, want[i].QuestionID, z.Member)
			require.EqualValues(t, want[i].Due.Unix(), z.Score)
		}
		rb, err := e.store.RebuildGet(ctx, started.RebuildID)
		require.NoError(t, err)
		require.Equal(t, store.RebuildCompleted, rb.Status)
		require.EqualValues(t, 5, rb.Processed)
		require.NotNil(t, rb.FinishedAt)
	})
}

// A rebuild spanning pages replaces every schedule (stale members go), leaves no
// incomplete marker, counts each player once, and a failed attempt resumes where it
// stopped.
func TestRebuildPagesAndResume(t *testing.T) {
	eachAndCluster(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		id := redistest.Season(t)
		e.season(t, id, false)
		players := []int64{7, 8, 9}
		e.rows(t, id, players, 700) // 2100 rows: pages of 1000 cut players in two
		require.NoError(t, e.rdb.ZAdd(ctx, key(8, id), redis.Z{Score: 1, Member: "stale"}).Err())

		real := e.svc.Cache
		e.svc.Cache = &failingCache{ScheduleCache: real, failAt: 2}
		started, err := e.svc.StartRebuild(ctx, season.Actor{}, id)
		require.NoError(t, err)
		_, err = e.svc.RunRebuild(ctx, started.RebuildID)
		require.Error(t, err)
		rb, _ := e.store.RebuildGet(ctx, started.RebuildID)
		require.Equal(t, store.RebuildFailed, rb.Status)
		require.EqualValues(t, 1000, rb.Processed)
		require.Equal(t, "8:q00299", rb.LastKey)

		e.svc.Cache = real
		out, err := e.svc.RunRebuild(ctx, started.RebuildID)
		require.NoError(t, err)
		require.Equal(t, season.RebuildResult{Status: "completed", TotalRecords: 2100, TotalUsers: 3}, out)
		for _, u := range players {
			require.EqualValues(t, 700, e.rdb.ZCard(ctx, key(u, id)).Val(), "player %d", u)
			require.ErrorIs(t, e.rdb.ZScore(ctx, key(u, id), rediscache.Incomplete).Err(), redis.Nil, "no marker left")
			require.Positive(t, e.rdb.TTL(ctx, key(u, id)).Val())
		}
		require.ErrorIs(t, e.rdb.ZScore(ctx, key(8, id), "stale").Err(), redis.Nil)
	})
}

func TestRebuildRefusals(t *testing.T) {
	each(t, false, func(t *testing.T, e *env) {
		ctx := context.Background()
		_, err := e.svc.StartRebuild(ctx, season.Actor{}, "SEASON-1999")
		requireProblem(t, err, problem.NotFound, "Season 'SEASON-1999' not found.")
		e.season(t, "SEASON-2026", true)
		_, err = e.svc.StartRebuild(ctx, season.Actor{}, "SEASON-2026")
		requireProblem(t, err, problem.Conflict, "Redis is not configured: there is no schedule cache to rebuild.")
	})
}

// One test per store: a second set of subtests would be named "sqlite#01", and litestore
// takes the '#' in its file path for a URI fragment.
func TestRebuildRefusesDuplicate(t *testing.T) {
	each(t, true, func(t *testing.T, e *env) {
		e.season(t, "SEASON-2026", true)
		e.jobs.dup = true
		_, err := e.svc.StartRebuild(context.Background(), season.Actor{}, "SEASON-2026")
		requireProblem(t, err, problem.Conflict, "A cache rebuild of season SEASON-2026 is already queued or running.")
		require.Zero(t, count(t, e.store, "SELECT count(*) FROM cache_rebuilds"), "rolled back with the job")
	})
}

// failingCache fails the failAt-th Rebuild call.
type failingCache struct {
	season.ScheduleCache
	calls, failAt int
}

func (f *failingCache) Rebuild(ctx context.Context, groups []season.PlayerItems) error {
	f.calls++
	if f.calls == f.failAt {
		return errors.New("redis went away")
	}
	return f.ScheduleCache.Rebuild(ctx, groups)
}
