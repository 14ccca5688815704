package catalog

import (
	"context"
	"errors"
	"fmt"
	"time"

	"memora/internal/identity"
	"memora/internal/problem"
	"memora/internal/store"
)

// learner is the caller as the map sees them: their plan (from the profile's grade, stream
// and season: the one season source), and, once loaded, what they completed and may open.
type learner struct {
	who       identity.Principal
	day       time.Time
	profile   store.PlayerProfile
	plan      store.Plan
	hasPlan   bool
	rules     []SubjectRule
	completed map[string]bool
	access    Access
}

// learner loads the caller's profile and plan; hasPlan is false without a profile, a grade,
// a season or a plan for them.
func (s *Service) learner(ctx context.Context, who identity.Principal) (*learner, error) {
	l := &learner{who: who, day: s.Today(who)}
	prof, err := s.Store.ProfileGet(ctx, who.UserID)
	if errors.Is(err, store.ErrNotFound) {
		return l, nil
	}
	if err != nil {
		return nil, fmt.Errorf("learner: %w", err)
	}
	l.profile = prof
	if prof.GradeID == nil || prof.SeasonID == nil {
		return l, nil
	}
	plan, err := s.Store.PlanFind(ctx, store.PlanFindParams{InstitutionID: who.InstitutionID, GradeID: *prof.GradeID,
		StreamID: prof.StreamID, SeasonID: *prof.SeasonID})
	if errors.Is(err, store.ErrNotFound) {
		return l, nil
	}
	if err != nil {
		return nil, fmt.Errorf("learner: %w", err)
	}
	l.plan, l.hasPlan, l.rules = plan, true, PlanRules(plan)
	return l, nil
}

// loadProgress reads the lessons the caller completed and their access for today.
func (s *Service) loadProgress(ctx context.Context, l *learner) error {
	done, err := s.Store.LessonCompletedIDs(ctx, l.who.UserID)
	if err != nil {
		return fmt.Errorf("learner progress: %w", err)
	}
	l.completed = make(map[string]bool, len(done))
	for _, id := range done {
		l.completed[id] = true
	}
	l.access, err = s.access(ctx, l.who.UserID, l.day)
	if err != nil {
		return fmt.Errorf("learner access: %w", err)
	}
	return nil
}

// rule returns the plan's rule for a subject, or a 403 when the subject is not in the plan.
func (l *learner) rule(subjectID string) (SubjectRule, error) {
	if r, ok := findRule(l.rules, subjectID); ok {
		return r, nil
	}
	return SubjectRule{}, errNotInPlan()
}

func errNotInPlan() error {
	return problem.ForbiddenMsg("This content is not part of your academic plan.")
}
