package litestore

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"memora/internal/store"
	"memora/internal/store/litestore/litedb"
)

func (e executor) ProgressActivityDays(ctx context.Context, userID int64, before time.Time, limit int) ([]store.ActivityDay, error) {
	rows, err := e.r.ProgressActivityDays(ctx, litedb.ProgressActivityDaysParams{UserID: userID, Before: date(before), Lim: int64(limit)})
	if err != nil {
		return nil, wrap("progress activity days", err)
	}
	out := make([]store.ActivityDay, len(rows))
	for i, r := range rows {
		out[i] = store.ActivityDay{Day: fromDate(r.LocalDay), Reviewed: r.Reviewed != 0}
	}
	return out, nil
}

func (e executor) ProgressXPByDay(ctx context.Context, userID int64, from, to time.Time) ([]store.DayXP, error) {
	rows, err := e.r.ProgressXPByDay(ctx, litedb.ProgressXPByDayParams{UserID: userID, FromDay: date(from), ToDay: date(to)})
	if err != nil {
		return nil, wrap("progress xp by day", err)
	}
	out := make([]store.DayXP, len(rows))
	for i, r := range rows {
		out[i] = store.DayXP{Day: fromDate(r.LocalDay), Source: r.Source, XP: r.Xp}
	}
	return out, nil
}

func (e executor) ProgressMastery(ctx context.Context, sc store.ProgressScope) ([]store.MasteryCount, error) {
	rows, err := e.r.ProgressMastery(ctx, litedb.ProgressMasteryParams{UserID: sc.UserID, SeasonID: sc.SeasonID, SubjectID: sc.SubjectID})
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
	rows, err := e.r.ProgressDueBySubject(ctx, litedb.ProgressDueBySubjectParams{
		UserID: sc.UserID, SeasonID: sc.SeasonID, Now: micros(now), SubjectID: sc.SubjectID})
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
	rows, err := e.r.ProgressReviewedBySubject(ctx, litedb.ProgressReviewedBySubjectParams{
		UserID: sc.UserID, FromTime: micros(from), ToTime: micros(to), SeasonID: sc.SeasonID, Now: micros(now),
		SubjectID: sc.SubjectID})
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
	out, err := e.r.ProgressRefsOfDay(ctx, litedb.ProgressRefsOfDayParams{UserID: userID, Day: date(day), Source: source})
	return out, wrap("progress refs of day", err)
}

func (e executor) ProgressCreditedRefs(ctx context.Context, userID int64, source string, refs []string) ([]string, error) {
	if len(refs) == 0 {
		return nil, nil
	}
	ids, err := json.Marshal(refs)
	if err != nil {
		return nil, fmt.Errorf("progress credited refs: %w", err)
	}
	out, err := e.r.ProgressCreditedRefs(ctx, litedb.ProgressCreditedRefsParams{UserID: userID, Source: source, Refs: string(ids)})
	return out, wrap("progress credited refs", err)
}
