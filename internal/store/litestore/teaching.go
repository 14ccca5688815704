package litestore

import (
	"context"
	"time"

	"memora/internal/store"
	"memora/internal/store/litestore/litedb"
)

func (e executor) ClassStudents(ctx context.Context, p store.ClassParams) ([]store.ClassStudent, error) {
	rows, err := e.r.ClassStudents(ctx, litedb.ClassStudentsParams{InstitutionID: p.InstitutionID, UserID: p.UserID, Lim: int64(p.Limit)})
	if err != nil {
		return nil, wrap("class students", err)
	}
	out := make([]store.ClassStudent, len(rows))
	for i, r := range rows {
		out[i] = store.ClassStudent{UserID: r.ID, Email: r.Email, FullName: r.FullName, Enabled: r.Enabled, TotalXP: r.TotalXp,
			GradeID: r.GradeID, StreamID: r.StreamID, SeasonID: r.SeasonID}
	}
	return out, nil
}

func (e executor) ClassActiveDays(ctx context.Context, p store.ClassParams, since time.Time) (map[int64][]time.Time, error) {
	rows, err := e.r.ClassActiveDays(ctx, litedb.ClassActiveDaysParams{InstitutionID: p.InstitutionID, Since: date(since), UserID: p.UserID})
	if err != nil {
		return nil, wrap("class active days", err)
	}
	out := map[int64][]time.Time{}
	for _, r := range rows {
		out[r.UserID] = append(out[r.UserID], fromDate(r.LocalDay))
	}
	return out, nil
}

func (e executor) ClassLastActivity(ctx context.Context, p store.ClassParams) (map[int64]time.Time, error) {
	rows, err := e.r.ClassLastActivity(ctx, litedb.ClassLastActivityParams{InstitutionID: p.InstitutionID, UserID: p.UserID})
	if err != nil {
		return nil, wrap("class last activity", err)
	}
	out := make(map[int64]time.Time, len(rows))
	for _, r := range rows {
		out[r.UserID] = fromMicros(r.LastAt)
	}
	return out, nil
}

func (e executor) ClassMemory(ctx context.Context, p store.ClassParams) ([]store.ClassMemoryRow, error) {
	rows, err := e.r.ClassMemory(ctx, litedb.ClassMemoryParams{InstitutionID: p.InstitutionID, UserID: p.UserID})
	if err != nil {
		return nil, wrap("class memory", err)
	}
	out := make([]store.ClassMemoryRow, len(rows))
	for i, r := range rows {
		out[i] = store.ClassMemoryRow{UserID: r.UserID, SubjectID: r.SubjectID, TopicID: r.TopicID, Stability: r.Stability,
			Due: fromMicros(r.Due), LastReview: fromMicrosPtr(r.LastReview)}
	}
	return out, nil
}
