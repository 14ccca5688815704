package authoring

import (
	"context"
	"errors"
	"fmt"

	"memora/internal/catalog"
	"memora/internal/identity"
	"memora/internal/importer"
	"memora/internal/problem"
	"memora/internal/store"
)

// The save methods take an entry in the import format (the same fields, the same rules,
// the same messages) and create it, or replace it when its id exists. An empty id makes a
// new one. Publishing and order are not changed by a save: new rows are unpublished and
// go last; use SetPublished and Move.

// SaveSubject creates or replaces a subject. An institution's staff make subjects of their
// institution; a System Manager may name any institution or none (shared).
func (s *Service) SaveSubject(ctx context.Context, c identity.Caller, in importer.Subject) (SubjectView, error) {
	if in.ID == "" {
		in.ID = newID(KindSubject)
	}
	if in.Institution == "" && !c.IsSystemManager() {
		in.Institution = c.InstitutionID
	}
	if !c.Reaches(in.Institution) && in.Institution != "" {
		return SubjectView{}, problem.NotFoundMsg(msgInstitutionNotFound)
	}
	if err := validate(ctx, s.Store, importer.File{Subjects: []importer.Subject{in}}); err != nil {
		return SubjectView{}, err
	}
	row := store.Subject{ID: in.ID, InstitutionID: opt(in.Institution), Title: in.Title, TitleEN: in.TitleEn,
		Icon: in.Icon, IsPaid: in.IsPaid, FullPriceCents: in.FullPriceCents, DiscountedPriceCents: in.DiscountedPriceCents,
		CreatedAt: s.Clock.Now()}
	err := s.Store.InTx(ctx, func(tx store.Executor) error {
		old, err := tx.SubjectGet(ctx, in.ID)
		switch {
		case err == nil:
			if err := mayChange(c, old); err != nil {
				return err
			}
			if in.Institution == "" { // a System Manager who names none keeps the owner
				row.InstitutionID = old.InstitutionID
			}
			row.IsPublished, row.Position, row.CreatedAt = old.IsPublished, old.Position, old.CreatedAt
		case errors.Is(err, store.ErrNotFound):
			all, err := tx.SubjectListAll(ctx)
			if err != nil {
				return err
			}
			row.Position = nextPosition(all, func(x store.Subject) int { return x.Position })
		default:
			return err
		}
		if err := tx.SubjectUpsert(ctx, row); err != nil {
			return err
		}
		return s.Audit.Record(ctx, tx, c.Entry(ActionSaved, KindSubject+":"+row.ID, nil))
	})
	if err != nil {
		return SubjectView{}, saveError(KindSubject, err)
	}
	s.changed()
	return subjectView(row, c), nil
}

const msgInstitutionNotFound = "Institution not found"

// SaveTrack creates or replaces a track of a subject the caller may change.
func (s *Service) SaveTrack(ctx context.Context, c identity.Caller, in importer.Track) (TrackView, error) {
	if in.ID == "" {
		in.ID = newID(KindTrack)
	}
	if err := validate(ctx, s.Store, importer.File{Tracks: []importer.Track{in}}); err != nil {
		return TrackView{}, err
	}
	row := store.Track{ID: in.ID, SubjectID: in.Subject, Title: in.Title, TitleEN: in.TitleEn, IsDefault: in.IsDefault,
		UnlockLevel: in.UnlockLevel, Icon: in.Icon, Description: in.Description, IsPaid: in.IsPaid,
		IsSoldSeparately: in.IsSoldSeparately, StandalonePriceCents: in.StandalonePriceCents,
		DiscountedPriceCents: in.DiscountedPriceCents, CreatedAt: s.Clock.Now()}
	err := s.Store.InTx(ctx, func(tx store.Executor) error {
		if _, err := s.subject(ctx, tx, c, in.Subject); err != nil {
			return err
		}
		old, err := tx.TrackGet(ctx, in.ID)
		switch {
		case err == nil:
			if _, err := s.owned(ctx, tx, c, KindTrack, in.ID); err != nil {
				return err
			}
			row.IsPublished, row.Position, row.CreatedAt = old.IsPublished, old.Position, old.CreatedAt
		case errors.Is(err, store.ErrNotFound):
			siblings, err := tx.TrackListBySubjects(ctx, []string{in.Subject})
			if err != nil {
				return err
			}
			row.Position = nextPosition(siblings, func(x store.Track) int { return x.Position })
		default:
			return err
		}
		if err := tx.TrackUpsert(ctx, row); err != nil {
			return err
		}
		return s.Audit.Record(ctx, tx, c.Entry(ActionSaved, KindTrack+":"+row.ID, nil))
	})
	if err != nil {
		return TrackView{}, saveError(KindTrack, err)
	}
	s.changed()
	return trackView(row), nil
}

