package api_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/apitest"
	"memora/internal/config"
	"memora/internal/store"
	"memora/internal/store/storetest"
)

// srsFixture: an inactive season "SEASON-2025" with 3 players × 2 rows and an active
// "SEASON-2026" with one row.
func srsFixture(t *testing.T, env *apitest.Env) {
	t.Helper()
	ctx := context.Background()
	for id, active := range map[string]bool{"SEASON-2025": false, "SEASON-2026": true} {
		require.NoError(t, env.Store.SeasonInsert(ctx, store.Season{ID: id, StartDate: apitest.Start.AddDate(-1, 0, 0),
			EndDate: apitest.Start.AddDate(0, -1, 0), IsActive: active, EnableRedis: true, Scheduler: "fsrs",
			DesiredRetention: 0.9, GradeMapping: "binary", CreatedAt: apitest.Start}))
	}
	var items []store.MemoryState
	for _, u := range []int64{1001, 1002, 1003} {
		for i := range 2 {
			items = append(items, memRow(u, "SEASON-2025", fmt.Sprintf("q%d", i), apitest.Start.Add(time.Duration(i)*time.Hour)))
		}
	}
	items = append(items, memRow(1001, "SEASON-2026", "q0", apitest.Start))
	require.NoError(t, env.Store.MemoryUpsert(ctx, items))
}

func memRow(user int64, seasonID, q string, due time.Time) store.MemoryState {
	return store.MemoryState{UserID: user, SeasonID: seasonID, QuestionID: q, Stability: 2, State: 2, Level: 2, Due: due,
		Reps: 1, CreatedAt: apitest.Start.Add(-time.Hour), UpdatedAt: apitest.Start.Add(-time.Hour)}
}

// expectMessage checks an error status and its message.
func expectMessage(t *testing.T, r apitest.Response, status int, msg string) {
	t.Helper()
	require.Equal(t, status, r.Status, r.Body)
	var body struct {
		Exc string `json:"exc"`
	}
	r.JSON(t, &body)
	require.Equal(t, msg, body.Exc)
}

// opsFingerprint adds the operational tables to the data fingerprint.
func opsFingerprint(t *testing.T, s store.Store) map[string]int64 {
	fp := storetest.Fingerprint(t, s)
	for _, table := range []string{"archived_memory_state", "admin_alerts", "cache_rebuilds", "river_job"} {
		fp[table] = storetest.CountRows(t, s, "SELECT count(*) FROM "+table)
	}
	fp["active seasons"] = storetest.CountRows(t, s, "SELECT count(*) FROM seasons WHERE is_active")
	return fp
}

// F.67 and weak point 4: every SRS admin endpoint refuses callers without the System
// Manager role — students and Institution Admins alike — with its message, and changes
// nothing.
func TestSRSAdminNeedsSystemManager(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		srsFixture(t, env)
		student, _ := env.LoginAs("s@x.test", "x")
		admin, _ := env.LoginAs("ia@x.test", "x", store.RoleInstitutionAdmin)
		season := map[string]any{"season_name": "SEASON-2025", "confirm": true}
		calls := []struct {
			fn, msg string
			body    map[string]any
		}{
			{"srs.archive_season", "You don't have permission to archive seasons. This action requires System Manager role.", season},
			{"srs.get_archive_status", "You don't have permission to view archive status.", season},
			{"srs.delete_eligible_archived_records", "You don't have permission to delete archived records. This action requires System Manager role.", season},
			{"srs.get_cache_status", "You don't have permission to view cache status.", nil},
			{"srs.rebuild_season_cache", "You don't have permission to rebuild the cache. This action requires System Manager role.", season},
			{"srs.trigger_reconciliation", "You don't have permission to trigger reconciliation. This action requires System Manager role.", map[string]any{"sample_size": 100}},
			{"srs.get_partition_stats", "You don't have permission to view partitions. This action requires System Manager role.", nil},
			{"srs.get_alerts", "You don't have permission to view alerts. This action requires System Manager role.", nil},
			{"srs.acknowledge_alert", "You don't have permission to view alerts. This action requires System Manager role.", map[string]any{"alert_id": 1}},
			{"season.get_seasons", "You don't have permission to manage seasons. This action requires System Manager role.", nil},
			{"season.create_season", "You don't have permission to manage seasons. This action requires System Manager role.",
				map[string]any{"season_name": "SEASON-2030", "start_date": "2030-09-01", "end_date": "2031-06-30"}},
			{"season.update_season", "You don't have permission to manage seasons. This action requires System Manager role.",
				map[string]any{"season_name": "SEASON-2025", "is_active": true}},
			{"season.activate_season", "You don't have permission to manage seasons. This action requires System Manager role.", season},
			{"season.end_season", "You don't have permission to manage seasons. This action requires System Manager role.",
				map[string]any{"season_name": "SEASON-2026"}},
			{"jobs.get_dashboard", "You don't have permission to view jobs. This action requires System Manager role.", nil},
		}
		before := opsFingerprint(t, env.Store)
		for _, c := range []*apitest.Client{student, admin} {
			for _, call := range calls {
				var body any = "{}"
				if call.body != nil {
					body = call.body
				}
				expectMessage(t, c.Post("/api/method/memora.api."+call.fn, body), 403, call.msg)
			}
			require.Equal(t, 403, c.Get("/app/jobs/", nil).Status)
		}
		require.Empty(t, storetest.Diff(before, opsFingerprint(t, env.Store)))
		require.Equal(t, 401, env.Client().Post(apitest.Method("srs", "archive_season"), season).Status)
	})
}

