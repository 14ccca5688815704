package litestore

import (
	"context"

	"memora/internal/store"
	"memora/internal/store/litestore/litedb"
)

func (e executor) SubjectUpsert(ctx context.Context, s store.Subject) error {
	return wrap("subject upsert", e.w.SubjectUpsert(ctx, litedb.SubjectUpsertParams{
		ID: s.ID, InstitutionID: s.InstitutionID, Title: s.Title, TitleEn: s.TitleEN, Icon: s.Icon,
		IsPublished: s.IsPublished, IsPaid: s.IsPaid, FullPriceCents: s.FullPriceCents,
		DiscountedPriceCents: s.DiscountedPriceCents, Position: int64(s.Position), CreatedAt: micros(s.CreatedAt),
	}))
}

func (e executor) SubjectGet(ctx context.Context, id string) (store.Subject, error) {
	r, err := e.r.SubjectGet(ctx, id)
	if err != nil {
		return store.Subject{}, wrap("subject get", err)
	}
	return store.Subject{
		ID: r.ID, InstitutionID: r.InstitutionID, Title: r.Title, TitleEN: r.TitleEn, Icon: r.Icon,
		IsPublished: r.IsPublished, IsPaid: r.IsPaid, FullPriceCents: r.FullPriceCents,
		DiscountedPriceCents: r.DiscountedPriceCents, Position: int(r.Position), CreatedAt: fromMicros(r.CreatedAt),
	}, nil
}

func (e executor) TrackUpsert(ctx context.Context, t store.Track) error {
	return wrap("track upsert", e.w.TrackUpsert(ctx, litedb.TrackUpsertParams{
		ID: t.ID, SubjectID: t.SubjectID, Title: t.Title, TitleEn: t.TitleEN, IsDefault: t.IsDefault,
		UnlockLevel: int64(t.UnlockLevel), Icon: t.Icon, Description: t.Description, IsPaid: t.IsPaid,
		IsSoldSeparately: t.IsSoldSeparately, StandalonePriceCents: t.StandalonePriceCents,
		DiscountedPriceCents: t.DiscountedPriceCents, IsPublished: t.IsPublished, Position: int64(t.Position),
		CreatedAt: micros(t.CreatedAt),
	}))
}

func (e executor) UnitUpsert(ctx context.Context, u store.Unit) error {
	return wrap("unit upsert", e.w.UnitUpsert(ctx, litedb.UnitUpsertParams{
		ID: u.ID, SubjectID: u.SubjectID, TrackID: u.TrackID, Title: u.Title, TitleEn: u.TitleEN,
		StructureType: u.StructureType, IsFreePreview: u.IsFreePreview, IsLinearTopics: u.IsLinearTopics,
		IsPublished: u.IsPublished, Position: int64(u.Position), CreatedAt: micros(u.CreatedAt),
	}))
}

func (e executor) TopicUpsert(ctx context.Context, t store.Topic) error {
	return wrap("topic upsert", e.w.TopicUpsert(ctx, litedb.TopicUpsertParams{
		ID: t.ID, UnitID: t.UnitID, Title: t.Title, TitleEn: t.TitleEN, Description: t.Description,
		IsFreePreview: t.IsFreePreview, IsLinear: t.IsLinear, IsPublished: t.IsPublished,
		Position: int64(t.Position), CreatedAt: micros(t.CreatedAt),
	}))
}

func (e executor) LessonUpsert(ctx context.Context, l store.Lesson) error {
	return wrap("lesson upsert", e.w.LessonUpsert(ctx, litedb.LessonUpsertParams{
		ID: l.ID, UnitID: l.UnitID, TopicID: l.TopicID, Title: l.Title, TitleEn: l.TitleEN,
		XpReward: int64(l.XPReward), IsPublished: l.IsPublished, Position: int64(l.Position),
		CreatedAt: micros(l.CreatedAt),
	}))
}

func (e executor) LessonGet(ctx context.Context, id string) (store.Lesson, error) {
	r, err := e.r.LessonGet(ctx, id)
	if err != nil {
		return store.Lesson{}, wrap("lesson get", err)
	}
	return store.Lesson{
		ID: r.ID, UnitID: r.UnitID, TopicID: r.TopicID, Title: r.Title, TitleEN: r.TitleEn,
		XPReward: int(r.XpReward), IsPublished: r.IsPublished, Position: int(r.Position),
		CreatedAt: fromMicros(r.CreatedAt),
	}, nil
}

// StagesReplace deletes the lesson's stages and inserts the given ones, in one transaction.
// A stage's Position is its index in the list.
func (e executor) StagesReplace(ctx context.Context, lessonID string, stages []store.Stage) error {
	return e.inWrite(ctx, func(q *litedb.Queries) error {
		if err := q.StagesDeleteByLesson(ctx, lessonID); err != nil {
			return wrap("stages delete", err)
		}
		for i, s := range stages {
			err := q.StageInsert(ctx, litedb.StageInsertParams{
				ID: s.ID, LessonID: lessonID, Position: int64(i), Title: s.Title, Type: s.Type, Config: jsonText(s.Config),
			})
			if err != nil {
				return wrap("stage insert", err)
			}
		}
		return nil
	})
}

func (e executor) StagesByLesson(ctx context.Context, lessonID string) ([]store.Stage, error) {
	rows, err := e.r.StagesByLesson(ctx, lessonID)
	if err != nil {
		return nil, wrap("stages by lesson", err)
	}
	out := make([]store.Stage, len(rows))
	for i, r := range rows {
		out[i] = store.Stage{
			ID: r.ID, LessonID: r.LessonID, Position: int(r.Position), Title: r.Title, Type: r.Type, Config: rawJSON(r.Config),
		}
	}
	return out, nil
}
