package authoring

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"memora/internal/catalog"
	"memora/internal/identity"
	"memora/internal/problem"
	"memora/internal/store"
)

func asForbidden(err error) (error, bool) {
	p, ok := problem.As(err)
	if ok && p.Kind == problem.Forbidden {
		return p, true
	}
	return err, false
}

// Delete deletes a row of kind (subject … lesson; a lesson's stages go with it). Rows that
// still hold content, or that players, plans or subscriptions refer to, are kept (409).
func (s *Service) Delete(ctx context.Context, c identity.Caller, kind, id string) error {
	if kind == KindStage {
		return problem.Invalidf(msgUnknownKind, "kind", kind)
	}
	err := s.Store.InTx(ctx, func(tx store.Executor) error {
		if _, err := s.owned(ctx, tx, c, kind, id); err != nil {
			return err
		}
		if err := tx.ContentDelete(ctx, kind, id); err != nil {
			return err
		}
		return s.Audit.Record(ctx, tx, c.Entry(ActionDeleted, kind+":"+id, nil))
	})
	if errors.Is(err, store.ErrConflict) {
		return problem.Newf(problem.Conflict, msgInUse, "kind", kind, "id", id)
	}
	if _, ok := problem.As(err); !ok && err != nil {
		return fmt.Errorf("delete %s %s: %w", kind, id, err)
	}
	if err == nil {
		s.changed()
	}
	return err
}

const msgPublishEmpty = "A published lesson needs at least one stage"

// SetPublished publishes or unpublishes a row of kind. A lesson without stages cannot be
// published.
func (s *Service) SetPublished(ctx context.Context, c identity.Caller, kind, id string, published bool) error {
	err := s.Store.InTx(ctx, func(tx store.Executor) error {
		sub, err := s.owned(ctx, tx, c, kind, id)
		if err != nil {
			return err
		}
		if err := setPublished(ctx, tx, sub, kind, id, published); err != nil {
			return err
		}
		action := ActionPublished
		if !published {
			action = ActionUnpublished
		}
		return s.Audit.Record(ctx, tx, c.Entry(action, kind+":"+id, nil))
	})
	if _, ok := problem.As(err); !ok && err != nil {
		return fmt.Errorf("publish %s %s: %w", kind, id, err)
	}
	if err == nil {
		s.changed()
	}
	return err
}

func setPublished(ctx context.Context, tx store.Executor, sub store.Subject, kind, id string, published bool) error {
	switch kind {
	case KindSubject:
		sub.IsPublished = published
		return tx.SubjectUpsert(ctx, sub)
	case KindTrack:
		t, err := tx.TrackGet(ctx, id)
		if err != nil {
			return err
		}
		t.IsPublished = published
		return tx.TrackUpsert(ctx, t)
	case KindUnit:
		u, err := tx.UnitGet(ctx, id)
		if err != nil {
			return err
		}
		u.IsPublished = published
		return tx.UnitUpsert(ctx, u)
	case KindTopic:
		t, err := tx.TopicGet(ctx, id)
		if err != nil {
			return err
		}
		t.IsPublished = published
		return tx.TopicUpsert(ctx, t)
	case KindLesson:
		l, err := tx.LessonGet(ctx, id)
		if err != nil {
			return err
		}
		stages, err := tx.StagesByLesson(ctx, id)
		if err != nil {
			return err
		}
		if published && len(stages) == 0 {
			return problem.InvalidMsg(msgPublishEmpty)
		}
		l.IsPublished = published
		return tx.LessonUpsert(ctx, l)
	}
	return problem.Invalidf(msgUnknownKind, "kind", kind)
}

const (
	msgDirection = "direction must be up or down"
	msgEdge      = "{kind} {id} is already at the {direction} of its list"
)

// Move swaps a row with its neighbour among its siblings (direction "up" or "down") and
// numbers the siblings 0, 1, 2 … A stage moves within its lesson: id is "<lesson>/<stage>"
// or, with kind "stage", the stage id of lesson.
func (s *Service) Move(ctx context.Context, c identity.Caller, kind, id, direction string) error {
	if direction != "up" && direction != "down" {
		return problem.InvalidMsg(msgDirection)
	}
	step := 1
	if direction == "up" {
		step = -1
	}
	err := s.Store.InTx(ctx, func(tx store.Executor) error {
		parentKind, parentID := kind, id
		if kind == KindStage {
			lesson, _, ok := strings.Cut(id, "/")
			if !ok {
				return problem.Newf(problem.NotFound, msgNotFound, "kind", kind, "id", id)
			}
			parentKind, parentID = KindLesson, lesson
		}
		sub, err := s.owned(ctx, tx, c, parentKind, parentID)
		if err != nil {
			return err
		}
		if err := move(ctx, tx, sub, kind, id, step); err != nil {
			return err
		}
		return s.Audit.Record(ctx, tx, c.Entry(ActionMoved, kind+":"+id, map[string]string{"direction": direction}))
	})
	var p *problem.Error
	if errors.Is(err, errEdge) {
		return problem.Newf(problem.Invalid, msgEdge, "kind", kind, "id", id, "direction", map[string]string{"up": "top", "down": "bottom"}[direction])
	}
	if errors.As(err, &p) || err == nil {
		if err == nil {
			s.changed()
		}
		return err
	}
	return fmt.Errorf("move %s %s: %w", kind, id, err)
}

