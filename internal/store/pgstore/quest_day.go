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
		if !q.DueKnown {
			calls = append(calls, func(ex executor) (err error) {
				out.Due, err = ex.ProgressDueBySubject(ctx, q.Scope, q.Now)
				return err
			})
		}
		calls = append(calls,
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

func (e executor) ProgressStageSubjects(ctx context.Context, stageIDs []string) ([]store.StageSubject, error) {
	rows, err := e.q.ProgressStageSubjects(ctx, stageIDs)
	if err != nil {
		return nil, wrap("progress stage subjects", err)
	}
	out := make([]store.StageSubject, len(rows))
	for i, r := range rows {
		out[i] = store.StageSubject{StageID: r.ID, SubjectID: r.SubjectID, SubjectTitle: r.SubjectTitle,
			SubjectTitleEN: r.SubjectTitleEn}
	}
	return out, nil
}
