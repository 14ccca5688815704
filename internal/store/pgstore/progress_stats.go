package pgstore

import (
	"context"
	"errors"

	"memora/internal/store"
)

// ProgressStatsRead sends the profile stats' reads as one batch (one round trip) under generic
// plans, where they were four to five round trips one after the other.
func (e executor) ProgressStatsRead(ctx context.Context, q store.ProgressStatsReads) (store.ProgressStats, error) {
	var out store.ProgressStats
	calls := []func(ex executor) error{
		plansGeneric(ctx),
		func(ex executor) error {
			prof, err := ex.ProfileGet(ctx, q.UserID)
			if errors.Is(err, store.ErrNotFound) {
				return nil // no profile yet: 0 XP
			}
			out.TotalXP = prof.TotalXP
			return err
		},
		func(ex executor) (err error) {
			out.Activity, err = ex.ProgressActivityDays(ctx, q.UserID, q.ActivityBefore, q.ActivityLimit)
			return err
		},
		func(ex executor) (err error) {
			out.XP, err = ex.ProgressXPByDay(ctx, q.UserID, q.From, q.To)
			return err
		},
	}
	if q.SubjectID != nil {
		calls = append(calls, func(ex executor) error {
			score, err := ex.SubjectScoreGet(ctx, q.UserID, *q.SubjectID)
			if errors.Is(err, store.ErrNotFound) {
				return nil // no score for the subject yet: 0 XP
			}
			out.SubjectXP = score.TotalXP
			return err
		})
	}
	if q.SeasonID != "" {
		calls = append(calls, func(ex executor) (err error) {
			out.Mastery, err = ex.ProgressMastery(ctx, q.Scope())
			return err
		})
	}
	if err := e.pipeline(ctx, calls...); err != nil {
		return store.ProgressStats{}, err
	}
	return out, nil
}
