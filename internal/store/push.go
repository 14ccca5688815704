package store

import (
	"context"
	"time"
)

// PushCandidate is one live memory item of a student's profile season, as a teacher's push
// chooses among them.
type PushCandidate struct {
	UserID     int64
	SeasonID   string
	QuestionID string
	TopicID    *string
	Stability  float64
	Due        time.Time
	LastReview *time.Time
}

// ReviewPushParams are the items of one student's season a teacher pushes.
type ReviewPushParams struct {
	UserID      int64
	SeasonID    string
	QuestionIDs []string
	PushedBy    int64
	Now         time.Time
}

// PushItem is one student's item of a push.
type PushItem struct {
	UserID     int64
	SeasonID   string
	QuestionID string
}

// ReviewPushManyParams are the items of many students a teacher pushes at once.
type ReviewPushManyParams struct {
	Items    []PushItem // distinct
	PushedBy int64
	Now      time.Time
}

// PushExecutor holds teachers' pushes of items into their students' review queues.
type PushExecutor interface {
	// PushCandidates lists the live memory items of the institution's users in their
	// profile seasons, of one topic when topicID is not empty, by user and question.
	PushCandidates(ctx context.Context, institutionID, topicID string) ([]PushCandidate, error)
	// ReviewPush makes the live items among p.QuestionIDs that are not due yet due at p.Now,
	// changing nothing else of their memory state, and records every one of p.QuestionIDs
	// as pushed by p.PushedBy at p.Now. It returns the questions it made due.
	ReviewPush(ctx context.Context, p ReviewPushParams) ([]string, error)
	// ReviewPushMany is ReviewPush for many students' items at once (one statement on
	// PostgreSQL, one update and one insert on SQLite); it returns the items it made due.
	ReviewPushMany(ctx context.Context, p ReviewPushManyParams) ([]PushItem, error)
	// PushedAt maps the questions among questionIDs that a teacher pushed to the time of
	// the latest push.
	PushedAt(ctx context.Context, userID int64, seasonID string, questionIDs []string) (map[string]time.Time, error)
}
