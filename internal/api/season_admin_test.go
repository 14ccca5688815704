package api_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"memora/internal/apitest"
	"memora/internal/store"
	"memora/internal/store/storetest"
)

type seasonView struct {
	Name             string `json:"name"`
	IsActive         bool   `json:"is_active"`
	PartitionCreated bool   `json:"partition_created"`
	PartitionName    string `json:"partition_name"`
	EndDate          string `json:"end_date"`
	Scheduler        string `json:"scheduler"`
}

// F.68 through the API: SEASON-2029 gets partition p_season_2029 on PostgreSQL with
// partition_created; a second create is a 409 that changes nothing; bad input is a 400.
func TestSeasonLifecycleAPI(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		sm, _ := env.LoginAs("sm@x.test", "x", store.RoleSystemManager)
		create := apitest.Method("season", "create_season")
		body := map[string]any{"season_name": "SEASON-2029", "title": "2029/30", "start_date": "2029-09-01",
			"end_date": "2030-06-30", "is_active": true, "scheduler": "classic", "desired_retention": "0.85"}
		step(t, "creating a season creates its memory-state partition", func(t *testing.T) {
			r := sm.Post(create, body)
			require.Equal(t, 200, r.Status, r.Body)
			var v seasonView
			r.Message(t, &v)
			require.Equal(t, seasonView{Name: "SEASON-2029", IsActive: true, PartitionCreated: env.Store.Engine() == store.Postgres,
				PartitionName: "p_season_2029", EndDate: "2030-06-30", Scheduler: "classic"}, v)
			if env.Store.Engine() == store.Postgres {
				require.EqualValues(t, 1, storetest.CountRows(t, env.Store,
					"SELECT count(*) FROM pg_class WHERE relname = 'p_season_2029' AND relispartition"))
			}
		})

		step(t, "a duplicate or invalid season is refused and changes nothing", func(t *testing.T) {
			before := opsFingerprint(t, env.Store)
			expectMessage(t, sm.Post(create, body), 409, "Season SEASON-2029 already exists.")
			for msg, bad := range map[string]map[string]any{
				"Season name must look like SEASON-2026 (or SEASON-2026-suffix).": {"season_name": "2029", "start_date": "2029-09-01", "end_date": "2030-06-30"},
				"Invalid value for start_date: expected YYYY-MM-DD":               {"season_name": "SEASON-2031", "start_date": "1/9/2031", "end_date": "2032-06-30"},
				"desired_retention must be between 0.70 and 0.97.":                {"season_name": "SEASON-2031", "start_date": "2031-09-01", "end_date": "2032-06-30", "desired_retention": 0.5},
				"Invalid value for is_active: expected true or false":             {"season_name": "SEASON-2031", "start_date": "2031-09-01", "end_date": "2032-06-30", "is_active": "maybe"},
			} {
				expectMessage(t, sm.Post(create, bad), 400, msg)
			}
			require.Empty(t, storetest.Diff(before, opsFingerprint(t, env.Store)))
		})

		step(t, "creating an active season deactivates the other", func(t *testing.T) {
			body["season_name"], body["start_date"], body["end_date"] = "SEASON-2030", "2030-09-01", "2031-06-30"
			require.Equal(t, 200, sm.Post(create, body).Status)
			var list []seasonView
			sm.Get(apitest.Method("season", "get_seasons"), nil).Message(t, &list)
			require.Len(t, list, 2)
			require.Equal(t, "SEASON-2030", list[0].Name)
			require.True(t, list[0].IsActive)
			require.False(t, list[1].IsActive, "creating an active season deactivated the other")
		})

		step(t, "activating and updating seasons", func(t *testing.T) {
			r := sm.Post(apitest.Method("season", "activate_season"), map[string]any{"season_name": "SEASON-2029"})
			require.Equal(t, 200, r.Status, r.Body)
			require.EqualValues(t, 1, storetest.CountRows(t, env.Store, "SELECT count(*) FROM seasons WHERE is_active AND id = 'SEASON-2029'"))
			r = sm.Post(apitest.Method("season", "update_season"), map[string]any{"season_name": "SEASON-2030", "auto_archive": true, "title": "x"})
			require.Equal(t, 200, r.Status, r.Body)
			require.Contains(t, r.Body, `"warnings":[]`)
		})

		step(t, "each season has its partition", func(t *testing.T) {
			var parts struct {
				Partitioned bool `json:"partitioned"`
				Partitions  []struct {
					Partition string `json:"partition"`
					Season    string `json:"season"`
				} `json:"partitions"`
			}
			sm.Get(apitest.Method("srs", "get_partition_stats"), nil).Message(t, &parts)
			require.Equal(t, env.Store.Engine() == store.Postgres, parts.Partitioned)
			if parts.Partitioned {
				require.Contains(t, parts.Partitions, struct {
					Partition string `json:"partition"`
					Season    string `json:"season"`
				}{"p_season_2030", "SEASON-2030"})
			}
		})
	})
}

// The job dashboard answers System Managers, as JSON and as River's UI.
func TestJobsDashboardAPI(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		sm, _ := env.LoginAs("sm@x.test", "x", store.RoleSystemManager)
		r := sm.Get(apitest.Method("jobs", "get_dashboard"), nil)
		require.Equal(t, 200, r.Status, r.Body)
		require.Contains(t, r.Body, `"jobs_by_state"`)
		ui := sm.Get("/app/jobs/", nil)
		require.Equal(t, 200, ui.Status)
		require.Contains(t, ui.Body, "<html")

		pool := map[store.Engine]string{store.SQLite: "sqlite_writer", store.Postgres: "postgres"}[env.Store.Engine()]
		m := sm.Get("/metrics", nil)
		require.Equal(t, 200, m.Status)
		require.Contains(t, m.Body, `memora_db_pool_max_conns{pool="`+pool+`"}`)
	})
}
