package teaching

import (
	"context"
	"fmt"
	"slices"

	"memora/internal/store"
)

// TitleReader is what Titles reads: the subjects and the topics under them, and the students'
// grades and streams.
type TitleReader interface {
	SubjectListByIDs(ctx context.Context, ids []string) ([]store.Subject, error)
	TopicListBySubjects(ctx context.Context, subjectIDs []string) ([]store.Topic, error)
	AcademicTitles(ctx context.Context, gradeIDs, streamIDs []string) ([]store.AcademicTitle, error)
}

// Title is a subject's, a topic's, a grade's or a stream's title in Arabic and English.
type Title struct {
	Title   string `json:"title"`
	TitleEn string `json:"title_en"`
}

// Titles names the subjects, topics, grades and streams a class view or a drill-down shows by
// id.
type Titles struct {
	Subjects map[string]Title `json:"subjects"`
	Topics   map[string]Title `json:"topics"`
	Grades   map[string]Title `json:"grades"`
	Streams  map[string]Title `json:"streams"`
}

// Titles returns the titles of what rows name: the students' grades and streams, and the
// subjects (with every topic under them) of the mastery rows and weakest topics given. At most
// three queries, whatever the number of rows.
func (s *Service) Titles(ctx context.Context, rows []StudentRow, topics []TopicMastery) (Titles, error) {
	out := Titles{Subjects: map[string]Title{}, Topics: map[string]Title{}, Grades: map[string]Title{}, Streams: map[string]Title{}}
	var ids, grades, streams []string
	add := func(list *[]string, id string) {
		if id != "" && !slices.Contains(*list, id) {
			*list = append(*list, id)
		}
	}
	for _, r := range rows {
		if r.Grade != nil {
			add(&grades, *r.Grade)
		}
		if r.Stream != nil {
			add(&streams, *r.Stream)
		}
		for _, m := range r.Mastery {
			add(&ids, m.Subject)
		}
		for _, t := range r.Weakest {
			add(&ids, t.Subject)
		}
	}
	for _, t := range topics {
		add(&ids, t.Subject)
	}
	if len(grades)+len(streams) > 0 {
		named, err := s.Store.AcademicTitles(ctx, grades, streams)
		if err != nil {
			return Titles{}, fmt.Errorf("class titles: %w", err)
		}
		for _, x := range named {
			if x.Kind == store.AcademicStream {
				out.Streams[x.ID] = Title{Title: x.Title, TitleEn: x.TitleEN}
			} else {
				out.Grades[x.ID] = Title{Title: x.Title, TitleEn: x.TitleEN}
			}
		}
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
