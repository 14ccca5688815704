package pgstore

import (
	"context"
	"encoding/json"

	"memora/internal/store"
	"memora/internal/store/pgstore/pgdb"
)

func (e executor) SubjectUpsert(ctx context.Context, s store.Subject) error {
	return wrap("subject upsert", e.q.SubjectUpsert(ctx, pgdb.SubjectUpsertParams{
		ID: s.ID, InstitutionID: s.InstitutionID, Title: s.Title, TitleEn: s.TitleEN, Icon: s.Icon,
		IsPublished: s.IsPublished, IsPaid: s.IsPaid, FullPriceCents: s.FullPriceCents,
		DiscountedPriceCents: s.DiscountedPriceCents, Position: int32(s.Position), CreatedAt: s.CreatedAt,
	}))
}

func (e executor) SubjectGet(ctx context.Context, id string) (store.Subject, error) {
	r, err := e.q.SubjectGet(ctx, id)
	if err != nil {
		return store.Subject{}, wrap("subject get", err)
	}
	return store.Subject{
		ID: r.ID, InstitutionID: r.InstitutionID, Title: r.Title, TitleEN: r.TitleEn, Icon: r.Icon,
		IsPublished: r.IsPublished, IsPaid: r.IsPaid, FullPriceCents: r.FullPriceCents,
		DiscountedPriceCents: r.DiscountedPriceCents, Position: int(r.Position), CreatedAt: r.CreatedAt,
	}, nil
}

func (e executor) TrackUpsert(ctx context.Context, t store.Track) error {
	return wrap("track upsert", e.q.TrackUpsert(ctx, pgdb.TrackUpsertParams{
		ID: t.ID, SubjectID: t.SubjectID, Title: t.Title, TitleEn: t.TitleEN, IsDefault: t.IsDefault,
		UnlockLevel: int32(t.UnlockLevel), Icon: t.Icon, Description: t.Description, IsPaid: t.IsPaid,
		IsSoldSeparately: t.IsSoldSeparately, StandalonePriceCents: t.StandalonePriceCents,
		DiscountedPriceCents: t.DiscountedPriceCents, IsPublished: t.IsPublished, Position: int32(t.Position),
		CreatedAt: t.CreatedAt,
	}))
}

func (e executor) UnitUpsert(ctx context.Context, u store.Unit) error {
	return wrap("unit upsert", e.q.UnitUpsert(ctx, pgdb.UnitUpsertParams{
		ID: u.ID, SubjectID: u.SubjectID, TrackID: u.TrackID, Title: u.Title, TitleEn: u.TitleEN,
		StructureType: u.StructureType, IsFreePreview: u.IsFreePreview, IsLinearTopics: u.IsLinearTopics,
		IsPublished: u.IsPublished, Position: int32(u.Position), CreatedAt: u.CreatedAt,
	}))
}

func (e executor) TopicUpsert(ctx context.Context, t store.Topic) error {
	return wrap("topic upsert", e.q.TopicUpsert(ctx, pgdb.TopicUpsertParams{
		ID: t.ID, UnitID: t.UnitID, Title: t.Title, TitleEn: t.TitleEN, Description: t.Description,
		IsFreePreview: t.IsFreePreview, IsLinear: t.IsLinear, IsPublished: t.IsPublished,
		Position: int32(t.Position), CreatedAt: t.CreatedAt,
	}))
}

func (e executor) LessonUpsert(ctx context.Context, l store.Lesson) error {
	return wrap("lesson upsert", e.q.LessonUpsert(ctx, pgdb.LessonUpsertParams{
		ID: l.ID, UnitID: l.UnitID, TopicID: l.TopicID, Title: l.Title, TitleEn: l.TitleEN,
		XpReward: int32(l.XPReward), IsPublished: l.IsPublished, Position: int32(l.Position), CreatedAt: l.CreatedAt,
	}))
}

func (e executor) LessonGet(ctx context.Context, id string) (store.Lesson, error) {
	r, err := e.q.LessonGet(ctx, id)
	if err != nil {
		return store.Lesson{}, wrap("lesson get", err)
	}
	return store.Lesson{
		ID: r.ID, UnitID: r.UnitID, TopicID: r.TopicID, Title: r.Title, TitleEN: r.TitleEn,
		XPReward: int(r.XpReward), IsPublished: r.IsPublished, Position: int(r.Position), CreatedAt: r.CreatedAt,
	}, nil
}

// StagesReplace deletes the lesson's stages and inserts the given ones, in one transaction.
// A stage's Position is its index in the list.
func (e executor) StagesReplace(ctx context.Context, lessonID string, stages []store.Stage) error {
	return e.inWrite(ctx, func(q *pgdb.Queries) error {
		if err := q.StagesDeleteByLesson(ctx, lessonID); err != nil {
			return wrap("stages delete", err)
		}
		for i, s := range stages {
			err := q.StageInsert(ctx, pgdb.StageInsertParams{
				ID: s.ID, LessonID: lessonID, Position: int32(i), Title: s.Title, Type: s.Type, Config: jsonOrEmpty(s.Config),
			})
			if err != nil {
				return wrap("stage insert", err)
			}
		}
		return nil
	})
}

func (e executor) StagesByLesson(ctx context.Context, lessonID string) ([]store.Stage, error) {
	rows, err := e.q.StagesByLesson(ctx, lessonID)
	if err != nil {
		return nil, wrap("stages by lesson", err)
	}
	out := make([]store.Stage, len(rows))
	for i, r := range rows {
		out[i] = store.Stage{
			ID: r.ID, LessonID: r.LessonID, Position: int(r.Position), Title: r.Title, Type: r.Type, Config: r.Config,
		}
	}
	return out, nil
}

// jsonOrEmpty sends an empty document as {} (a nil json.RawMessage would be NULL).
func jsonOrEmpty(m json.RawMessage) json.RawMessage {
	if len(m) == 0 {
		return json.RawMessage("{}")
	}
	return m
}
