package pgstore

import (
	"context"
	"time"

	"memora/internal/store"
	"memora/internal/store/pgstore/pgdb"
)

func (e executor) ClassStudents(ctx context.Context, p store.ClassParams) ([]store.ClassStudent, error) {
	rows, err := e.q.ClassStudents(ctx, pgdb.ClassStudentsParams{InstitutionID: p.InstitutionID, UserID: p.UserID, Lim: int32(p.Limit)})
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
	rows, err := e.q.ClassActiveDays(ctx, pgdb.ClassActiveDaysParams{InstitutionID: p.InstitutionID, Since: since, UserID: p.UserID})
	if err != nil {
		return nil, wrap("class active days", err)
	}
	out := map[int64][]time.Time{}
	for _, r := range rows {
		out[r.UserID] = append(out[r.UserID], r.LocalDay)
	}
	return out, nil
}

func (e executor) ClassLastActivity(ctx context.Context, p store.ClassParams) (map[int64]time.Time, error) {
	rows, err := e.q.ClassLastActivity(ctx, pgdb.ClassLastActivityParams{InstitutionID: p.InstitutionID, UserID: p.UserID})
	if err != nil {
		return nil, wrap("class last activity", err)
	}
	out := make(map[int64]time.Time, len(rows))
	for _, r := range rows {
		out[r.UserID] = r.LastAt.UTC()
	}
	return out, nil
}

func (e executor) ClassMemory(ctx context.Context, p store.ClassParams) ([]store.ClassMemoryRow, error) {
	rows, err := e.q.ClassMemory(ctx, pgdb.ClassMemoryParams{InstitutionID: p.InstitutionID, UserID: p.UserID})
	if err != nil {
		return nil, wrap("class memory", err)
	}
	out := make([]store.ClassMemoryRow, len(rows))
	for i, r := range rows {
		out[i] = store.ClassMemoryRow{UserID: r.UserID, SubjectID: r.SubjectID, TopicID: r.TopicID, Stability: r.Stability,
			Due: r.Due, LastReview: r.LastReview}
	}
	return out, nil
}