const (
	msgTrackOfSubject = "track: {track} belongs to another subject"
	msgUnitTopicBased = "unit: {unit} is lesson_based and has no topics"
)

// SaveUnit creates or replaces a unit; its track must belong to its subject.
func (s *Service) SaveUnit(ctx context.Context, c identity.Caller, in importer.Unit) (UnitView, error) {
	if in.ID == "" {
		in.ID = newID(KindUnit)
	}
	if err := validate(ctx, s.Store, importer.File{Units: []importer.Unit{in}}); err != nil {
		return UnitView{}, err
	}
	row := store.Unit{ID: in.ID, SubjectID: in.Subject, TrackID: in.Track, Title: in.Title, TitleEN: in.TitleEn,
		StructureType: in.StructureType, IsFreePreview: in.IsFreePreview, IsLinearTopics: in.IsLinearTopics,
		CreatedAt: s.Clock.Now()}
	err := s.Store.InTx(ctx, func(tx store.Executor) error {
		if _, err := s.subject(ctx, tx, c, in.Subject); err != nil {
			return err
		}
		if tr, err := tx.TrackGet(ctx, in.Track); err != nil || tr.SubjectID != in.Subject {
			return problem.Invalidf(msgTrackOfSubject, "track", in.Track)
		}
		old, err := tx.UnitGet(ctx, in.ID)
		switch {
		case err == nil:
			if _, err := s.owned(ctx, tx, c, KindUnit, in.ID); err != nil {
				return err
			}
			row.IsPublished, row.Position, row.CreatedAt = old.IsPublished, old.Position, old.CreatedAt
		case errors.Is(err, store.ErrNotFound):
			siblings, err := tx.UnitListBySubjects(ctx, []string{in.Subject})
			if err != nil {
				return err
			}
			row.Position = nextPosition(siblings, func(x store.Unit) int { return x.Position })
		default:
			return err
		}
		if err := tx.UnitUpsert(ctx, row); err != nil {
			return err
		}
		return s.Audit.Record(ctx, tx, c.Entry(ActionSaved, KindUnit+":"+row.ID, nil))
	})
	if err != nil {
		return UnitView{}, saveError(KindUnit, err)
	}
	s.changed()
	return unitView(row), nil
}

// SaveTopic creates or replaces a topic of a topic_based unit.
func (s *Service) SaveTopic(ctx context.Context, c identity.Caller, in importer.Topic) (TopicView, error) {
	if in.ID == "" {
		in.ID = newID(KindTopic)
	}
	if err := validate(ctx, s.Store, importer.File{Topics: []importer.Topic{in}}); err != nil {
		return TopicView{}, err
	}
	row := store.Topic{ID: in.ID, UnitID: in.Unit, Title: in.Title, TitleEN: in.TitleEn, Description: in.Description,
		IsFreePreview: in.IsFreePreview, IsLinear: in.Linear(), CreatedAt: s.Clock.Now()}
	err := s.Store.InTx(ctx, func(tx store.Executor) error {
		sub, err := s.owned(ctx, tx, c, KindUnit, in.Unit)
		if err != nil {
			return err
		}
		unit, err := tx.UnitGet(ctx, in.Unit)
		if err != nil {
			return err
		}
		if unit.StructureType != store.TopicBased {
			return problem.Invalidf(msgUnitTopicBased, "unit", in.Unit)
		}
		old, err := tx.TopicGet(ctx, in.ID)
		switch {
		case err == nil:
			if _, err := s.owned(ctx, tx, c, KindTopic, in.ID); err != nil {
				return err
			}
			row.IsPublished, row.Position, row.CreatedAt = old.IsPublished, old.Position, old.CreatedAt
		case errors.Is(err, store.ErrNotFound):
			siblings, err := tx.TopicListBySubjects(ctx, []string{sub.ID})
			if err != nil {
				return err
			}
			row.Position = nextPosition(siblings, func(x store.Topic) int { return x.Position })
		default:
			return err
		}
		if err := tx.TopicUpsert(ctx, row); err != nil {
			return err
		}
		return s.Audit.Record(ctx, tx, c.Entry(ActionSaved, KindTopic+":"+row.ID, nil))
	})
	if err != nil {
		return TopicView{}, saveError(KindTopic, err)
	}
	s.changed()
	return topicView(row), nil
}