// F.63, F.64, F.67: confirmation first, then an active season is refused, an empty one
// archives nothing, three players × two rows archive 6; the archive status follows.
func TestArchiveSeasonAPI(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		srsFixture(t, env)
		sm, _ := env.LoginAs("sm@x.test", "x", store.RoleSystemManager)
		archive := apitest.Method("srs", "archive_season")
		step(t, "an unconfirmed, active, unknown or unnamed season is refused and nothing changes", func(t *testing.T) {
			before := opsFingerprint(t, env.Store)
			expectMessage(t, sm.Post(archive, map[string]any{"season_name": "SEASON-2025"}), 400,
				"Confirmation required. Set confirm=True to proceed with archiving.")
			expectMessage(t, sm.Post(archive, map[string]any{"season_name": "SEASON-2026", "confirm": "True"}), 409,
				"Cannot archive active season SEASON-2026")
			expectMessage(t, sm.Post(archive, map[string]any{"season_name": "SEASON-1999", "confirm": 1}), 404,
				"Season 'SEASON-1999' not found.")
			expectMessage(t, sm.Post(archive, map[string]any{"confirm": 1}), 400, "season_name is required.")
			expectMessage(t, sm.Post(apitest.Method("srs", "delete_eligible_archived_records"), nil), 400,
				"Confirmation required. Set confirm=True to proceed with deletion.")
			require.Empty(t, storetest.Diff(before, opsFingerprint(t, env.Store)))
			require.Equal(t, 405, sm.Get(archive, map[string]string{"season_name": "SEASON-2025", "confirm": "1"}).Status,
				"mutations are POST only")
		})

		var out struct {
			Success       bool   `json:"success"`
			ArchivedCount int64  `json:"archived_count"`
			Season        string `json:"season"`
		}
		step(t, "archiving an ended season moves its memory rows to the archive", func(t *testing.T) {
			r := sm.Post(archive, map[string]any{"season_name": "SEASON-2025", "confirm": true})
			require.Equal(t, 200, r.Status, r.Body)
			r.Message(t, &out)
			require.Equal(t, true, out.Success)
			require.EqualValues(t, 6, out.ArchivedCount)
			require.Equal(t, "SEASON-2025", out.Season)

			var st map[string]any
			r = sm.Get(apitest.Method("srs", "get_archive_status"), map[string]string{"season_name": "SEASON-2025"})
			require.Equal(t, 200, r.Status, r.Body)
			r.Message(t, &st)
			require.Equal(t, map[string]any{"season": "SEASON-2025", "is_active": false, "auto_archive": false,
				"end_date": "2026-10-25", "active_records": 0.0, "archived_records": 6.0, "eligible_for_deletion": 0.0,
				"total_records": 6.0}, st)
		})

		step(t, "archiving again and deleting are idempotent, and both are audited", func(t *testing.T) {
			r := sm.Post(archive, map[string]any{"season_name": "SEASON-2025", "confirm": true})
			require.Equal(t, 200, r.Status, r.Body)
			r.Message(t, &out)
			require.Zero(t, out.ArchivedCount, "nothing left: success with 0")

			r = sm.Post(apitest.Method("srs", "delete_eligible_archived_records"), map[string]any{"confirm": true})
			require.Equal(t, 200, r.Status, r.Body)
			require.JSONEq(t, `{"message":{"success":true,"deleted_count":0}}`, r.Body, "nothing is past retention")

			var entries []map[string]any
			r = sm.Get(apitest.Method("audit", "get_audit_log"), map[string]string{"action": "season.archived"})
			require.Equal(t, 200, r.Status, r.Body)
			r.Message(t, &entries)
			require.Len(t, entries, 2)
			require.Equal(t, "sm@x.test", entries[0]["actor"])
		})
	})
}

// F.61 through the API.
func TestTriggerReconciliationValidates(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		srsFixture(t, env)
		sm, _ := env.LoginAs("sm@x.test", "x", store.RoleSystemManager)
		path := apitest.Method("srs", "trigger_reconciliation")
		for _, n := range []int{50, 200000} {
			expectMessage(t, sm.Post(path, map[string]any{"sample_size": n}), 400, "Sample size must be between 100 and 100000")
		}
		expectMessage(t, sm.Post(path, map[string]any{"sample_size": "lots"}), 400, "Invalid value for sample_size: expected an integer")
		expectMessage(t, sm.Post(path, map[string]any{"season": "SEASON-X"}), 404, "Season 'SEASON-X' not found.")
		r := sm.Post(path, nil)
		require.Equal(t, 200, r.Status, r.Body)
		require.Contains(t, r.Body, "Redis is not configured")
	})
}

// withSRSRedis points the app at a Redis.
func withSRSRedis(url string) func(*config.Config) {
	return func(cfg *config.Config) {
		cfg.RedisURL, cfg.Redis = url, config.Redis{Addrs: []string{url}}
		// These tests are about the administration, not timeouts: a loaded machine (the API
		// tests run in parallel) must not fail a rebuild on a slow Redis answer.
		cfg.RedisTimeout = 5 * time.Second
	}
}
