package catalog

import (
	"context"
	"errors"
	"fmt"

	"memora/internal/identity"
	"memora/internal/problem"
	"memora/internal/store"
)

// OpenedLesson is a lesson the caller may play, with where it sits.
type OpenedLesson struct {
	Lesson  store.Lesson
	Unit    store.Unit
	Subject store.Subject
	Track   store.Track
	Status  string // completed or available
	Profile store.PlayerProfile
}

// OpenLesson checks that the caller may play a lesson, with the same rules as the map:
// 404 when it is unknown, unpublished or not visible to them; 403 when it is outside their
// plan, paid content they have no access to, or locked by the lesson or topic order.
func (s *Service) OpenLesson(ctx context.Context, who identity.Principal, lessonID string) (OpenedLesson, error) {
	if !ValidID(lessonID) {
		return OpenedLesson{}, ErrLessonNotFound()
	}
	lesson, err := s.Store.LessonGet(ctx, lessonID)
	if errors.Is(err, store.ErrNotFound) || (err == nil && !lesson.IsPublished) {
		return OpenedLesson{}, ErrLessonNotFound()
	}
	if err != nil {
		return OpenedLesson{}, fmt.Errorf("open lesson: %w", err)
	}
	v, l, err := s.unitFor(ctx, who, lesson.UnitID)
	var p *problem.Error
	if errors.As(err, &p) && p.Kind == problem.NotFound {
		return OpenedLesson{}, ErrLessonNotFound()
	}
	if err != nil {
		return OpenedLesson{}, err
	}
	status, ok := v.status(lesson.ID)
	if !ok {
		return OpenedLesson{}, ErrLessonNotFound()
	}
	if !Opens(status) {
		return OpenedLesson{}, refusal(status)
	}
	return OpenedLesson{Lesson: lesson, Unit: v.unit, Subject: v.subject, Track: v.track, Status: status,
		Profile: l.profile}, nil
}

// ErrLessonNotFound is the answer for a lesson that does not exist or cannot be seen.
func ErrLessonNotFound() error {
	return problem.NotFoundMsg("Lesson not found or access denied.")
}

// MsgLessonPremium is the refusal of a lesson of paid content, so that a page can offer the store.
const MsgLessonPremium = "This lesson is part of paid content: subscribe to open it."

// refusal says why a lesson of a locked status does not open.
func refusal(status string) error {
	if status == StatusLockedPremium {
		return problem.ForbiddenMsg(MsgLessonPremium)
	}
	return problem.ForbiddenMsg("Complete the previous lessons first.")
}

func (v unitView) status(lessonID string) (string, bool) {
	for _, tp := range v.topics {
		for _, lv := range tp.lessons {
			if lv.lesson.ID == lessonID {
				return lv.status, true
			}
		}
	}
	return "", false
}
