package store

import (
	"context"
	"time"
)

// MemoryState is the spaced-repetition state of one (player, season, question).
// Level is the original's 1–4 "stability level" reported to clients.
type MemoryState struct {
	UserID     int64
	SeasonID   string
	QuestionID string
	SubjectID  *string
	TopicID    *string
	Stability  float64
	Difficulty float64
	State      int
	Step       int
	Level      int
	Due        time.Time
	LastReview *time.Time
	Reps       int
	Lapses     int
	Retired    bool
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// ReviewLogEntry is one graded answer.
type ReviewLogEntry struct {
	UserID          int64
	SeasonID        string
	QuestionID      string
	SessionID       *int64
	Source          string
	Rating          int
	Correct         bool
	DurationMs      int
	ElapsedDays     float64
	StateBefore     int
	StateAfter      int
	StabilityBefore float64
	StabilityAfter  float64
	DifficultyAfter float64
	DueAfter        time.Time
	ReviewedAt      time.Time
}

// MemoryExecutor holds memory state and the review log.
type MemoryExecutor interface {
	// MemoryUpsert writes the full state of each item, keyed by (user, season, question).
	MemoryUpsert(ctx context.Context, items []MemoryState) error
	MemoryGet(ctx context.Context, userID int64, seasonID, questionID string) (MemoryState, error)
	// MemoryGetMany returns the states that exist among questionIDs (one query).
	MemoryGetMany(ctx context.Context, userID int64, seasonID string, questionIDs []string) ([]MemoryState, error)
	ReviewLogInsert(ctx context.Context, entries []ReviewLogEntry) error
	// MemoryRecord writes answered items' new states and their review log entries, all or
	// nothing (on PostgreSQL in one round trip).
	MemoryRecord(ctx context.Context, items []MemoryState, entries []ReviewLogEntry) error
}
