package season_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/problem"
	"memora/internal/season"
)

// A season's exam date must fall inside the season and its target inside 0.70–0.97; the
// date is stored, shown, and cleared by a zero date.
func TestSeasonExamDate(t *testing.T) {
	each(t, false, func(t *testing.T, e *env) {
		ctx := context.Background()
		in := newSeason("SEASON-2029", false)
		in.ExamDate = ptr(time.Date(2030, 7, 1, 0, 0, 0, 0, time.UTC))
		_, err := e.svc.Create(ctx, season.Actor{}, in)
		requireProblem(t, err, problem.Invalid, "exam_date must be between the season's start_date and end_date.")
		in.ExamDate = ptr(time.Date(2029, 8, 31, 0, 0, 0, 0, time.UTC))
		_, err = e.svc.Create(ctx, season.Actor{}, in)
		requireProblem(t, err, problem.Invalid, "exam_date must be between the season's start_date and end_date.")
		in.ExamDate, in.ExamTarget = ptr(time.Date(2030, 6, 1, 0, 0, 0, 0, time.UTC)), ptr(0.98)
		_, err = e.svc.Create(ctx, season.Actor{}, in)
		requireProblem(t, err, problem.Invalid, "exam_target must be between 0.70 and 0.97.")

		in.ExamTarget = nil
		v, err := e.svc.Create(ctx, season.Actor{}, in)
		require.NoError(t, err)
		require.Equal(t, ptr("2030-06-01"), v.ExamDate)
		require.InDelta(t, 0.95, v.ExamTarget, 1e-9, "the default target")

		up, err := e.svc.Update(ctx, season.Actor{}, season.Input{ID: "SEASON-2029", ExamTarget: ptr(0.9)})
		require.NoError(t, err)
		require.Equal(t, ptr("2030-06-01"), up.Season.ExamDate, "a field not sent is kept")
		require.InDelta(t, 0.9, up.Season.ExamTarget, 1e-9)
		got, err := e.store.SeasonGet(ctx, "SEASON-2029")
		require.NoError(t, err)
		require.Equal(t, "2030-06-01", got.ExamDate.Format(time.DateOnly))
		require.InDelta(t, 0.9, got.ExamTarget, 1e-9)

		_, err = e.svc.Update(ctx, season.Actor{}, season.Input{ID: "SEASON-2029",
			EndDate: ptr(time.Date(2030, 5, 1, 0, 0, 0, 0, time.UTC))})
		requireProblem(t, err, problem.Invalid, "exam_date must be between the season's start_date and end_date.")

		up, err = e.svc.Update(ctx, season.Actor{}, season.Input{ID: "SEASON-2029", ExamDate: &time.Time{}})
		require.NoError(t, err)
		require.Nil(t, up.Season.ExamDate, "a zero date clears the exam")
		got, err = e.store.SeasonGet(ctx, "SEASON-2029")
		require.NoError(t, err)
		require.Nil(t, got.ExamDate)
	})
}
