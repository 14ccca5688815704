package api_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"memora/internal/api"
	"memora/internal/apitest"
	"memora/internal/store"
)

func getPlanVersion(t *testing.T, c *apitest.Client, params map[string]string) int64 {
	t.Helper()
	var v struct {
		Version int64 `json:"version"`
	}
	r := c.Get(api.PlanVersionPath, params)
	require.Equal(t, 200, r.Status, r.Body)
	r.Message(t, &v)
	return v.Version
}

// get_plan_version: guests allowed; the plan's last change as Unix seconds, 1 without a plan.
func TestGetPlanVersion(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		f := seedCatalog(t, env)
		guest := env.Client()
		params := map[string]string{"grade": "g10", "season": catSeason, "stream": "sci"}
		require.Equal(t, calDay(2026, 10, 1).Unix(), getPlanVersion(t, guest, params))
		require.Equal(t, int64(1), getPlanVersion(t, guest, map[string]string{"grade": "g10", "season": catSeason}),
			"no plan without a stream")
		require.Equal(t, int64(1), getPlanVersion(t, guest, map[string]string{"grade": "nope", "season": catSeason}))
		expectProblem(t, guest.Get(api.PlanVersionPath, map[string]string{"grade": "g\x00", "season": catSeason}), 400,
			"Invalid value for grade: text must be UTF-8 without NUL characters")
		expectProblem(t, guest.Get(api.PlanVersionPath, map[string]string{"grade": "g10"}), 400, "Missing grade or season")
		r := guest.Post(api.PlanVersionPath, params)
		require.Equal(t, 200, r.Status, "reads accept POST")

		// An institution's own plan wins for its members; guests see the shared one.
		require.NoError(t, env.Store.PlanUpsert(context.Background(), store.Plan{ID: "plan-x", InstitutionID: catPtr(catInst), GradeID: "g10",
			StreamID: catPtr("sci"), SeasonID: catSeason, UpdatedAt: calDay(2026, 11, 1)}))
		c, _ := f.student("s@x.test")
		require.Equal(t, calDay(2026, 11, 1).Unix(), getPlanVersion(t, c, params))
		require.Equal(t, calDay(2026, 10, 1).Unix(), getPlanVersion(t, guest, params))
	})
}
