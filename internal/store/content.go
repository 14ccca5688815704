package store

import (
	"context"
	"encoding/json"
	"time"
)

// Unit structure types.
const (
	TopicBased  = "topic_based"
	LessonBased = "lesson_based"
)

// Subject is the top of the content tree. Prices are in cents; nil means unset.
type Subject struct {
	ID                   string
	InstitutionID        *string
	Title                string
	TitleEN              string
	Icon                 string
	IsPublished          bool
	IsPaid               bool
	FullPriceCents       *int64
	DiscountedPriceCents *int64
	Position             int
	CreatedAt            time.Time
}

// Track is a learning track of a subject.
type Track struct {
	ID                   string
	SubjectID            string
	Title                string
	TitleEN              string
	IsDefault            bool
	UnlockLevel          int
	Icon                 string
	Description          string
	IsPaid               bool
	IsSoldSeparately     bool
	StandalonePriceCents *int64
	DiscountedPriceCents *int64
	IsPublished          bool
	Position             int
	CreatedAt            time.Time
}

// Unit groups topics (topic_based) or lessons directly (lesson_based).
type Unit struct {
	ID             string
	SubjectID      string
	TrackID        string
	Title          string
	TitleEN        string
	StructureType  string
	IsFreePreview  bool
	IsLinearTopics bool
	IsPublished    bool
	Position       int
	CreatedAt      time.Time
}

// Topic groups the lessons of a topic_based unit.
type Topic struct {
	ID            string
	UnitID        string
	Title         string
	TitleEN       string
	Description   string
	IsFreePreview bool
	IsLinear      bool
	IsPublished   bool
	Position      int
	CreatedAt     time.Time
}

// Lesson is a playable sequence of stages.
type Lesson struct {
	ID          string
	UnitID      string
	TopicID     *string
	Title       string
	TitleEN     string
	XPReward    int
	IsPublished bool
	Position    int
	CreatedAt   time.Time
}

// Stage is one step of a lesson; Config is validated JSON of the stage's type.
type Stage struct {
	ID       string
	LessonID string
	Position int
	Title    string
	Type     string
	Config   json.RawMessage
}

// ContentExecutor holds the content tree.
type ContentExecutor interface {
	SubjectUpsert(ctx context.Context, s Subject) error
	SubjectGet(ctx context.Context, id string) (Subject, error)
	TrackUpsert(ctx context.Context, t Track) error
	UnitUpsert(ctx context.Context, u Unit) error
	TopicUpsert(ctx context.Context, t Topic) error
	LessonUpsert(ctx context.Context, l Lesson) error
	LessonGet(ctx context.Context, id string) (Lesson, error)
	// StagesReplace sets the stages of a lesson to exactly the given list.
	StagesReplace(ctx context.Context, lessonID string, stages []Stage) error
	StagesByLesson(ctx context.Context, lessonID string) ([]Stage, error)
}
