package authoring

import (
	"context"
	"encoding/json"
	"fmt"

	"memora/internal/identity"
	"memora/internal/store"
)

// SubjectView is a subject as the desk lists it. Editable says whether the caller may
// change it (shared subjects are read-only to an institution's staff).
type SubjectView struct {
	ID                   string  `json:"id"`
	Institution          *string `json:"institution"`
	Title                string  `json:"title"`
	TitleEn              string  `json:"title_en"`
	Icon                 string  `json:"icon"`
	IsPublished          bool    `json:"is_published"`
	IsPaid               bool    `json:"is_paid"`
	FullPriceCents       *int64  `json:"full_price_cents"`
	DiscountedPriceCents *int64  `json:"discounted_price_cents"`
	Position             int     `json:"position"`
	Editable             bool    `json:"editable"`
}

// TrackView is a track of a subject.
type TrackView struct {
	ID                   string `json:"id"`
	Subject              string `json:"subject"`
	Title                string `json:"title"`
	TitleEn              string `json:"title_en"`
	IsDefault            bool   `json:"is_default"`
	UnlockLevel          int    `json:"unlock_level"`
	Icon                 string `json:"icon"`
	Description          string `json:"description"`
	IsPaid               bool   `json:"is_paid"`
	IsSoldSeparately     bool   `json:"is_sold_separately"`
	StandalonePriceCents *int64 `json:"standalone_price_cents"`
	DiscountedPriceCents *int64 `json:"discounted_price_cents"`
	IsPublished          bool   `json:"is_published"`
	Position             int    `json:"position"`
}

// UnitView is a unit of a track.
type UnitView struct {
	ID             string `json:"id"`
	Subject        string `json:"subject"`
	Track          string `json:"track"`
	Title          string `json:"title"`
	TitleEn        string `json:"title_en"`
	StructureType  string `json:"structure_type"`
	IsFreePreview  bool   `json:"is_free_preview"`
	IsLinearTopics bool   `json:"is_linear_topics"`
	IsPublished    bool   `json:"is_published"`
	Position       int    `json:"position"`
}

// TopicView is a topic of a topic_based unit.
type TopicView struct {
	ID            string `json:"id"`
	Unit          string `json:"unit"`
	Title         string `json:"title"`
	TitleEn       string `json:"title_en"`
	Description   string `json:"description"`
	IsFreePreview bool   `json:"is_free_preview"`
	IsLinear      bool   `json:"is_linear"`
	IsPublished   bool   `json:"is_published"`
	Position      int    `json:"position"`
}

// LessonView is a lesson; Stages only when one lesson is asked for.
type LessonView struct {
	ID          string      `json:"id"`
	Unit        string      `json:"unit"`
	Topic       *string     `json:"topic"`
	Title       string      `json:"title"`
	TitleEn     string      `json:"title_en"`
	XPReward    int         `json:"xp_reward"`
	IsPublished bool        `json:"is_published"`
	Position    int         `json:"position"`
	Stages      []StageView `json:"stages,omitempty"`
}

// StageView is a stage with its typed config.
type StageView struct {
	ID     string          `json:"id"`
	Title  string          `json:"title"`
	Type   string          `json:"type"`
	Config json.RawMessage `json:"config"`
}

// Tree is a subject and everything under it, in display order, published or not.
type Tree struct {
	Subject SubjectView  `json:"subject"`
	Tracks  []TrackView  `json:"tracks"`
	Units   []UnitView   `json:"units"`
	Topics  []TopicView  `json:"topics"`
	Lessons []LessonView `json:"lessons"`
}

func subjectView(s store.Subject, c identity.Caller) SubjectView {
	return SubjectView{ID: s.ID, Institution: s.InstitutionID, Title: s.Title, TitleEn: s.TitleEN, Icon: s.Icon,
		IsPublished: s.IsPublished, IsPaid: s.IsPaid, FullPriceCents: s.FullPriceCents,
		DiscountedPriceCents: s.DiscountedPriceCents, Position: s.Position, Editable: mayChange(c, s) == nil}
}

func trackView(t store.Track) TrackView {
	return TrackView{ID: t.ID, Subject: t.SubjectID, Title: t.Title, TitleEn: t.TitleEN, IsDefault: t.IsDefault,
		UnlockLevel: t.UnlockLevel, Icon: t.Icon, Description: t.Description, IsPaid: t.IsPaid,
		IsSoldSeparately: t.IsSoldSeparately, StandalonePriceCents: t.StandalonePriceCents,
		DiscountedPriceCents: t.DiscountedPriceCents, IsPublished: t.IsPublished, Position: t.Position}
}

func unitView(u store.Unit) UnitView {
	return UnitView{ID: u.ID, Subject: u.SubjectID, Track: u.TrackID, Title: u.Title, TitleEn: u.TitleEN,
		StructureType: u.StructureType, IsFreePreview: u.IsFreePreview, IsLinearTopics: u.IsLinearTopics,
		IsPublished: u.IsPublished, Position: u.Position}
}

