package teaching

import (
	"context"
	"fmt"
	"slices"

	"memora/internal/store"
)

// TitleReader is what Titles reads: the subjects and the topics under them.
type TitleReader interface {
	SubjectListByIDs(ctx context.Context, ids []string) ([]store.Subject, error)
	TopicListBySubjects(ctx context.Context, subjectIDs []string) ([]store.Topic, error)
}

// Title is a subject's or a topic's title in Arabic and English.
type Title struct {
	Title   string `json:"title"`
	TitleEn string `json:"title_en"`
}

// Titles names the subjects and topics a class view or a drill-down shows by id.
type Titles struct {
	Subjects map[string]Title `json:"subjects"`
	Topics   map[string]Title `json:"topics"`
}

// Titles returns the titles of the subjects (and every topic under them) that rows name: the
// subjects of the mastery rows and weakest topics given. Two queries.
func (s *Service) Titles(ctx context.Context, rows []StudentRow, topics []TopicMastery) (Titles, error) {
	out := Titles{Subjects: map[string]Title{}, Topics: map[string]Title{}}
	var ids []string
	add := func(id string) {
		if id != "" && !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	for _, r := range rows {
		for _, m := range r.Mastery {
			add(m.Subject)
		}
		for _, t := range r.Weakest {
			add(t.Subject)
		}
	}
	for _, t := range topics {
		add(t.Subject)
	}
	if len(ids) == 0 {
		return out, nil
	}
	subjects, err := s.Store.SubjectListByIDs(ctx, ids)
	if err != nil {
		return Titles{}, fmt.Errorf("class titles: %w", err)
	}
	for _, x := range subjects {
		out.Subjects[x.ID] = Title{Title: x.Title, TitleEn: x.TitleEN}
	}
	ts, err := s.Store.TopicListBySubjects(ctx, ids)
	if err != nil {
		return Titles{}, fmt.Errorf("class titles: %w", err)
	}
	for _, x := range ts {
		out.Topics[x.ID] = Title{Title: x.Title, TitleEn: x.TitleEN}
	}
	return out, nil
}
