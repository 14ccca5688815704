package api_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"

	"memora/internal/apitest"
	"memora/internal/redistest"
	"memora/internal/store"
	"memora/internal/store/storetest"
)

type cacheStatus struct {
	RedisConnected bool             `json:"redis_connected"`
	IsSafeMode     bool             `json:"is_safe_mode"`
	KeysBySeason   map[string]int64 `json:"keys_by_season"`
	Rebuilds       []struct {
		Season    string `json:"season"`
		Status    string `json:"status"`
		Processed int64  `json:"processed"`
		Users     int64  `json:"users"`
	} `json:"rebuilds"`
}

// F.57 on real Redis, through the API and the job worker: five rows, an empty cache; the
// rebuild job writes exactly those five ids with their due times, and get_cache_status
// shows it completed with 5 records of 1 player.
func TestRebuildSeasonCacheAPI(t *testing.T) {
	t.Parallel()
	url := redistest.URL(t)
	for _, e := range storetest.Engines() {
		t.Run(string(e), func(t *testing.T) {
			id := redistest.Season(t) // first: its keys are dropped after the worker stopped writing them
			env := apitest.New(t, e, withSRSRedis(url))
			require.NoError(t, env.App.Start(context.Background()))
			t.Cleanup(env.App.Stop)
			ctx := context.Background()
			require.NoError(t, env.Store.SeasonInsert(ctx, store.Season{ID: id, StartDate: apitest.Start, EndDate: apitest.Start,
				IsActive: true, EnableRedis: true, Scheduler: "fsrs", DesiredRetention: 0.9, GradeMapping: "binary", CreatedAt: apitest.Start}))
			var items []store.MemoryState
			for i, q := range []string{"a", "b", "c", "d", "e"} {
				items = append(items, memRow(77, id, q, apitest.Start.Add(time.Duration(i)*time.Hour)))
			}
			require.NoError(t, env.Store.MemoryUpsert(ctx, items))
			sm, _ := env.LoginAs("sm@x.test", "x", store.RoleSystemManager)

			r := sm.Post(apitest.Method("srs", "rebuild_season_cache"), map[string]any{"season_name": id})
			require.Equal(t, 200, r.Status, r.Body)
			var started struct {
				Status           string `json:"status"`
				JobID            int64  `json:"job_id"`
				EstimatedRecords int64  `json:"estimated_records"`
			}
			r.Message(t, &started)
			require.Equal(t, "started", started.Status)
			require.Positive(t, started.JobID)
			require.EqualValues(t, 5, started.EstimatedRecords)

			var st cacheStatus
			deadline := time.Now().Add(20 * time.Second)
			for {
				sm.Get(apitest.Method("srs", "get_cache_status"), nil).Message(t, &st)
				if len(st.Rebuilds) == 1 && st.Rebuilds[0].Status == "completed" || time.Now().After(deadline) {
					break
				}
				time.Sleep(50 * time.Millisecond)
			}
			require.Len(t, st.Rebuilds, 1)
			require.Equal(t, "completed", st.Rebuilds[0].Status)
			// Read again: the status reads Redis before the rebuild rows.
			sm.Get(apitest.Method("srs", "get_cache_status"), nil).Message(t, &st)
			require.EqualValues(t, 5, st.Rebuilds[0].Processed)
			require.EqualValues(t, 1, st.Rebuilds[0].Users)
			require.True(t, st.RedisConnected)
			require.False(t, st.IsSafeMode)
			require.EqualValues(t, 1, st.KeysBySeason[id])

			rdb := redistest.Client(t)
			got, err := rdb.ZRangeWithScores(ctx, "srs:{77}:"+id, 0, -1).Result()
			require.NoError(t, err)
			require.Len(t, got, 5)
			for i, z := range got {
				require.Equal(t, items[i].QuestionID, z.Member)
				require.EqualValues(t, items[i].Due.Unix(), z.Score)
			}
		})
	}
}

