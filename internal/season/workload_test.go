package season_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/problem"
	"memora/internal/season"
	"memora/internal/store"
)

// liveStudents writes n students of inst with 120 reviewed items each, learned over the last
// 60 days (stabilities 1–60 days, some overdue), and returns their ids.
func liveStudents(t *testing.T, e *env, inst, seasonID string, n int) []int64 {
	t.Helper()
	ctx := context.Background()
	require.NoError(t, e.store.InstitutionUpsert(ctx, store.Institution{ID: inst, Name: inst, TimeZone: "Asia/Amman"}))
	var ids []int64
	for s := range n {
		u, err := e.store.UserUpsert(ctx, store.UserUpsertParams{InstitutionID: inst, Email: fmt.Sprintf("s%d@%s.test", s, inst),
			Enabled: true, CreatedAt: t0})
		require.NoError(t, err)
		ids = append(ids, u.ID)
		var items []store.MemoryState
		for i := range 120 {
			stab := 1 + float64((i*7+s)%60)
			last := t0.AddDate(0, 0, -((i + s) % 60))
			items = append(items, store.MemoryState{UserID: u.ID, SeasonID: seasonID, QuestionID: fmt.Sprintf("q%04d", i),
				Stability: stab, Difficulty: 5, State: 2, Level: 3, Due: last.AddDate(0, 0, int(stab)), LastReview: &last,
				Reps: 3, CreatedAt: t0, UpdatedAt: t0})
		}
		require.NoError(t, e.store.MemoryUpsert(ctx, items))
	}
	return ids
}

func TestWorkloadForecast(t *testing.T) {
	each(t, false, func(t *testing.T, e *env) {
		ctx := context.Background()
		e.season(t, "SEASON-2026", true)
		own := liveStudents(t, e, "own", "SEASON-2026", 6)
		liveStudents(t, e, "other", "SEASON-2026", 2)

		f, err := e.svc.Forecast(ctx, season.ForecastParams{SeasonID: "SEASON-2026", InstitutionID: "own"})
		require.NoError(t, err)
		require.Equal(t, 6, f.Students, "the institution's students only")
		require.Equal(t, 6*120, f.Items)
		require.Equal(t, 30, f.Days)
		require.Equal(t, "shipped", f.Durations, "no review log: the shipped medians")
		require.Equal(t, "season", f.Weights, "nothing fitted: the season's weights")
		require.InDelta(t, 0.9, f.DesiredRetention, 1e-9)
		require.Len(t, f.Levels, 3)
		for i, l := range f.Levels {
			require.InDelta(t, []float64{0.85, 0.9, 0.95}[i], l.DesiredRetention, 1e-9)
			require.Equal(t, i == 1, l.Current)
			require.Len(t, l.DailyMinutes, 30)
			require.Greater(t, l.DailyMinutes[0], 0.0, "overdue items are reviewed on the first day")
			if i > 0 {
				require.Greater(t, l.MinutesPerDay, f.Levels[i-1].MinutesPerDay, "a higher retention costs more")
			}
		}

		// With enough review answers in the log, their times are used.
		var log []store.ReviewLogEntry
		for i := range 150 {
			log = append(log, store.ReviewLogEntry{UserID: own[i%len(own)], SeasonID: "SEASON-2026", QuestionID: "q0001",
				Source: store.XPFromReview, Rating: []int{1, 3, 3, 3, 3}[i%5], Correct: i%5 != 0, DurationMs: 30000 + i,
				DueAfter: t0, ReviewedAt: t0.Add(-time.Duration(i) * time.Minute)})
		}
		require.NoError(t, e.store.ReviewLogInsert(ctx, log))
		slow, err := e.svc.Forecast(ctx, season.ForecastParams{SeasonID: "SEASON-2026", InstitutionID: "own", Days: 10})
		require.NoError(t, err)
		require.Equal(t, "season", slow.Durations)
		require.Len(t, slow.Levels[1].DailyMinutes, 10)
		require.Greater(t, slow.Levels[1].DailyMinutes[0], f.Levels[1].DailyMinutes[0], "30 s answers take longer than 11 s ones")

		all, err := e.svc.Forecast(ctx, season.ForecastParams{SeasonID: "SEASON-2026"})
		require.NoError(t, err)
		require.Equal(t, 8, all.Students, "every institution")

		_, err = e.svc.Forecast(ctx, season.ForecastParams{SeasonID: "SEASON-2026", Days: 91})
		requireProblem(t, err, problem.Invalid, "days must be between 1 and 90.")
		_, err = e.svc.Forecast(ctx, season.ForecastParams{SeasonID: "SEASON-1999"})
		requireProblem(t, err, problem.NotFound, "Season 'SEASON-1999' not found.")

		e.season(t, "SEASON-2027", false)
		empty, err := e.svc.Forecast(ctx, season.ForecastParams{SeasonID: "SEASON-2027", InstitutionID: "own"})
		require.NoError(t, err)
		require.Zero(t, empty.Students)
		require.Empty(t, empty.Levels, "nothing learned yet: nothing to forecast")
	})
}