// SaveLesson creates or replaces a lesson and its stages (catalog.SaveLesson's rules: the
// topic must belong to a topic_based unit; a lesson_based unit's lesson has none).
func (s *Service) SaveLesson(ctx context.Context, c identity.Caller, in importer.Lesson) (LessonView, error) {
	if in.ID == "" {
		in.ID = newID(KindLesson)
	}
	in.IsPublished = false // publishing is SetPublished's; a stored lesson keeps its state below
	if err := validate(ctx, s.Store, importer.File{Lessons: []importer.Lesson{in}}); err != nil {
		return LessonView{}, err
	}
	sub, err := s.owned(ctx, s.Store, c, KindUnit, in.Unit)
	if err != nil {
		return LessonView{}, err
	}
	row := store.Lesson{ID: in.ID, UnitID: in.Unit, TopicID: opt(in.Topic), Title: in.Title, TitleEN: in.TitleEn,
		XPReward: in.Reward(), CreatedAt: s.Clock.Now()}
	old, err := s.Store.LessonGet(ctx, in.ID)
	switch {
	case err == nil:
		if _, err := s.owned(ctx, s.Store, c, KindLesson, in.ID); err != nil {
			return LessonView{}, err
		}
		row.IsPublished, row.Position, row.CreatedAt = old.IsPublished, old.Position, old.CreatedAt
	case errors.Is(err, store.ErrNotFound):
		siblings, err := s.Store.LessonListBySubjects(ctx, []string{sub.ID})
		if err != nil {
			return LessonView{}, fmt.Errorf("save lesson: %w", err)
		}
		row.Position = nextPosition(siblings, func(x store.Lesson) int { return x.Position })
	default:
		return LessonView{}, fmt.Errorf("save lesson: %w", err)
	}
	stages := make([]store.Stage, len(in.Stages))
	for i, st := range in.Stages {
		stages[i] = store.Stage{ID: st.ID, LessonID: in.ID, Position: i, Title: st.Title, Type: st.Type, Config: st.Config}
	}
	saved, err := catalog.SaveLesson(ctx, s.Store, row, stages)
	if err != nil {
		return LessonView{}, err
	}
	if err := s.Audit.Record(ctx, nil, c.Entry(ActionSaved, KindLesson+":"+row.ID,
		map[string]int{"stages": len(stages)})); err != nil {
		return LessonView{}, err
	}
	s.changed()
	return lessonView(saved, stages), nil
}

// validate checks entries by the importer's rules against the database.
func validate(ctx context.Context, st store.Store, f importer.File) error {
	return importer.CheckEntries(ctx, st, f)
}

const msgTaken = "{kind}: the id or the title is taken"

func saveError(kind string, err error) error {
	if _, ok := problem.As(err); ok {
		return err
	}
	if errors.Is(err, store.ErrConflict) {
		return problem.Newf(problem.Conflict, msgTaken, "kind", kind)
	}
	return fmt.Errorf("save %s: %w", kind, err)
}

func nextPosition[T any](rows []T, pos func(T) int) int {
	n := 0
	for _, r := range rows {
		n = max(n, pos(r)+1)
	}
	return n
}

func opt(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