// Reconciliation on real Redis through the API: a deleted and a shifted entry in 1,000
// rows are found and corrected (0.2 %: an alert for administrators, acknowledged once).
func TestTriggerReconciliationAPI(t *testing.T) {
	t.Parallel()
	url := redistest.URL(t)
	for _, e := range storetest.Engines() {
		t.Run(string(e), func(t *testing.T) {
			env := apitest.New(t, e, withSRSRedis(url))
			ctx := context.Background()
			id := redistest.Season(t)
			require.NoError(t, env.Store.SeasonInsert(ctx, store.Season{ID: id, StartDate: apitest.Start, EndDate: apitest.Start,
				IsActive: true, EnableRedis: true, Scheduler: "fsrs", DesiredRetention: 0.9, GradeMapping: "binary", CreatedAt: apitest.Start}))
			rdb := redistest.Client(t)
			var items []store.MemoryState
			for u := int64(1); u <= 4; u++ {
				var zs []redis.Z
				for i := range 250 {
					m := memRow(u, id, fmt.Sprintf("q%03d", i), apitest.Start.Add(time.Duration(i)*time.Minute))
					items = append(items, m)
					zs = append(zs, redis.Z{Score: float64(m.Due.Unix()), Member: m.QuestionID})
				}
				k := fmt.Sprintf("srs:{%d}:%s", u, id)
				require.NoError(t, rdb.ZAdd(ctx, k, zs...).Err())
				t.Cleanup(func() { rdb.Del(context.Background(), k) })
			}
			require.NoError(t, env.Store.MemoryUpsert(ctx, items))
			require.NoError(t, rdb.ZRem(ctx, "srs:{1}:"+id, items[5].QuestionID).Err())
			require.NoError(t, rdb.ZIncrBy(ctx, "srs:{3}:"+id, 90, items[600].QuestionID).Err())

			sm, _ := env.LoginAs("sm@x.test", "x", store.RoleSystemManager)
			var rep struct {
				SampleSize         int     `json:"sample_size"`
				DiscrepanciesFound int     `json:"discrepancies_found"`
				DiscrepancyRate    float64 `json:"discrepancy_rate"`
				AutoCorrected      int     `json:"auto_corrected"`
				AlertTriggered     bool    `json:"alert_triggered"`
				AlertID            int64   `json:"alert_id"`
			}
			step(t, "reconciliation finds and corrects the two wrong rows and raises an alert", func(t *testing.T) {
				r := sm.Post(apitest.Method("srs", "trigger_reconciliation"), map[string]any{"sample_size": 1000, "season": id})
				require.Equal(t, 200, r.Status, r.Body)
				r.Message(t, &rep)
				require.Equal(t, 1000, rep.SampleSize)
				require.Equal(t, 2, rep.DiscrepanciesFound)
				require.InDelta(t, 0.002, rep.DiscrepancyRate, 1e-12)
				require.Equal(t, 2, rep.AutoCorrected)
				require.True(t, rep.AlertTriggered)
				require.EqualValues(t, items[5].Due.Unix(), rdb.ZScore(ctx, "srs:{1}:"+id, items[5].QuestionID).Val())
				require.EqualValues(t, items[600].Due.Unix(), rdb.ZScore(ctx, "srs:{3}:"+id, items[600].QuestionID).Val())
			})

			step(t, "the alert is listed, notified and acknowledged once", func(t *testing.T) {
				var alerts []struct {
					ID      int64  `json:"id"`
					Message string `json:"message"`
				}
				sm.Get(apitest.Method("srs", "get_alerts"), nil).Message(t, &alerts)
				require.Len(t, alerts, 1)
				require.Equal(t, rep.AlertID, alerts[0].ID)
				require.Equal(t, "⚠️ ALERT: High SRS Cache Discrepancy (0.20%)", alerts[0].Message)
				require.EqualValues(t, 1, storetest.CountRows(t, env.Store, "SELECT count(*) FROM river_job WHERE kind = 'alert_notify'"))
				ack := apitest.Method("srs", "acknowledge_alert")
				require.Equal(t, 200, sm.Post(ack, map[string]any{"alert_id": rep.AlertID}).Status)
				expectMessage(t, sm.Post(ack, map[string]any{"alert_id": rep.AlertID}), 404, fmt.Sprintf("No open alert %d.", rep.AlertID))
				sm.Get(apitest.Method("srs", "get_alerts"), nil).Message(t, &alerts)
				require.Empty(t, alerts)
			})
		})
	}
}
