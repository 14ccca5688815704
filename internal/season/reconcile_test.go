package season_test

import (
	"context"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"
	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"

	"memora/internal/cache/rediscache"
	"memora/internal/problem"
	"memora/internal/redistest"
	"memora/internal/season"
	"memora/internal/store"
)

// reconcileFixture: an active season of 4 players × 500 rows, cached by a rebuild.
func reconcileFixture(t *testing.T, e *env) (string, []store.MemoryDue) {
	t.Helper()
	ctx := context.Background()
	id := redistest.Season(t)
	e.season(t, id, true)
	rows := e.rows(t, id, []int64{1, 2, 3, 4}, 500)
	started, err := e.svc.StartRebuild(ctx, season.Actor{}, id)
	require.NoError(t, err)
	_, err = e.svc.RunRebuild(ctx, started.RebuildID)
	require.NoError(t, err)
	return id, rows
}

// Known entries deleted and shifted: exact counts, corrections applied, and an alert only
// above 0.1 % (2 of 2000 is exactly 0.1 %: no alert; 3 of 2000 is).
func TestReconcile(t *testing.T) {
	eachAndCluster(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		id, rows := reconcileFixture(t, e)
		due := func(r store.MemoryDue) float64 { return float64(r.Due.Unix()) }
		require.NoError(t, e.rdb.ZRem(ctx, key(1, id), rows[10].QuestionID).Err())
		require.NoError(t, e.rdb.ZAdd(ctx, key(2, id), redis.Z{Score: due(rows[510]) + 60, Member: rows[510].QuestionID}).Err())
		require.NoError(t, e.rdb.ZAdd(ctx, key(3, id), redis.Z{Score: due(rows[1010]) + 1, Member: rows[1010].QuestionID}).Err(),
			"1 s off is within tolerance")

		rep, err := e.svc.Reconcile(ctx, season.Actor{}, 10000, "")
		require.NoError(t, err)
		require.Equal(t, season.Report{SampleSize: 2000, Compared: 2000, DiscrepanciesFound: 2, DiscrepancyRate: 0.001,
			AutoCorrected: 2, Seasons: []string{id}}, rep)
		require.EqualValues(t, due(rows[10]), e.rdb.ZScore(ctx, key(1, id), rows[10].QuestionID).Val(), "restored from the database")
		require.EqualValues(t, due(rows[510]), e.rdb.ZScore(ctx, key(2, id), rows[510].QuestionID).Val())
		require.Empty(t, e.jobs.alerts)
		var m dto.Metric
		require.NoError(t, e.svc.Metrics.ReconciliationDiscrepancyRate().WithLabelValues(id).Write(&m))
		require.InDelta(t, 0.001, m.GetGauge().GetValue(), 1e-12)

		again, err := e.svc.Reconcile(ctx, season.Actor{}, 10000, "")
		require.NoError(t, err)
		require.Zero(t, again.DiscrepanciesFound, "corrections stuck")

		for _, i := range []int{20, 21} {
			require.NoError(t, e.rdb.ZRem(ctx, key(1, id), rows[i].QuestionID).Err())
		}
		require.NoError(t, e.rdb.ZAdd(ctx, key(4, id), redis.Z{Score: due(rows[1600]) - 3600, Member: rows[1600].QuestionID}).Err())
		rep, err = e.svc.Reconcile(ctx, season.Actor{UserID: 9, Email: "admin@x.test"}, 10000, "")
		require.NoError(t, err)
		require.Equal(t, 3, rep.DiscrepanciesFound)
		require.Equal(t, 3, rep.AutoCorrected)
		require.True(t, rep.AlertTriggered)
		require.Equal(t, []int64{rep.AlertID}, e.jobs.alerts, "delivery queued with the alert")
		alerts, err := e.svc.Alerts(ctx, false, 10)
		require.NoError(t, err)
		require.Len(t, alerts, 1)
		require.Equal(t, "⚠️ ALERT: High SRS Cache Discrepancy (0.15%)", alerts[0].Message)
		require.EqualValues(t, 1, count(t, e.store, "SELECT count(*) FROM audit_log WHERE action = 'alert.raised'"))
		require.EqualValues(t, 3, count(t, e.store, "SELECT count(*) FROM audit_log WHERE action = 'srs.reconciliation'"))
	})
}

