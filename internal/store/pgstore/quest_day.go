package pgstore

import (
	"context"

	"memora/internal/store"
)

// QuestDayRead sends the quest reads as one batch (one round trip), under generic plans
// (PlansGeneric: ProgressDueBySubject was planned anew on every request).
func (e executor) QuestDayRead(ctx context.Context, q store.QuestDayReads) (store.QuestDay, error) {
	var out store.QuestDay
	calls := []func(ex executor) error{
		plansGeneric(ctx),
		func(ex executor) (err error) {
			out.Activity, err = ex.ProgressActivityDays(ctx, q.UserID, q.ActivityBefore, q.ActivityLimit)
			return err
		},
		func(ex executor) (err error) {
			out.XP, err = ex.ProgressXPByDay(ctx, q.UserID, q.Day, q.Day)
			return err
		},
		func(ex executor) (err error) {
			out.QuestRefs, err = ex.ProgressRefsOfDay(ctx, q.UserID, store.XPFromQuest, q.Day)
			return err
		},
	}
	if q.Scope.SeasonID != "" {
		calls = append(calls,
			func(ex executor) (err error) {
				out.Due, err = ex.ProgressDueBySubject(ctx, q.Scope, q.Now)
				return err
			},
			func(ex executor) (err error) {
				out.Reviewed, err = ex.ProgressReviewedBySubject(ctx, q.Scope, q.From, q.To, q.Now)
				return err
			})
	}
	if err := e.pipeline(ctx, calls...); err != nil {
		return store.QuestDay{}, err
	}
	return out, nil
}
