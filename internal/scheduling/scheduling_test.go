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

func seed(t *testing.T, s store.Store, scheduler string) (store.Season, int64) {
	t.Helper()
	ctx := context.Background()
	require.NoError(t, s.InstitutionUpsert(ctx, store.Institution{ID: "x", Name: "x", TimeZone: "Asia/Amman"}))
	u, err := s.UserUpsert(ctx, store.UserUpsertParams{InstitutionID: "x", Email: "p@x.test", Enabled: true})
	require.NoError(t, err)
	season := store.Season{ID: "SEASON-2026", StartDate: time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC),
		EndDate: time.Date(2027, 6, 30, 0, 0, 0, 0, time.UTC), IsActive: true, Scheduler: scheduler,
		DesiredRetention: 0.9, GradeMapping: "binary"}
	require.NoError(t, s.SeasonUpsert(ctx, season))
	return season, u.ID
}

func TestRecordFSRS(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s store.Store) {
		season, user := seed(t, s, store.SchedulerFSRS)
		ctx := context.Background()
		amman, _ := time.LoadLocation("Asia/Amman")
		now := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
		b := scheduling.Batch{UserID: user, Season: season, Location: amman, Source: srs.SourceLesson, Now: now,
			Answers: []scheduling.Answer{{QuestionID: "q1", Correct: true, DurationMs: 3000},
				{QuestionID: "q2", Correct: false, DurationMs: 3000}, {QuestionID: "q2", Correct: true, DurationMs: 2000}}}
		var states []store.MemoryState
		require.NoError(t, s.InTx(ctx, func(tx store.Executor) error {
			var err error
			states, err = scheduling.Record(ctx, tx, b)
			return err
		}))
		require.Len(t, states, 2)
		q1, err := s.MemoryGet(ctx, user, season.ID, "q1")
		require.NoError(t, err)
		require.Equal(t, 1, q1.Reps)
		require.True(t, q1.Due.After(now), "a correct answer is due on a later learner day")
		q2, err := s.MemoryGet(ctx, user, season.ID, "q2")
		require.NoError(t, err)
		require.Equal(t, 2, q2.Reps, "answered twice in the session")
		require.Greater(t, q1.Stability, 0.0)
	})
}

// Classic seasons keep the original's numbers: a lesson answer in 1.5 s is level 4, due in 7 days.
func TestRecordClassic(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s store.Store) {
		season, user := seed(t, s, store.SchedulerClassic)
		ctx := context.Background()
		now := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
		require.NoError(t, s.InTx(ctx, func(tx store.Executor) error {
			_, err := scheduling.Record(ctx, tx, scheduling.Batch{UserID: user, Season: season, Source: srs.SourceLesson,
				Now: now, Answers: []scheduling.Answer{{QuestionID: "q", Correct: true, DurationMs: 1500}}})
			return err
		}))
		got, err := s.MemoryGet(ctx, user, season.ID, "q")
		require.NoError(t, err)
		require.Equal(t, 4, got.Level)
		require.Equal(t, now.Add(7*24*time.Hour), got.Due)
	})
}
