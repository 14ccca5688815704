package api_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"memora/internal/apitest"
	"memora/internal/store"
)

// A season's exam through the staff API: refused outside the season or with a target outside
// 0.70–0.97 (in Arabic too), stored and shown, cleared by an empty exam_date; the workload
// forecast of the season answers an Institution Admin for their own institution only.
func TestSeasonExamAndWorkloadForecastAPI(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		sm, _ := env.LoginAs("sm@x.test", "x", store.RoleSystemManager)
		create, update := apitest.Method("season", "create_season"), apitest.Method("season", "update_season")
		base := func(extra map[string]any) map[string]any {
			b := map[string]any{"season_name": "SEASON-2033", "start_date": "2033-09-01", "end_date": "2034-06-30"}
			for k, v := range extra {
				b[k] = v
			}
			return b
		}
		expectMessage(t, sm.Post(create, base(map[string]any{"exam_date": "2034-07-01"})), 400,
			"exam_date must be between the season's start_date and end_date.")
		expectMessage(t, sm.Post(create, base(map[string]any{"exam_date": "2034-06-01", "exam_target": 0.99})), 400,
			"exam_target must be between 0.70 and 0.97.")
		expectMessage(t, sm.Post(create, base(map[string]any{"exam_target": "high"})), 400,
			"Invalid value for exam_target: expected a number")
		sm.Header.Set("Accept-Language", "ar")
		expectMessage(t, sm.Post(create, base(map[string]any{"exam_date": "2034-07-01"})), 400,
			"يجب أن يقع exam_date بين start_date وend_date للموسم.")
		sm.Header.Del("Accept-Language")

		var v struct {
			ExamDate   *string `json:"exam_date"`
			ExamTarget float64 `json:"exam_target"`
		}
		r := sm.Post(create, base(map[string]any{"exam_date": "2034-06-01", "exam_target": "0.9"}))
		require.Equal(t, 200, r.Status, r.Body)
		r.Message(t, &v)
		require.Equal(t, "2034-06-01", *v.ExamDate)
		require.InDelta(t, 0.9, v.ExamTarget, 1e-9)
		r = sm.Post(update, map[string]any{"season_name": "SEASON-2033", "exam_date": ""})
		require.Equal(t, 200, r.Status, r.Body)
		var up struct {
			Season struct {
				ExamDate *string `json:"exam_date"`
			} `json:"season"`
		}
		r.Message(t, &up)
		require.Nil(t, up.Season.ExamDate, "an empty exam_date clears the exam")

		admin, _ := env.LoginAs("admin@x.test", "x", store.RoleInstitutionAdmin)
		forecast := apitest.Method("srs", "get_workload_forecast")
		r = admin.Get(forecast, map[string]string{"season_name": "SEASON-2033"})
		require.Equal(t, 200, r.Status, r.Body)
		var f struct {
			Institution string `json:"institution"`
			Days        int    `json:"days"`
			Students    int    `json:"students"`
		}
		r.Message(t, &f)
		require.Equal(t, "x", f.Institution, "an admin's own institution by default")
		require.Equal(t, 30, f.Days)
		require.Zero(t, f.Students)
		expectMessage(t, admin.Get(forecast, map[string]string{"season_name": "SEASON-2033", "institution": "y"}), 403,
			"You can only view the workload forecast of your own institution.")
		expectMessage(t, admin.Get(forecast, map[string]string{"season_name": "SEASON-2033", "days": "91"}), 400,
			"days must be between 1 and 90.")
	})
}
