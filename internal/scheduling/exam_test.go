package scheduling_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/scheduling"
	"memora/internal/srs"
	"memora/internal/store"
	"memora/internal/store/storetest"
)

// A season's exam date, stored and read back, moves a review that would pass the exam
// before it; a season without one schedules the same item past the exam.
func TestExamDateMovesTheReviewBeforeTheExam(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s store.Store) {
		season, user := seed(t, s, store.SchedulerFSRS)
		ctx := context.Background()
		amman, _ := time.LoadLocation("Asia/Amman")
		now := time.Date(2026, 11, 25, 15, 0, 0, 0, time.UTC)
		exam := time.Date(2027, 1, 31, 0, 0, 0, 0, time.UTC)
		last := now.AddDate(0, 0, -25)
		mature := store.MemoryState{UserID: user, SeasonID: season.ID, QuestionID: "q", Stability: 30, Difficulty: 5,
			State: int(srs.Review), Due: now, LastReview: &last, Reps: 4, Level: 4}
		plan := func(se store.Season) store.MemoryState {
			p, err := scheduling.Plan(ctx, s, scheduling.Batch{UserID: user, Season: se, Location: amman,
				Source: srs.SourceReview, Now: now, Current: []store.MemoryState{mature},
				Answers: []scheduling.Answer{{QuestionID: "q", Correct: true, DurationMs: 4000}}})
			require.NoError(t, err)
			return p.States[0]
		}
		clock := srs.Clock{Location: amman, RolloverHour: srs.DefaultRolloverHour}
		examDay := srs.CalendarDay(exam)
		plain := plan(season)
		require.GreaterOrEqual(t, clock.Day(plain.Due), examDay, "without an exam the review falls after it")

		season.ExamDate, season.ExamTarget = &exam, 0.95
		require.NoError(t, s.SeasonUpsert(ctx, season))
		got, err := s.SeasonGet(ctx, season.ID)
		require.NoError(t, err)
		require.NotNil(t, got.ExamDate)
		require.Equal(t, "2027-01-31", got.ExamDate.Format(time.DateOnly))
		require.InDelta(t, 0.95, got.ExamTarget, 1e-9)

		moved := plan(got)
		require.Less(t, clock.Day(moved.Due), examDay, "the review comes before the exam")
		require.Greater(t, moved.Due, now)
		require.Equal(t, plain.Stability, moved.Stability, "only the due day changes")
		require.Equal(t, srs.DefaultRolloverHour, moved.Due.In(amman).Hour(), "due at the start of a learner day")
	})
}