// A player with no schedule in Redis is not a discrepancy (the next read rebuilds it);
// rows written in the last seconds and retired rows are not sampled; the season argument
// is honoured (weak point 19).
func TestReconcileSkips(t *testing.T) {
	each(t, true, func(t *testing.T, e *env) {
		ctx := context.Background()
		id, rows := reconcileFixture(t, e)
		require.NoError(t, e.rdb.Del(ctx, key(4, id)).Err())

		fresh := store.MemoryState{UserID: 1, SeasonID: id, QuestionID: rows[30].QuestionID, Due: rows[30].Due.Add(time.Hour),
			CreatedAt: t0, UpdatedAt: t0.Add(-2 * time.Second)}
		retired := store.MemoryState{UserID: 2, SeasonID: id, QuestionID: rows[530].QuestionID, Due: rows[530].Due.Add(time.Hour),
			Retired: true, CreatedAt: t0, UpdatedAt: t0.Add(-time.Hour)}
		require.NoError(t, e.store.MemoryUpsert(ctx, []store.MemoryState{fresh, retired}))

		rep, err := e.svc.Reconcile(ctx, season.Actor{}, 10000, "")
		require.NoError(t, err)
		require.Equal(t, season.Report{SampleSize: 1998, Compared: 1498, Uncached: 500, Seasons: []string{id}}, rep)
		require.Zero(t, e.rdb.Exists(ctx, key(4, id)).Val(), "a missing schedule is left for the reader to rebuild")

		other := redistest.Season(t)
		e.season(t, other, false)
		e.rows(t, other, []int64{1}, 3)
		require.NoError(t, e.rdb.ZAdd(ctx, key(1, other), redis.Z{Score: 1, Member: "q00000"}).Err())
		t.Cleanup(func() { e.rdb.Del(context.Background(), key(1, other)) })
		rep, err = e.svc.Reconcile(ctx, season.Actor{}, 100, other)
		require.NoError(t, err)
		require.Equal(t, []string{other}, rep.Seasons)
		require.Equal(t, 3, rep.SampleSize)
		require.Equal(t, 3, rep.DiscrepanciesFound, "one wrong score, two missing")
		require.True(t, rep.AlertTriggered)
	})
}

// F.61.
func TestReconcileValidates(t *testing.T) {
	each(t, false, func(t *testing.T, e *env) {
		ctx := context.Background()
		for _, n := range []int{50, 99, 100001, 200000} {
			_, err := e.svc.Reconcile(ctx, season.Actor{}, n, "")
			requireProblem(t, err, problem.Invalid, "Sample size must be between 100 and 100000")
		}
		_, err := e.svc.Reconcile(ctx, season.Actor{}, 100, "SEASON-1999")
		requireProblem(t, err, problem.NotFound, "Season 'SEASON-1999' not found.")
		rep, err := e.svc.Reconcile(ctx, season.Actor{}, 100, "")
		require.NoError(t, err)
		require.Equal(t, "Redis is not configured: there is no schedule cache to reconcile.", rep.Message)
	})
}

// More rows than the sample: random windows of the key space, no row twice.
func TestReconcileSamplesWindows(t *testing.T) {
	eachAndCluster(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		id := redistest.Season(t)
		e.season(t, id, true)
		players := make([]int64, 30)
		for i := range players {
			players[i] = int64(100 + 7*i)
		}
		e.rows(t, id, players, 50) // 1500 rows, no schedule cached
		rep, err := e.svc.Reconcile(ctx, season.Actor{}, 1000, id)
		require.NoError(t, err)
		require.Equal(t, 1000, rep.SampleSize)
		require.Equal(t, 1000, rep.Uncached)
	})
}

// A correction does not overwrite a score that changed after reconciliation read it (a
// review's write after its commit wins).
func TestCorrectionYieldsToNewerWrites(t *testing.T) {
	rdb := testRedis(t)
	ctx := context.Background()
	id := redistest.Season(t)
	c := rediscache.NewSeasonCache(rediscacheClient(rdb))
	row := store.MemoryDue{UserID: 5, SeasonID: id, QuestionID: "q1", Due: t0}
	require.NoError(t, rdb.ZAdd(ctx, key(5, id), redis.Z{Score: 100, Member: "q1"}).Err())
	t.Cleanup(func() { rdb.Del(context.Background(), key(5, id)) })
	seen, err := c.Scores(ctx, []store.MemoryDue{row})
	require.NoError(t, err)
	require.Equal(t, season.Cached{KeyExists: true, Complete: true, Found: true, Score: 100}, seen[0])

	require.NoError(t, rdb.ZAdd(ctx, key(5, id), redis.Z{Score: 200, Member: "q1"}).Err()) // a review lands
	n, err := c.Correct(ctx, []season.Fix{{Row: row, Seen: seen[0]}})
	require.NoError(t, err)
	require.Zero(t, n)
	require.EqualValues(t, 200, rdb.ZScore(ctx, key(5, id), "q1").Val())

	n, err = c.Correct(ctx, []season.Fix{{Row: row, Seen: season.Cached{KeyExists: true, Found: true, Score: 200}}})
	require.NoError(t, err)
	require.Equal(t, 1, n)
	require.EqualValues(t, t0.Unix(), rdb.ZScore(ctx, key(5, id), "q1").Val())
}
