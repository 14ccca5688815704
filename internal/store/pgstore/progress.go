package pgstore

import (
	"context"
	"time"

	"memora/internal/store"
	"memora/internal/store/pgstore/pgdb"
)

func (e executor) ProgressActivityDays(ctx context.Context, userID int64, before time.Time, limit int) ([]store.ActivityDay, error) {
	rows, err := e.q.ProgressActivityDays(ctx, pgdb.ProgressActivityDaysParams{UserID: userID, Before: before, Lim: int32(limit)})
	if err != nil {
		return nil, wrap("progress activity days", err)
	}
	out := make([]store.ActivityDay, len(rows))
	for i, r := range rows {
		out[i] = store.ActivityDay{Day: r.LocalDay, Reviewed: r.Reviewed}
	}
	return out, nil
}

func (e executor) ProgressXPByDay(ctx context.Context, userID int64, from, to time.Time) ([]store.DayXP, error) {
	rows, err := e.q.ProgressXPByDay(ctx, pgdb.ProgressXPByDayParams{UserID: userID, FromDay: from, ToDay: to})
	if err != nil {
		return nil, wrap("progress xp by day", err)
	}
	out := make([]store.DayXP, len(rows))
	for i, r := range rows {
		out[i] = store.DayXP{Day: r.LocalDay, Source: r.Source, XP: r.Xp}
	}
	return out, nil
}

// ProgressMastery reads the season's counts kept by triggers (ReviewLevelCounts), or walks
// the subject's items.
func (e executor) ProgressMastery(ctx context.Context, sc store.ProgressScope) ([]store.MasteryCount, error) {
	if sc.SubjectID == nil {
		levels, err := e.ReviewLevelCounts(ctx, sc.UserID, sc.SeasonID)
		if err != nil {
			return nil, wrap("progress mastery", err)
		}
		out := make([]store.MasteryCount, len(levels))
		for i, l := range levels {
			out[i] = store.MasteryCount{Level: l.Level, Count: int64(l.Count)}
		}
		return out, nil
	}
	rows, err := e.q.ProgressMastery(ctx, pgdb.ProgressMasteryParams{UserID: sc.UserID, SeasonID: sc.SeasonID, SubjectID: sc.SubjectID})
	if err != nil {
		return nil, wrap("progress mastery", err)
	}
	out := make([]store.MasteryCount, len(rows))
	for i, r := range rows {
		out[i] = store.MasteryCount{Level: int(r.Level), Count: r.N}
	}
	return out, nil
}

func (e executor) ProgressDueBySubject(ctx context.Context, sc store.ProgressScope, now time.Time) ([]store.SubjectCount, error) {
	rows, err := e.q.ProgressDueBySubject(ctx, pgdb.ProgressDueBySubjectParams{
		UserID: sc.UserID, SeasonID: sc.SeasonID, Now: now, SubjectID: sc.SubjectID})
	if err != nil {
		return nil, wrap("progress due by subject", err)
	}
	out := make([]store.SubjectCount, len(rows))
	for i, r := range rows {
		out[i] = store.SubjectCount{SubjectID: r.SubjectID, SubjectTitle: r.SubjectTitle, SubjectTitleEN: r.SubjectTitleEn, Count: r.N}
	}
	return out, nil
}

func (e executor) ProgressReviewedBySubject(ctx context.Context, sc store.ProgressScope, from, to, now time.Time) ([]store.SubjectCount, error) {
	rows, err := e.q.ProgressReviewedBySubject(ctx, pgdb.ProgressReviewedBySubjectParams{
		UserID: sc.UserID, FromTime: from, ToTime: to, SeasonID: sc.SeasonID, Now: now, SubjectID: sc.SubjectID})
	if err != nil {
		return nil, wrap("progress reviewed by subject", err)
	}
	out := make([]store.SubjectCount, len(rows))
	for i, r := range rows {
		out[i] = store.SubjectCount{SubjectID: r.SubjectID, SubjectTitle: r.SubjectTitle, SubjectTitleEN: r.SubjectTitleEn, Count: r.N}
	}
	return out, nil
}

func (e executor) ProgressRefsOfDay(ctx context.Context, userID int64, source string, day time.Time) ([]string, error) {
	out, err := e.q.ProgressRefsOfDay(ctx, pgdb.ProgressRefsOfDayParams{UserID: userID, Day: day, Source: source})
	return out, wrap("progress refs of day", err)
}

func (e executor) ProgressCreditedRefs(ctx context.Context, userID int64, source string, refs []string) ([]string, error) {
	if len(refs) == 0 {
		return nil, nil
	}
	out, err := e.q.ProgressCreditedRefs(ctx, pgdb.ProgressCreditedRefsParams{UserID: userID, Source: source, Refs: refs})
	return out, wrap("progress credited refs", err)
}
