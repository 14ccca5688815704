package api_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/apitest"
	"memora/internal/scheduling"
	"memora/internal/srs"
	"memora/internal/srsfit"
	"memora/internal/store"
)

// A review is scheduled with the student's fitted weights, else the institution's, and
// after a reset with the season's own (the FSRS-6 defaults): each due date is the one the
// scheduler gives with those weights, and not the one it gives with the defaults.
func TestSubmittedReviewsAreScheduledWithTheFittedWeights(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		w := seedReview(t, env, store.SchedulerFSRS)
		ctx := w.ctx
		a, ua := w.student("a@x.test")
		b, ub := w.student("b@x.test")
		last := apitest.Start.AddDate(0, 0, -6)
		due := apitest.Start.Add(-time.Hour)
		for _, u := range []int64{ua.ID, ub.ID} {
			w.put(w.item(u, "l1-quiz", 2, due, &last), w.item(u, "l1-match:0", 2, due, &last))
		}
		// The institution's set grows stability less on a pass (w8), student b's own set more.
		inst, own := srs.DefaultWeights(), srs.DefaultWeights()
		inst[8], own[8] = 0.4, 2.6
		require.NoError(t, env.Store.SRSParamsInsert(ctx, []store.SRSParams{
			{InstitutionID: w.inst, SeasonID: w.season, Version: 1, Weights: inst, Source: store.SRSParamsFit, CreatedAt: apitest.Start},
			{InstitutionID: w.inst, SeasonID: w.season, PlayerID: &ub.ID, Version: 1, Weights: own, Source: store.SRSParamsFit, CreatedAt: apitest.Start},
		}))

		season, err := env.Store.SeasonGet(ctx, w.season)
		require.NoError(t, err)
		institution, err := env.Store.InstitutionGet(ctx, w.inst)
		require.NoError(t, err)
		loc, err := time.LoadLocation(institution.TimeZone)
		require.NoError(t, err)
		// expected is the due date of a right answer to question with weights (nil: the season's).
		expected := func(u store.User, question string, weights []float64) time.Time {
			t.Helper()
			p, err := scheduling.Plan(ctx, env.Store, scheduling.Batch{UserID: u.ID, Season: season, Location: loc,
				Source: srs.SourceReview, Now: apitest.Start, Weights: weights,
				Current: []store.MemoryState{w.item(u.ID, question, 2, due, &last)},
				Answers: []scheduling.Answer{{QuestionID: question, Correct: true, DurationMs: 2500, Attempts: 1}}})
			require.NoError(t, err)
			return p.States[0].Due
		}
		submit := func(c *apitest.Client, session, question, answer string) {
			t.Helper()
			reviewSubmit(t, c, reviewBody(session, "", reviewAnswer{QuestionID: question, Answer: answer, TimeSpentMs: reviewMs(2500)}))
		}

		submit(a, "a-1", "l1-quiz", quizCorrect)
		submit(b, "b-1", "l1-quiz", quizCorrect)
		gotA, gotB := w.memory(ua.ID, "l1-quiz").Due, w.memory(ub.ID, "l1-quiz").Due
		require.True(t, expected(ua, "l1-quiz", inst).Equal(gotA), "a: the institution's weights, due %s", gotA)
		require.True(t, expected(ub, "l1-quiz", own).Equal(gotB), "b: their own weights, due %s", gotB)
		require.False(t, expected(ua, "l1-quiz", nil).Equal(gotA), "the institution's weights change a's interval")
		require.False(t, expected(ub, "l1-quiz", nil).Equal(gotB), "b's weights change b's interval")
		require.True(t, gotA.Before(gotB), "a smaller w8 gives a shorter interval")

		// Reset by the institution's admin: the season's own weights at once on this server.
		admin, _ := env.LoginAs("admin@x.test", w.inst, store.RoleInstitutionAdmin)
		r := admin.Post(apitest.Method("srs", "reset_parameters"), map[string]any{"season": w.season})
		require.Equal(t, 200, r.Status, r.Body)
		var v srsfit.Versions
		r.Message(t, &v)
		require.Equal(t, store.SRSModeDefaults, v.Mode)
		submit(b, "b-2", "l1-match:0", "A")
		got := w.memory(ub.ID, "l1-match:0").Due
		require.True(t, expected(ub, "l1-match:0", nil).Equal(got), "after the reset: the defaults, due %s", got)
	})
}

// Staff list, pin and reset through the API; a student is refused and nothing changes.
func TestParameterVersionsThroughTheAPI(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		w := seedReview(t, env, store.SchedulerFSRS)
		for v := 1; v <= 2; v++ {
			require.NoError(t, env.Store.SRSParamsInsert(w.ctx, []store.SRSParams{{InstitutionID: w.inst, SeasonID: w.season,
				Version: v, Weights: srs.DefaultWeights(), ReviewsUsed: 1000 * v, LogLossBefore: 0.5, LogLossAfter: 0.4,
				Source: store.SRSParamsFit, CreatedAt: apitest.Start}}))
		}
		admin, _ := env.LoginAs("admin@x.test", w.inst, store.RoleInstitutionAdmin)
		student, _ := w.student("s@x.test")
		list := func() srsfit.Versions {
			t.Helper()
			r := admin.Get(apitest.Method("srs", "get_parameter_versions"), map[string]string{"season": w.season})
			require.Equal(t, 200, r.Status, r.Body)
			var v srsfit.Versions
			r.Message(t, &v)
			return v
		}
		v := list()
		require.Equal(t, 2, v.InUse)
		require.Len(t, v.Versions, 2)
		require.Equal(t, 2000, v.Versions[0].ReviewsUsed)
		require.Equal(t, srsfit.MinReviews, v.Rules.MinReviews)

		pin := apitest.Method("srs", "pin_parameter_version")
		r := student.Post(pin, map[string]any{"season": w.season, "version": 1})
		require.Equal(t, 403, r.Status, r.Body)
		require.Equal(t, store.SRSModeAuto, list().Mode, "a refused pin changes nothing")
		r = admin.Post(pin, map[string]any{"season": w.season, "version": 3})
		require.Equal(t, 404, r.Status, r.Body)
		r = admin.Post(pin, map[string]any{"season": w.season})
		require.Equal(t, 400, r.Status, r.Body)
		r = admin.Post(pin, map[string]any{"season": w.season, "version": 1})
		require.Equal(t, 200, r.Status, r.Body)
		v = list()
		require.Equal(t, store.SRSModePinned, v.Mode)
		require.Equal(t, 1, v.InUse)
		require.True(t, v.Versions[1].InUse)

		r = admin.Post(apitest.Method("srs", "fit_parameters_now"), map[string]any{"season": w.season})
		require.Equal(t, 200, r.Status, r.Body)
		var fit srsfit.FitNowResult
		r.Message(t, &fit)
		require.Equal(t, "queued", fit.Status)
		r = admin.Post(apitest.Method("srs", "fit_parameters_now"), map[string]any{"season": w.season})
		require.Equal(t, 200, r.Status, r.Body)
		r.Message(t, &fit)
		require.Equal(t, "already_queued", fit.Status)
	})
}
