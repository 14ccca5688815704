package jobs_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"sync/atomic"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"
	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"

	"memora/internal/audit"
	"memora/internal/cache/rediscache"
	"memora/internal/clock"
	"memora/internal/jobs"
	"memora/internal/metrics"
	"memora/internal/redistest"
	"memora/internal/season"
	"memora/internal/store"
	"memora/internal/store/storetest"
)

var t0 = time.Date(2026, 11, 25, 7, 0, 0, 0, time.UTC)

type env struct {
	store   store.Store
	svc     *season.Service
	runner  *jobs.Runner
	metrics *metrics.Metrics
	rdb     redis.UniversalClient
}

// start runs a working runner over a fresh store of engine e.
func start(t *testing.T, s store.Store, webhook string) *env {
	t.Helper()
	require.NoError(t, jobs.Migrate(context.Background(), s))
	clk := clock.NewFake(t0)
	m := metrics.New()
	rdb := testRedis(t)
	q, err := jobs.NewQueue(s, nil)
	require.NoError(t, err)
	svc := &season.Service{Store: s, Clock: clk, Audit: audit.Log{Store: s, Clock: clk}, Metrics: m, Jobs: q,
		Cache: rediscache.NewSeasonCache(rediscache.New(rdb, clk, rediscache.Options{Timeout: 2 * time.Second}))}
	n := &season.Notifier{Store: s, Webhook: webhook}
	r, err := jobs.New(s, jobs.Config{Work: true, ShutdownTimeout: 5 * time.Second, MetricsInterval: 50 * time.Millisecond,
		Metrics: m}, jobs.Workers{Season: svc, Notifier: n})
	require.NoError(t, err)
	require.NoError(t, r.Start(context.Background()))
	t.Cleanup(r.Stop)
	return &env{store: s, svc: svc, runner: r, metrics: m, rdb: rdb}
}

func testRedis(t *testing.T) redis.UniversalClient {
	t.Helper()
	if os.Getenv(redistest.URLEnv) != "" {
		return redistest.Client(t)
	}
	srv := redistest.StartServer(t)
	rdb := redis.NewClient(&redis.Options{Addr: srv.Addr()})
	t.Cleanup(func() { rdb.Close() })
	return rdb
}

func eventually(t *testing.T, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// A rebuild enqueued with its progress row runs in the worker to completion; a second one
// of the same season while the first is pending is refused.
func TestRebuildJobRuns(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s store.Store) {
		id := redistest.Season(t) // first: its keys are dropped after the worker stopped writing them
		e := start(t, s, "")
		ctx := context.Background()
		require.NoError(t, s.SeasonInsert(ctx, store.Season{ID: id, StartDate: t0, EndDate: t0, EnableRedis: true,
			Scheduler: "fsrs", DesiredRetention: 0.9, GradeMapping: "binary", CreatedAt: t0}))
		require.NoError(t, s.MemoryUpsert(ctx, []store.MemoryState{
			{UserID: 3, SeasonID: id, QuestionID: "a", Due: t0, CreatedAt: t0, UpdatedAt: t0},
			{UserID: 3, SeasonID: id, QuestionID: "b", Due: t0.Add(time.Hour), CreatedAt: t0, UpdatedAt: t0},
		}))
		started, err := e.svc.StartRebuild(ctx, season.Actor{}, id)
		require.NoError(t, err)
		require.Positive(t, started.JobID)
		eventually(t, "the rebuild", func() bool {
			rb, err := s.RebuildGet(ctx, started.RebuildID)
			return err == nil && rb.Status == store.RebuildCompleted
		})
		require.EqualValues(t, 2, e.rdb.ZCard(ctx, "srs:{3}:"+id).Val())
	})
}

// Enqueueing is part of the caller's transaction: rolled back, the job is gone too.
func TestEnqueueIsTransactional(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s store.Store) {
		e := start(t, s, "")
		ctx := context.Background()
		boom := errors.New("boom")
		err := s.InTx(ctx, func(tx store.Executor) error {
			if _, err := e.runner.EnqueueTx(ctx, tx, jobs.RetentionArgs{}); err != nil {
				return err
			}
			return boom
		})
		require.ErrorIs(t, err, boom)
		require.Zero(t, storetest.CountRows(t, s, "SELECT count(*) FROM river_job"))
		_, err = e.runner.EnqueueTx(ctx, s, jobs.RetentionArgs{})
		require.Error(t, err, "outside a transaction")
	})
}

// A failing job is retried and counted in the failure metric; the dashboard shows it.
func TestFailuresAreCounted(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s store.Store) {
		var calls atomic.Int32
		hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			calls.Add(1)
			w.WriteHeader(http.StatusBadGateway)
		}))
		defer hook.Close()
		e := start(t, s, hook.URL)
		id, err := e.svc.RaiseAlert(context.Background(), "test", "m", nil)
		require.NoError(t, err)
		require.Positive(t, id)
		eventually(t, "a failed delivery", func() bool {
			var m dto.Metric
			_ = e.metrics.JobFailures().WithLabelValues(jobs.KindAlert).Write(&m)
			return m.GetCounter().GetValue() >= 1
		})
		require.Positive(t, calls.Load())
		eventually(t, "the dashboard to show the job waiting for its retry", func() bool {
			d, err := e.runner.Dashboard(context.Background())
			return err == nil && d.Working && d.Failing == 1 && d.States["retryable"] == 1
		})
	})
}
