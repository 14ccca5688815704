package catalog

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"memora/internal/problem"
	"memora/internal/store"
)

// SaveLesson validates a lesson and its stages and writes them in one transaction: the
// one way content is saved outside the importer (which validates the same rules). The
// unit is required; a topic-based unit needs a topic of that unit; a lesson-based unit
// takes no topic (it is cleared, as the original does); stage configs must be valid for
// their type; a published lesson needs a stage. A taken title is a 409.
func SaveLesson(ctx context.Context, st store.Store, l store.Lesson, stages []store.Stage) (store.Lesson, error) {
	if err := checkLesson(l, stages); err != nil {
		return store.Lesson{}, err
	}
	err := st.InTx(ctx, func(tx store.Executor) error {
		var err error
		if l, err = placeLesson(ctx, tx, l); err != nil {
			return err
		}
		if err := tx.LessonUpsert(ctx, l); err != nil {
			return err
		}
		return tx.StagesReplace(ctx, l.ID, stages)
	})
	_, isProblem := problem.As(err)
	switch {
	case err == nil:
		return l, nil
	case isProblem:
		return store.Lesson{}, err
	case errors.Is(err, store.ErrConflict):
		return store.Lesson{}, problem.ConflictMsg("A lesson with this title or a stage with this id already exists.")
	}
	return store.Lesson{}, fmt.Errorf("save lesson: %w", err)
}

func checkLesson(l store.Lesson, stages []store.Stage) error {
	switch {
	case strings.TrimSpace(l.ID) == "":
		return problem.InvalidMsg("Lesson id is required")
	case strings.TrimSpace(l.Title) == "":
		return problem.InvalidMsg("Lesson title is required")
	case strings.TrimSpace(l.UnitID) == "":
		return problem.InvalidMsg("Choose the unit first")
	case l.XPReward < 0:
		return problem.InvalidMsg("xp_reward must not be negative")
	case l.IsPublished && len(stages) == 0:
		return problem.InvalidMsg("A published lesson needs at least one stage")
	}
	seen := map[string]bool{}
	for i, s := range stages {
		if err := checkStage(s, seen); err != nil {
			return problem.Invalidf("stages[{index}]: {reason}", "index", i, "reason", err.Error())
		}
	}
	return nil
}

func checkStage(s store.Stage, seen map[string]bool) error {
	switch {
	case strings.TrimSpace(s.ID) == "" || strings.Contains(s.ID, ":"):
		return errors.New("id is empty or contains ':'")
	case seen[s.ID]:
		return fmt.Errorf("id %q repeats", s.ID)
	case strings.TrimSpace(s.Title) == "":
		return fmt.Errorf("%s: title is empty", s.ID)
	}
	seen[s.ID] = true
	if err := ValidateStageConfig(s.Type, s.Config); err != nil {
		return fmt.Errorf("%s: %w", s.ID, err)
	}
	return nil
}

// placeLesson applies the unit/topic rules of a lesson (original game_lesson.py).
func placeLesson(ctx context.Context, tx store.Executor, l store.Lesson) (store.Lesson, error) {
	unit, err := tx.UnitGet(ctx, l.UnitID)
	if errors.Is(err, store.ErrNotFound) {
		return l, problem.InvalidMsg("Unit not found")
	}
	if err != nil {
		return l, err
	}
	if unit.StructureType == store.LessonBased {
		l.TopicID = nil
		return l, nil
	}
	if l.TopicID == nil || *l.TopicID == "" {
		return l, problem.InvalidMsg("A lesson of a topic-based unit needs a topic")
	}
	topic, err := tx.TopicGet(ctx, *l.TopicID)
	if errors.Is(err, store.ErrNotFound) || (err == nil && topic.UnitID != unit.ID) {
		return l, problem.InvalidMsg("The topic does not belong to the unit")
	}
	return l, err
}
