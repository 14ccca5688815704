package rediscache_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"
	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"

	"memora/internal/cache"
	"memora/internal/cache/rediscache"
	"memora/internal/clock"
	"memora/internal/redistest"
)

func TestUniversalOptions(t *testing.T) {
	o, err := rediscache.UniversalOptions([]string{"redis://u:p@127.0.0.1:6380/3"}, 150*time.Millisecond)
	require.NoError(t, err)
	require.Equal(t, []string{"127.0.0.1:6380"}, o.Addrs)
	require.Equal(t, "u", o.Username)
	require.Equal(t, "p", o.Password)
	require.Equal(t, 3, o.DB)
	require.Equal(t, 150*time.Millisecond, o.ReadTimeout)
	require.Equal(t, -1, o.MaxRetries, "no retries: fail fast")
	_, isCluster := redis.NewUniversalClient(o).(*redis.ClusterClient)
	require.False(t, isCluster)

	o, err = rediscache.UniversalOptions([]string{"redis://:secret@10.0.0.1:7000", "10.0.0.2:7000"}, time.Second)
	require.NoError(t, err)
	require.Equal(t, []string{"10.0.0.1:7000", "10.0.0.2:7000"}, o.Addrs)
	require.Equal(t, "secret", o.Password)
	_, isCluster = redis.NewUniversalClient(o).(*redis.ClusterClient)
	require.True(t, isCluster, "several seeds are a Cluster")

	_, err = rediscache.UniversalOptions([]string{"redis://a:1/2", "b:1"}, time.Second)
	require.Error(t, err, "a Cluster has no database number")
	_, err = rediscache.UniversalOptions(nil, time.Second)
	require.Error(t, err)
}

type gauges struct {
	up, safe prometheus.Gauge
	latency  *prometheus.HistogramVec
}

func newGauges() gauges {
	return gauges{
		up:      prometheus.NewGauge(prometheus.GaugeOpts{Name: "up"}),
		safe:    prometheus.NewGauge(prometheus.GaugeOpts{Name: "safe"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "lat"}, []string{"op"}),
	}
}

func gaugeValue(t *testing.T, g prometheus.Gauge) float64 {
	t.Helper()
	var m dto.Metric
	require.NoError(t, g.Write(&m))
	return m.GetGauge().GetValue()
}

func observations(t *testing.T, h *prometheus.HistogramVec, op string) uint64 {
	t.Helper()
	var m dto.Metric
	require.NoError(t, h.WithLabelValues(op).(prometheus.Histogram).Write(&m))
	return m.GetHistogram().GetSampleCount()
}

// Redis stops answering: after FailureThreshold failures the breaker opens (Safe Mode) and
// calls are refused at once; a PING probe after the cooldown finds Redis back and the
// schedule, lost with the server, is rebuilt from the database.
func TestOutageAndRecovery(t *testing.T) {
	t.Parallel()
	srv := redistest.StartServer(t)
	clk := clock.NewFake(t0)
	g := newGauges()
	ctx := context.Background()
	c, err := rediscache.Open(ctx, []string{srv.URL()}, clk, rediscache.Options{
		Timeout: 200 * time.Millisecond, FailureThreshold: 2, Cooldown: 5 * time.Second,
		Metrics: rediscache.Metrics{Up: g.up, SafeMode: g.safe, Latency: g.latency}})
	require.NoError(t, err)
	t.Cleanup(func() { c.Close() })
	src := &source{}
	sch := rediscache.NewSchedule(c, src)
	k := cache.ScheduleKey{UserID: 1, SeasonID: "SEASON-2026"}
	src.set(k, dueEvery(10))

	ids, err := sch.Due(ctx, k, t0.Add(time.Minute), 15)
	require.NoError(t, err)
	require.Len(t, ids, 2)
	require.False(t, c.SafeMode())
	require.Equal(t, 1.0, gaugeValue(t, g.up))
	require.Positive(t, observations(t, g.latency, "rebuild"), "latency is observed per operation")

	srv.Kill()
	for range 2 {
		_, err = sch.Due(ctx, k, t0, 15)
		require.Error(t, err)
		require.False(t, errors.Is(err, cache.ErrUnavailable), "tried, and failed")
	}
	require.True(t, c.SafeMode())
	require.Equal(t, 0.0, gaugeValue(t, g.up))
	require.Equal(t, 1.0, gaugeValue(t, g.safe))
	_, err = sch.Due(ctx, k, t0, 15)
	require.ErrorIs(t, err, cache.ErrUnavailable, "refused without trying")
	require.ErrorIs(t, sch.Put(ctx, k, []cache.DueItem{{QuestionID: "q", Due: t0}}), cache.ErrUnavailable)

	srv.Start()
	_, err = sch.Due(ctx, k, t0, 15)
	require.ErrorIs(t, err, cache.ErrUnavailable, "still cooling down")
	clk.Advance(5 * time.Second)
	ids, err = sch.Due(ctx, k, t0.Add(time.Minute), 15)
	require.NoError(t, err, "the probe found Redis")
	require.Len(t, ids, 2)
	require.False(t, c.SafeMode())
	require.Equal(t, 1.0, gaugeValue(t, g.up))
	require.Equal(t, 0.0, gaugeValue(t, g.safe))
	require.Equal(t, 2, src.loads, "rebuilt from the database")
}

// A write that fails after its commit leaves the cached schedule stale; it is deleted before
// the next command, and the next read rebuilds it from the database, which has the write.
func TestFailedWriteIsNotServedStale(t *testing.T) {
	t.Parallel()
	srv := redistest.StartServer(t)
	ctx := context.Background()
	c, err := rediscache.Open(ctx, []string{srv.URL()}, clock.NewFake(t0), rediscache.Options{Timeout: 100 * time.Millisecond})
	require.NoError(t, err)
	t.Cleanup(func() { c.Close() })
	src := &source{}
	sch := rediscache.NewSchedule(c, src)
	k := cache.ScheduleKey{UserID: 1, SeasonID: "SEASON-2026"}
	items := dueEvery(3)
	src.set(k, items)
	ids, err := sch.Due(ctx, k, t0.Add(time.Hour), 15)
	require.NoError(t, err)
	require.Len(t, ids, 3)

	// The database moves item 0 a day later; Redis holds writes meanwhile, so the Put times out.
	admin := redis.NewClient(&redis.Options{Addr: srv.Addr()})
	t.Cleanup(func() { admin.Close() })
	require.NoError(t, admin.Do(ctx, "CLIENT", "PAUSE", 10000, "WRITE").Err())
	moved := []cache.DueItem{{QuestionID: items[0].QuestionID, Due: t0.Add(24 * time.Hour)}, items[1], items[2]}
	src.set(k, moved)
	require.Error(t, sch.Put(ctx, k, moved[:1]))
	require.NoError(t, admin.Do(ctx, "CLIENT", "UNPAUSE").Err())
	require.False(t, c.SafeMode(), "one failure does not open the breaker")

	ids, err = sch.Due(ctx, k, t0.Add(time.Hour), 15)
	require.NoError(t, err)
	require.Equal(t, []string{items[1].QuestionID, items[2].QuestionID}, ids, "the stale schedule was not served")
	require.Equal(t, 2, src.loads)
	require.EqualValues(t, moved[0].Due.Unix(), admin.ZScore(ctx, rediscache.Key(k), items[0].QuestionID).Val())
}
