package api_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"memora/internal/apitest"
	"memora/internal/store"
)

// The matrix cases of deleting grades and streams (shared: System Managers only). Every call
// gets a fresh grade or stream that nothing names.
func init() {
	addCases(map[string]matrixCase{
		"academic.delete_grade": {global: true, params: func(f *fixture, _ string) map[string]any {
			id := "m-del-grade-" + f.next()
			must(f.t, f.env.Store.GradeUpsert(context.Background(), store.Grade{ID: id, Title: "G"}))
			return map[string]any{"grade": id}
		}},
		"academic.delete_stream": {global: true, params: func(f *fixture, _ string) map[string]any {
			id := "m-del-stream-" + f.next()
			must(f.t, f.env.Store.StreamUpsert(context.Background(), store.Stream{ID: id, Title: "S"}))
			return map[string]any{"stream": id}
		}},
	})
}

// A grade or stream in use is refused with a conflict that says what uses it, in Arabic or
// English; once nothing names it, it is deleted, and the deletion is in the audit log.
func TestAGradeOrStreamInUseIsNotDeleted(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		f := newFixture(t, env)
		ctx := context.Background()
		sm, _ := env.LoginAs("sm@own.test", ownInst, store.RoleSystemManager)
		m := func(fn string) string { return apitest.Method("academic", fn) }
		must(t, env.Store.StreamUpsert(ctx, store.Stream{ID: "sci", Title: "علمي"}))
		must(t, env.Store.GradeUpsert(ctx, store.Grade{ID: "g10", Title: "العاشر", ValidStreams: []string{"sci"}}))
		student := env.CreateUser("kid@own.test", ownInst)
		must(t, env.Store.ProfileSetAcademic(ctx, store.ProfileSetAcademicParams{UserID: student.ID, GradeID: "g10",
			StreamID: gradesPtr("sci"), Now: env.Clock.Now()}))
		season := f.season()
		must(t, env.Store.PlanUpsert(ctx, store.Plan{ID: "plan-g10", GradeID: "g10", StreamID: gradesPtr("sci"), SeasonID: season,
			UpdatedAt: env.Clock.Now(), Subjects: []store.PlanSubject{}}))

		expectMessage(t, sm.Post(m("delete_grade"), map[string]any{"grade": "g10"}), http.StatusConflict,
			"Grade g10 is in use (1 students, 1 plans, 0 store items): move them to another grade first.")
		expectMessage(t, sm.Post(m("delete_stream"), map[string]any{"stream": "sci"}), http.StatusConflict,
			"Stream sci is in use (1 students, 1 plans, 0 store items, 1 grades): remove it from them first.")
		req, err := http.NewRequest(http.MethodPost, env.URL()+m("delete_grade"), strings.NewReader(`{"grade":"g10"}`))
		require.NoError(t, err)
		req.Header.Set("Content-Type", "application/json")
		req.AddCookie(&http.Cookie{Name: "lang", Value: "ar"})
		r := sm.Do(req)
		require.Equal(t, http.StatusConflict, r.Status)
		require.Contains(t, r.Body, "الصف g10 مستخدم")
		expectMessage(t, sm.Post(m("delete_grade"), map[string]any{"grade": "g99"}), http.StatusNotFound, "Grade g99 not found")

		// Free them: the plan goes, the student moves to another grade without a stream.
		must(t, env.Store.PlanDelete(ctx, "plan-g10"))
		must(t, env.Store.GradeUpsert(ctx, store.Grade{ID: "g11", Title: "الحادي عشر"}))
		must(t, env.Store.ProfileSetAcademic(ctx, store.ProfileSetAcademicParams{UserID: student.ID, GradeID: "g11", Now: env.Clock.Now()}))
		before := auditCount(t, env.Store)
		r = sm.Post(m("delete_grade"), map[string]any{"grade": "g10"})
		require.Equal(t, http.StatusOK, r.Status, r.Body)
		r = sm.Post(m("delete_stream"), map[string]any{"stream": "sci"})
		require.Equal(t, http.StatusOK, r.Status, r.Body)
		require.Equal(t, before+2, auditCount(t, env.Store))
		grades, err := env.Store.GradeList(ctx)
		require.NoError(t, err)
		require.Len(t, grades, 1)
		require.Equal(t, "g11", grades[0].ID)
		streams, err := env.Store.StreamList(ctx)
		require.NoError(t, err)
		require.Empty(t, streams)
	})
}

func gradesPtr(s string) *string { return &s }