// paceStudents writes n students of inst with the same 60 live reviewed items, first met
// one every ~half day over the last 28 days; with ahead, each also has the other students'
// items, retired and met long ago, so nothing in the season is new to them.
func paceStudents(t *testing.T, e *env, inst, seasonID string, n int, ahead bool) {
	t.Helper()
	ctx := context.Background()
	require.NoError(t, e.store.InstitutionUpsert(ctx, store.Institution{ID: inst, Name: inst, TimeZone: "UTC"}))
	for s := range n {
		u, err := e.store.UserUpsert(ctx, store.UserUpsertParams{InstitutionID: inst, Email: fmt.Sprintf("s%d@%s.test", s, inst),
			Enabled: true, CreatedAt: t0})
		require.NoError(t, err)
		var items []store.MemoryState
		for r := range n {
			if r != s && !ahead {
				continue
			}
			for i := range 60 {
				created := t0.Add(-time.Duration(i) * 11 * time.Hour)
				last := created
				stab := 1 + float64(i%20)
				m := store.MemoryState{UserID: u.ID, SeasonID: seasonID, QuestionID: fmt.Sprintf("q%02d-%02d", r, i),
					Stability: stab, Difficulty: 5, State: 2, Level: 3, Due: last.AddDate(0, 0, int(stab)), LastReview: &last,
					Reps: 3, CreatedAt: created, UpdatedAt: created}
				if r != s {
					m.Retired, m.CreatedAt = true, t0.AddDate(0, 0, -60)
				}
				items = append(items, m)
			}
		}
		require.NoError(t, e.store.MemoryUpsert(ctx, items))
	}
}

// New items still to come (docs/srs.md §11): students who have met only part of what the
// sample has met review more than the same students with nothing left to meet.
func TestWorkloadForecastNewItems(t *testing.T) {
	each(t, false, func(t *testing.T, e *env) {
		ctx := context.Background()
		e.season(t, "SEASON-2026", true)
		paceStudents(t, e, "behind", "SEASON-2026", 4, false)
		paceStudents(t, e, "ahead", "SEASON-2026", 4, true)

		behind, err := e.svc.Forecast(ctx, season.ForecastParams{SeasonID: "SEASON-2026", InstitutionID: "behind"})
		require.NoError(t, err)
		ahead, err := e.svc.Forecast(ctx, season.ForecastParams{SeasonID: "SEASON-2026", InstitutionID: "ahead"})
		require.NoError(t, err)
		require.Equal(t, 4*60, behind.Items)
		require.Equal(t, behind.Items, ahead.Items, "the same live items")
		require.InDelta(t, 60.0/28, behind.NewItemsPerDay, 0.01, "60 items met since the first, 27 learner days ago, and today")
		require.InDelta(t, 65.0, behind.NewItems, 0.01, "30 days at that pace, within the 180 items the sample has and they do not")
		require.Greater(t, ahead.NewItemsPerDay, 0.0)
		require.Zero(t, ahead.NewItems, "nothing left to meet")
		for i := range behind.Levels {
			require.Greater(t, behind.Levels[i].MinutesPerDay, ahead.Levels[i].MinutesPerDay, "new items cost review minutes")
		}
		again, err := e.svc.Forecast(ctx, season.ForecastParams{SeasonID: "SEASON-2026", InstitutionID: "behind"})
		require.NoError(t, err)
		require.Equal(t, behind, again, "the same forecast every time")

		// A student whose items are all from today has no history: the others' median pace.
		paceStudents(t, e, "fresh", "SEASON-2026", 1, false)
		u, err := e.store.UserUpsert(ctx, store.UserUpsertParams{InstitutionID: "fresh", Email: "new@fresh.test", Enabled: true, CreatedAt: t0})
		require.NoError(t, err)
		var items []store.MemoryState
		for i := range 20 {
			items = append(items, store.MemoryState{UserID: u.ID, SeasonID: "SEASON-2026", QuestionID: fmt.Sprintf("q01-%02d", i),
				Stability: 1, Difficulty: 5, State: 2, Level: 1, Due: t0.AddDate(0, 0, 1), LastReview: &t0, Reps: 1, CreatedAt: t0, UpdatedAt: t0})
		}
		require.NoError(t, e.store.MemoryUpsert(ctx, items))
		fresh, err := e.svc.Forecast(ctx, season.ForecastParams{SeasonID: "SEASON-2026", InstitutionID: "fresh"})
		require.NoError(t, err)
		require.Equal(t, 2, fresh.Students)
		require.InDelta(t, 60.0/28, fresh.NewItemsPerDay, 0.01, "the new student at the other's pace, not at 20 a day")
		require.InDelta(t, (20+60)/2.0, fresh.NewItems, 0.01, "80 items met in the sample: 20 left for one, 60 for the other")
	})
}
