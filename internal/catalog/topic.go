package catalog

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"memora/internal/identity"
	"memora/internal/problem"
	"memora/internal/store"
)

// TopicDetails is get_topic_details.
type TopicDetails struct {
	TopicID         string        `json:"topic_id"`
	Title           string        `json:"title"`
	TitleEN         string        `json:"title_en"`
	Description     string        `json:"description"`
	Status          string        `json:"status"`
	IsLinear        bool          `json:"is_linear"`
	IsLockedPremium bool          `json:"is_locked_premium"`
	Lessons         []LessonState `json:"lessons"`
}

// TopicDetails returns a topic's lessons with their statuses. "<unit>-default" is the
// virtual topic of a lesson-based unit.
func (s *Service) TopicDetails(ctx context.Context, who identity.Principal, topicID string) (TopicDetails, error) {
	topicID = strings.TrimSpace(topicID)
	if topicID == "" {
		return TopicDetails{}, problem.InvalidMsg("Missing topic_id")
	}
	if !ValidID(topicID) {
		return TopicDetails{}, errTopicNotFound(topicID)
	}
	unitID, err := s.topicUnit(ctx, topicID)
	if err != nil {
		return TopicDetails{}, err
	}
	v, _, err := s.unitFor(ctx, who, unitID)
	if err != nil {
		return TopicDetails{}, err
	}
	for _, tp := range v.topics {
		if tp.topic.ID == topicID {
			return TopicDetails{TopicID: tp.topic.ID, Title: tp.topic.Title, TitleEN: tp.topic.TitleEN,
				Description: tp.topic.Description, Status: tp.status, IsLinear: tp.topic.IsLinear,
				IsLockedPremium: !tp.paid, Lessons: lessonStates(tp.lessons)}, nil
		}
	}
	return TopicDetails{}, errTopicNotFound(topicID)
}

// topicUnit finds the unit of a topic id (a real topic or a virtual "<unit>-default").
func (s *Service) topicUnit(ctx context.Context, topicID string) (string, error) {
	if unitID, ok := strings.CutSuffix(topicID, VirtualTopicSuffix); ok {
		u, err := s.Store.UnitGet(ctx, unitID)
		if err == nil && u.StructureType == store.LessonBased {
			return u.ID, nil
		}
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return "", fmt.Errorf("topic details: %w", err)
		}
	}
	tp, err := s.Store.TopicGet(ctx, topicID)
	if errors.Is(err, store.ErrNotFound) {
		return "", errTopicNotFound(topicID)
	}
	if err != nil {
		return "", fmt.Errorf("topic details: %w", err)
	}
	return tp.UnitID, nil
}

func errTopicNotFound(topicID string) error {
	if strings.HasSuffix(topicID, VirtualTopicSuffix) {
		return problem.NotFoundMsg("Unit not found")
	}
	return problem.NotFoundMsg("Topic not found")
}

// unitFor computes the view of one unit for the caller: 404 when the unit is not visible
// to them, 403 when their plan does not include it.
func (s *Service) unitFor(ctx context.Context, who identity.Principal, unitID string) (unitView, *learner, error) {
	u, err := s.Store.UnitGet(ctx, unitID)
	if errors.Is(err, store.ErrNotFound) {
		return unitView{}, nil, problem.NotFoundMsg("Unit not found")
	}
	if err != nil {
		return unitView{}, nil, fmt.Errorf("unit: %w", err)
	}
	t, err := s.loadTree(ctx, who.InstitutionID, []string{u.SubjectID})
	if err != nil {
		return unitView{}, nil, err
	}
	visible, ok := t.unit(u.ID)
	if !ok {
		return unitView{}, nil, problem.NotFoundMsg("Unit not found")
	}
	l, err := s.learner(ctx, who)
	if err != nil {
		return unitView{}, nil, err
	}
	r, err := l.rule(u.SubjectID)
	if err != nil {
		return unitView{}, nil, err
	}
	if !r.Includes(u.ID) {
		return unitView{}, nil, errNotInPlan()
	}
	if err := s.loadProgress(ctx, l); err != nil {
		return unitView{}, nil, err
	}
	return l.view(t, visible), l, nil
}
