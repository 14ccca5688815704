package season_test

import (
	"context"
	"fmt"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"

	"memora/internal/audit"
	"memora/internal/cache/rediscache"
	"memora/internal/clock"
	"memora/internal/metrics"
	"memora/internal/problem"
	"memora/internal/redistest"
	"memora/internal/season"
	"memora/internal/store"
	"memora/internal/store/storetest"
)

var t0 = time.Date(2026, 11, 25, 7, 0, 0, 0, time.UTC)

// fakeJobs records what would be enqueued.
type fakeJobs struct {
	mu       sync.Mutex
	rebuilds []int64
	alerts   []int64
	dup      bool
}

func (f *fakeJobs) EnqueueRebuild(_ context.Context, _ store.Executor, id int64, _ string) (int64, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.dup {
		return 0, season.ErrDuplicateJob
	}
	f.rebuilds = append(f.rebuilds, id)
	return 100 + id, nil
}

func (f *fakeJobs) EnqueueAlert(_ context.Context, _ store.Executor, id int64) (int64, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.alerts = append(f.alerts, id)
	return 200 + id, nil
}

type env struct {
	svc   *season.Service
	store store.Store
	clock *clock.Fake
	jobs  *fakeJobs
	rdb   redis.UniversalClient // nil without Redis
}

// each runs fn on a fresh store of every engine, with Redis when withRedis.
func each(t *testing.T, withRedis bool, fn func(t *testing.T, e *env)) {
	storetest.Each(t, func(t *testing.T, s store.Store) {
		clk := clock.NewFake(t0)
		e := &env{store: s, clock: clk, jobs: &fakeJobs{}}
		e.svc = &season.Service{Store: s, Clock: clk, Audit: audit.Log{Store: s, Clock: clk}, Jobs: e.jobs,
			Metrics: metrics.New()}
		if withRedis {
			e.rdb = testRedis(t)
			e.svc.Cache = rediscache.NewSeasonCache(rediscache.New(e.rdb, clk, rediscache.Options{Timeout: 2 * time.Second}))
		}
		fn(t, e)
	})
}

// eachAndCluster runs fn as each(t, true, fn) does, then once more on SQLite with the shared
// test Redis Cluster (MEMORA_TEST_REDIS_CLUSTER_URL) as the schedule cache, when it is set:
// SCAN-based work (rebuilds, archive, status) must walk every master. Only for tests whose
// keys are their own (redistest.Season ids): the cluster is shared.
func eachAndCluster(t *testing.T, fn func(t *testing.T, e *env)) {
	each(t, true, fn)
	redistest.RunCluster(t, func(t *testing.T, r redistest.Target) { onCluster(t, r, fn) })
}

// onCluster runs fn on SQLite with the cluster r as the schedule cache.
func onCluster(t *testing.T, r redistest.Target, fn func(t *testing.T, e *env)) {
	t.Helper()
	s := storetest.Open(t, store.SQLite)
	clk := clock.NewFake(t0)
	e := &env{store: s, clock: clk, jobs: &fakeJobs{}, rdb: r.Client(t)}
	e.svc = &season.Service{Store: s, Clock: clk, Audit: audit.Log{Store: s, Clock: clk}, Jobs: e.jobs,
		Metrics: metrics.New(), Cache: rediscache.NewSeasonCache(rediscache.New(r.Client(t), clk, rediscache.Options{Timeout: 2 * time.Second}))}
	fn(t, e)
}

// testRedis is a throwaway redis-server of this test: these tests write fixed season ids
// (SEASON-2025, SEASON-2026) and check every key, so they never use the shared server of
// MEMORA_TEST_REDIS_URL, where they would collide with other runs and leave keys behind.
func testRedis(t *testing.T) redis.UniversalClient {
	t.Helper()
	return ownRedis(t)
}

// ownRedis is a redis-server of this test alone (for assertions over every key).
func ownRedis(t *testing.T) redis.UniversalClient {
	t.Helper()
	srv := redistest.StartServer(t)
	rdb := redis.NewClient(&redis.Options{Addr: srv.Addr()})
	t.Cleanup(func() { rdb.Close() })
	return rdb
}

func (e *env) season(t *testing.T, id string, active bool) {
	t.Helper()
	err := e.store.SeasonInsert(context.Background(), store.Season{ID: id, Title: id,
		StartDate: time.Date(2025, 9, 1, 0, 0, 0, 0, time.UTC), EndDate: time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC),
		IsActive: active, EnableRedis: true, Scheduler: store.SchedulerFSRS, DesiredRetention: 0.9,
		GradeMapping: "binary", CreatedAt: t0})
	require.NoError(t, err)
}

// rows writes n live rows for each player, due i hours after t0, last written an hour ago.
func (e *env) rows(t *testing.T, seasonID string, players []int64, n int) []store.MemoryDue {
	t.Helper()
	var items []store.MemoryState
	var out []store.MemoryDue
	for _, u := range players {
		for i := range n {
			due := t0.Add(time.Duration(i+1) * time.Hour)
			q := fmt.Sprintf("q%05d", i)
			items = append(items, store.MemoryState{UserID: u, SeasonID: seasonID, QuestionID: q, Stability: 2,
				State: 2, Level: 2, Due: due, Reps: 1, CreatedAt: t0.Add(-time.Hour), UpdatedAt: t0.Add(-time.Hour)})
			out = append(out, store.MemoryDue{UserID: u, SeasonID: seasonID, QuestionID: q, Due: due})
		}
	}
	require.NoError(t, e.store.MemoryUpsert(context.Background(), items))
	return out
}

func key(user int64, seasonID string) string { return fmt.Sprintf("srs:{%d}:%s", user, seasonID) }

// requireProblem checks err is a problem of kind with message.
func requireProblem(t *testing.T, err error, kind problem.Kind, msg string) {
	t.Helper()
	p, ok := problem.As(err)
	require.True(t, ok, "not a problem: %v", err)
	require.Equal(t, kind, p.Kind)
	require.Equal(t, msg, p.Message)
}

func count(t *testing.T, s store.Store, q string) int64 {
	t.Helper()
	return storetest.CountRows(t, s, q)
}

func rediscacheClient(rdb redis.UniversalClient) *rediscache.Client {
	return rediscache.New(rdb, clock.NewFake(t0), rediscache.Options{Timeout: 2 * time.Second})
}

func benchRedis(b *testing.B) redis.UniversalClient {
	b.Helper()
	if os.Getenv(redistest.URLEnv) != "" {
		return redistest.Client(b)
	}
	srv := redistest.StartServer(b)
	rdb := redis.NewClient(&redis.Options{Addr: srv.Addr()})
	b.Cleanup(func() { rdb.Close() })
	return rdb
}
