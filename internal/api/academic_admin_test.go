package api_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"memora/internal/apitest"
	"memora/internal/authoring"
	"memora/internal/store"
)

// A System Manager sets up grades and streams (an Institution Admin may not); the
// Institution Admin makes, lists and deletes the plan that puts a subject on a grade, with
// the importer's reference checks.
func TestAnAcademicPlanIsMadeThroughTheAPIOnGradesAndStreamsOfASystemManager(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		sm, _ := env.LoginAs("sm@own.test", ownInst, store.RoleSystemManager)
		admin, _ := env.LoginAs("admin@own.test", ownInst, store.RoleInstitutionAdmin, store.RoleContentManager)
		m := func(fn string) string { return apitest.Method("academic", fn) }
		require.Equal(t, 200, sm.Post(m("save_stream"), map[string]any{"doc": map[string]any{"id": "sci", "title": "علمي"}}).Status)
		r := sm.Post(m("save_grade"), map[string]any{"doc": map[string]any{"id": "g10", "title": "العاشر", "streams": []string{"sci"}}})
		require.Equal(t, 200, r.Status, r.Body)
		r = sm.Post(m("save_grade"), map[string]any{"doc": map[string]any{"id": "g11", "title": "x", "streams": []string{"nope"}}})
		require.Equal(t, 400, r.Status, r.Body)
		require.Contains(t, r.Body, "nope")
		r = sm.Post(apitest.Method("season", "create_season"), map[string]any{"season_name": "SEASON-2026", "title": "2026/27",
			"start_date": "2026-09-01", "end_date": "2027-06-30", "is_active": true})
		require.Equal(t, 200, r.Status, r.Body)

		require.Equal(t, 403, admin.Post(m("save_grade"), map[string]any{"doc": map[string]any{"id": "g12", "title": "x"}}).Status)
		var sub authoring.SubjectView
		admin.Post(apitest.Method("content", "save_subject"), map[string]any{"doc": map[string]any{"title": "Physics"}}).Message(t, &sub)
		var plan authoring.PlanView
		r = admin.Post(m("save_plan"), map[string]any{"doc": map[string]any{"grade": "g10", "stream": "sci", "season": "SEASON-2026",
			"subjects": []any{map[string]any{"subject": sub.ID, "display_name": "فيزياء"}}}})
		require.Equal(t, 200, r.Status, r.Body)
		r.Message(t, &plan)
		require.Equal(t, ownInst, *plan.Institution)
		require.True(t, plan.Editable)
		require.Equal(t, []authoring.PlanRow{{Subject: sub.ID, DisplayName: "فيزياء", IsMandatory: true, SelectionType: "all_units"}}, plan.Subjects)

		var st authoring.Structure
		admin.Get(m("get_structure"), nil).Message(t, &st)
		require.Len(t, st.Plans, 1)
		require.Equal(t, []string{"sci"}, st.Grades[0].Streams)
		require.Equal(t, "SEASON-2026", st.Seasons[0].ID)

		r = admin.Post(m("save_plan"), map[string]any{"doc": map[string]any{"grade": "g10", "season": "SEASON-2099",
			"subjects": []any{}}})
		require.Equal(t, 400, r.Status, r.Body)
		require.Contains(t, r.Body, "SEASON-2099")

		require.Equal(t, 200, admin.Post(m("delete_plan"), map[string]any{"plan": plan.ID}).Status)
		require.Equal(t, 404, admin.Post(m("delete_plan"), map[string]any{"plan": plan.ID}).Status)
	})
}