func topicView(t store.Topic) TopicView {
	return TopicView{ID: t.ID, Unit: t.UnitID, Title: t.Title, TitleEn: t.TitleEN, Description: t.Description,
		IsFreePreview: t.IsFreePreview, IsLinear: t.IsLinear, IsPublished: t.IsPublished, Position: t.Position}
}

func lessonView(l store.Lesson, stages []store.Stage) LessonView {
	v := LessonView{ID: l.ID, Unit: l.UnitID, Topic: l.TopicID, Title: l.Title, TitleEn: l.TitleEN,
		XPReward: l.XPReward, IsPublished: l.IsPublished, Position: l.Position}
	for _, s := range stages {
		v.Stages = append(v.Stages, StageView{ID: s.ID, Title: s.Title, Type: s.Type, Config: s.Config})
	}
	return v
}

// Subjects lists the subjects the caller works with: a System Manager every one; anyone
// else their institution's and the shared ones (not editable).
func (s *Service) Subjects(ctx context.Context, c identity.Caller) ([]SubjectView, error) {
	all, err := s.Store.SubjectListAll(ctx)
	if err != nil {
		return nil, fmt.Errorf("subjects: %w", err)
	}
	out := []SubjectView{}
	for _, sub := range all {
		if c.IsSystemManager() || sub.InstitutionID == nil || *sub.InstitutionID == c.InstitutionID {
			out = append(out, subjectView(sub, c))
		}
	}
	return out, nil
}

// Tracks lists the tracks of the subjects the caller works with (see Subjects), for the desk to
// name the tracks that a store item's bundle or a subscription's access keeps by id.
func (s *Service) Tracks(ctx context.Context, c identity.Caller) ([]TrackView, error) {
	subjects, err := s.Subjects(ctx, c)
	if err != nil {
		return nil, err
	}
	if len(subjects) == 0 {
		return []TrackView{}, nil
	}
	ids := make([]string, 0, len(subjects))
	for _, sub := range subjects {
		ids = append(ids, sub.ID)
	}
	tracks, err := s.Store.TrackListBySubjects(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("tracks: %w", err)
	}
	out := make([]TrackView, 0, len(tracks))
	for _, t := range tracks {
		out = append(out, trackView(t))
	}
	return out, nil
}

// Tree returns a subject and everything under it (five queries). Shared subjects can be
// read by any staff; another institution's are not found.
func (s *Service) Tree(ctx context.Context, c identity.Caller, subjectID string) (Tree, error) {
	sub, err := s.subject(ctx, s.Store, c, subjectID)
	if p, ok := asForbidden(err); ok && sub.ID == "" {
		// shared: readable, not editable
		if sub, err = s.Store.SubjectGet(ctx, subjectID); err != nil {
			return Tree{}, p
		}
	} else if err != nil {
		return Tree{}, err
	}
	t := Tree{Subject: subjectView(sub, c), Tracks: []TrackView{}, Units: []UnitView{}, Topics: []TopicView{},
		Lessons: []LessonView{}}
	ids := []string{sub.ID}
	tracks, err := s.Store.TrackListBySubjects(ctx, ids)
	if err != nil {
		return Tree{}, fmt.Errorf("tree: %w", err)
	}
	for _, x := range tracks {
		t.Tracks = append(t.Tracks, trackView(x))
	}
	units, err := s.Store.UnitListBySubjects(ctx, ids)
	if err != nil {
		return Tree{}, fmt.Errorf("tree: %w", err)
	}
	for _, x := range units {
		t.Units = append(t.Units, unitView(x))
	}
	topics, err := s.Store.TopicListBySubjects(ctx, ids)
	if err != nil {
		return Tree{}, fmt.Errorf("tree: %w", err)
	}
	for _, x := range topics {
		t.Topics = append(t.Topics, topicView(x))
	}
	lessons, err := s.Store.LessonListBySubjects(ctx, ids)
	if err != nil {
		return Tree{}, fmt.Errorf("tree: %w", err)
	}
	for _, x := range lessons {
		t.Lessons = append(t.Lessons, lessonView(x, nil))
	}
	return t, nil
}

// Lesson returns one lesson with its stages.
func (s *Service) Lesson(ctx context.Context, c identity.Caller, id string) (LessonView, error) {
	if _, err := s.owned(ctx, s.Store, c, KindLesson, id); err != nil {
		if _, shared := asForbidden(err); !shared {
			return LessonView{}, err
		}
	}
	l, err := s.Store.LessonGet(ctx, id)
	if err != nil {
		return LessonView{}, fmt.Errorf("lesson: %w", err)
	}
	stages, err := s.Store.StagesByLesson(ctx, id)
	if err != nil {
		return LessonView{}, fmt.Errorf("lesson: %w", err)
	}
	return lessonView(l, stages), nil
}