var errEdge = errors.New("at the edge")

// move renumbers the siblings of (kind, id) with it swapped one step.
func move(ctx context.Context, tx store.Executor, sub store.Subject, kind, id string, step int) error {
	ids := []string{sub.ID}
	switch kind {
	case KindSubject:
		all, err := tx.SubjectListAll(ctx)
		if err != nil {
			return err
		}
		all = slices.DeleteFunc(all, func(x store.Subject) bool { return !sameOwner(x, sub) })
		return reorder(all, func(x store.Subject) string { return x.ID }, id, step, func(x store.Subject, i int) error {
			x.Position = i
			return tx.SubjectUpsert(ctx, x)
		})
	case KindTrack:
		all, err := tx.TrackListBySubjects(ctx, ids)
		if err != nil {
			return err
		}
		slices.SortStableFunc(all, func(a, b store.Track) int { return a.Position - b.Position })
		return reorder(all, func(x store.Track) string { return x.ID }, id, step, func(x store.Track, i int) error {
			x.Position = i
			return tx.TrackUpsert(ctx, x)
		})
	case KindUnit:
		u, err := tx.UnitGet(ctx, id)
		if err != nil {
			return err
		}
		all, err := tx.UnitListBySubjects(ctx, ids)
		if err != nil {
			return err
		}
		all = slices.DeleteFunc(all, func(x store.Unit) bool { return x.TrackID != u.TrackID })
		return reorder(all, func(x store.Unit) string { return x.ID }, id, step, func(x store.Unit, i int) error {
			x.Position = i
			return tx.UnitUpsert(ctx, x)
		})
	case KindTopic:
		t, err := tx.TopicGet(ctx, id)
		if err != nil {
			return err
		}
		all, err := tx.TopicListBySubjects(ctx, ids)
		if err != nil {
			return err
		}
		all = slices.DeleteFunc(all, func(x store.Topic) bool { return x.UnitID != t.UnitID })
		return reorder(all, func(x store.Topic) string { return x.ID }, id, step, func(x store.Topic, i int) error {
			x.Position = i
			return tx.TopicUpsert(ctx, x)
		})
	case KindLesson:
		l, err := tx.LessonGet(ctx, id)
		if err != nil {
			return err
		}
		all, err := tx.LessonListBySubjects(ctx, ids)
		if err != nil {
			return err
		}
		all = slices.DeleteFunc(all, func(x store.Lesson) bool { return x.UnitID != l.UnitID || !sameTopic(x.TopicID, l.TopicID) })
		return reorder(all, func(x store.Lesson) string { return x.ID }, id, step, func(x store.Lesson, i int) error {
			x.Position = i
			return tx.LessonUpsert(ctx, x)
		})
	case KindStage:
		lesson, stage, _ := strings.Cut(id, "/")
		stages, err := tx.StagesByLesson(ctx, lesson)
		if err != nil {
			return err
		}
		i := slices.IndexFunc(stages, func(x store.Stage) bool { return x.ID == stage })
		switch {
		case i < 0:
			return problem.Newf(problem.NotFound, msgNotFound, "kind", kind, "id", id)
		case i+step < 0 || i+step >= len(stages):
			return errEdge
		}
		stages[i], stages[i+step] = stages[i+step], stages[i]
		return tx.StagesReplace(ctx, lesson, stages)
	}
	return problem.Invalidf(msgUnknownKind, "kind", kind)
}

func sameOwner(a, b store.Subject) bool {
	return (a.InstitutionID == nil) == (b.InstitutionID == nil) &&
		(a.InstitutionID == nil || *a.InstitutionID == *b.InstitutionID)
}

func sameTopic(a, b *string) bool { return (a == nil) == (b == nil) && (a == nil || *a == *b) }

// reorder swaps id one step among rows (in display order) and writes every row whose
// position changes.
func reorder[T any](rows []T, key func(T) string, id string, step int, write func(T, int) error) error {
	i := slices.IndexFunc(rows, func(x T) bool { return key(x) == id })
	if i < 0 {
		return store.ErrNotFound
	}
	if i+step < 0 || i+step >= len(rows) {
		return errEdge
	}
	rows[i], rows[i+step] = rows[i+step], rows[i]
	for j, x := range rows {
		if err := write(x, j); err != nil {
			return err
		}
	}
	return nil
}

// StageCheck is the result of validating a stage config: the first problem, and the field
// it is about.
type StageCheck struct {
	Valid   bool   `json:"valid"`
	Field   string `json:"field,omitempty"`
	Message string `json:"message,omitempty"`
}

// ValidateStage checks a stage config with the rules of saves and imports.
func ValidateStage(stageType string, config json.RawMessage) StageCheck {
	err := catalog.ValidateStageConfig(stageType, config)
	if err == nil {
		return StageCheck{Valid: true}
	}
	msg := err.Error()
	msg = strings.TrimPrefix(msg, stageType+" config: ")
	if errors.Is(err, catalog.ErrUnknownStageType) {
		return StageCheck{Field: "type", Message: msg}
	}
	field := msg
	if i := strings.IndexAny(field, " :"); i > 0 {
		field = field[:i]
	}
	return StageCheck{Field: field, Message: msg}
}
