package catalog

import (
	"context"

	"memora/internal/identity"
	"memora/internal/store"
)

// MapSubject is one subject of get_map_data.
type MapSubject struct {
	SubjectID string    `json:"subject_id"`
	Title     string    `json:"title"`
	TitleEN   string    `json:"title_en"`
	Units     []MapUnit `json:"units"`
}

// MapUnit is a unit drawn as a path of lessons ("lessons") or as topics ("topics").
type MapUnit struct {
	ID      string     `json:"id"`
	Title   string     `json:"title"`
	TitleEN string     `json:"title_en"`
	Style   string     `json:"style"`
	Topics  []MapTopic `json:"topics"`
}

// MapTopic is a topic of a topic-based unit (lessons are lazy-loaded with
// get_topic_details) or the virtual topic of a lesson-based unit (lessons included).
type MapTopic struct {
	ID          string        `json:"id"`
	Title       string        `json:"title"`
	TitleEN     string        `json:"title_en"`
	Description string        `json:"description"`
	Status      string        `json:"status"`
	IsVirtual   bool          `json:"is_virtual,omitempty"`
	Stats       *TopicStats   `json:"stats,omitempty"`
	Lessons     []LessonState `json:"lessons,omitempty"`
}

// TopicStats counts a topic's published lessons and how many the caller completed.
type TopicStats struct {
	Total     int `json:"total"`
	Completed int `json:"completed"`
}

// LessonState is a lesson with the caller's lock status.
type LessonState struct {
	ID      string `json:"id"`
	Title   string `json:"title"`
	TitleEN string `json:"title_en"`
	Status  string `json:"status"`
	XP      int    `json:"xp"`
}

// MapData is get_map_data: the caller's plan subjects (or only subjectID) with their units
// and statuses. It reads a fixed number of queries whatever the size of the map: profile,
// plan, the content of all the subjects at once, completions and subscriptions.
func (s *Service) MapData(ctx context.Context, who identity.Principal, subjectID string) ([]MapSubject, error) {
	out := []MapSubject{}
	l, err := s.learner(ctx, who)
	if err != nil || !l.hasPlan {
		return out, err
	}
	rules := l.rules
	if subjectID != "" {
		r, ok := findRule(rules, subjectID)
		if !ok {
			return out, nil
		}
		rules = []SubjectRule{r}
	}
	t, err := s.loadTree(ctx, who.InstitutionID, subjectIDs(rules))
	if err != nil {
		return nil, err
	}
	if err := s.loadProgress(ctx, l); err != nil {
		return nil, err
	}
	for _, r := range rules {
		sub, ok := t.subjects[r.SubjectID]
		if !ok {
			continue
		}
		ms := MapSubject{SubjectID: sub.ID, Title: orDefault(r.DisplayName, sub.Title), TitleEN: sub.TitleEN, Units: []MapUnit{}}
		for _, u := range t.unitsOf(r) {
			if mu, ok := mapUnit(l.view(t, u)); ok {
				ms.Units = append(ms.Units, mu)
			}
		}
		out = append(out, ms)
	}
	return out, nil
}

// mapUnit draws a unit; a unit with nothing to play is left out.
func mapUnit(v unitView) (MapUnit, bool) {
	if len(v.topics) == 0 || v.progress().Total == 0 {
		return MapUnit{}, false
	}
	mu := MapUnit{ID: v.unit.ID, Title: v.unit.Title, TitleEN: v.unit.TitleEN, Style: "topics", Topics: []MapTopic{}}
	if v.unit.StructureType == store.LessonBased {
		mu.Style = "lessons"
	}
	for _, tp := range v.topics {
		mt := MapTopic{ID: tp.topic.ID, Title: tp.topic.Title, TitleEN: tp.topic.TitleEN,
			Description: tp.topic.Description, Status: tp.status}
		if tp.virtual {
			mt.IsVirtual, mt.Lessons = true, lessonStates(tp.lessons)
		} else {
			mt.Stats = &TopicStats{Total: tp.stats.Total, Completed: tp.stats.Completed}
		}
		mu.Topics = append(mu.Topics, mt)
	}
	return mu, true
}

func lessonStates(lessons []lessonView) []LessonState {
	out := make([]LessonState, len(lessons))
	for i, lv := range lessons {
		out[i] = LessonState{ID: lv.lesson.ID, Title: lv.lesson.Title, TitleEN: lv.lesson.TitleEN, Status: lv.status,
			XP: lv.lesson.XPReward}
	}
	return out
}
