package store

import (
	"context"
	"encoding/json"
	"time"
)

// ScheduleItem is one entry of a player's review schedule: a question and when it is due.
type ScheduleItem struct {
	QuestionID string
	Due        time.Time
}

// ReviewDueParams selects the soonest-due items of a player's season. A nil SubjectID means
// every subject.
type ReviewDueParams struct {
	UserID    int64
	SeasonID  string
	SubjectID *string
	Now       time.Time
	Limit     int
}

// ReviewStage is a stage as the review path reads it: with its lesson's published flag, since
// an unpublished lesson's questions are not reviewed.
type ReviewStage struct {
	Stage
	LessonPublished bool
}

// DueRow is what a review session reads of one item of its cached schedule: the item's due
// time, whether it is retired, and whether a teacher pushed it after its last review (or
// pushed it and it was never reviewed).
type DueRow struct {
	QuestionID string
	Due        time.Time
	Retired    bool
	Pushed     bool
}

// LevelCount is how many live memory items of a player's season have one 1–4 level.
type LevelCount struct {
	Level int
	Count int
}

// ReviewExecutor holds the queries of review sessions. Retired items (whose stage is gone)
// are left out of every read but MemoryGetMany.
type ReviewExecutor interface {
	// ReviewDue returns up to Limit live items due at or before Now, soonest first (the
	// indexed due query of the embedded mode and of Safe Mode).
	ReviewDue(ctx context.Context, p ReviewDueParams) ([]MemoryState, error)
	// ReviewTopicItems returns every live item of one topic in a player's season.
	ReviewTopicItems(ctx context.Context, userID int64, seasonID, topicID string) ([]MemoryState, error)
	// ReviewScheduleLoad returns every live (question, due) of a player's season in one
	// query: what rebuilds the player's cached schedule.
	ReviewScheduleLoad(ctx context.Context, userID int64, seasonID string) ([]ScheduleItem, error)
	// ReviewDueRows returns a DueRow for each state that exists among questionIDs, as
	// MemoryGetMany finds them (retired ones too), with its latest teacher push compared to
	// its last review (Pushed), in one query: what a review session reads for the due ids of
	// its cached schedule.
	ReviewDueRows(ctx context.Context, userID int64, seasonID string, questionIDs []string) ([]DueRow, error)
	// ReviewLessonStages returns every stage of each lesson holding one of stageIDs (the
	// sibling stages are the distractor pool), ordered by lesson and position, in one query.
	ReviewLessonStages(ctx context.Context, stageIDs []string) ([]ReviewStage, error)
	// ReviewRetire marks items retired (their question is gone); rows are kept.
	ReviewRetire(ctx context.Context, userID int64, seasonID string, questionIDs []string, now time.Time) error
	// ReviewLevelCounts counts a player's live items of the season by level (PostgreSQL
	// keeps the counts as memory_state changes; SQLite counts the rows).
	ReviewLevelCounts(ctx context.Context, userID int64, seasonID string) ([]LevelCount, error)
	// ReviewSessionSetResponse stores the answer of a submitted session, returned again to
	// a retried submission.
	ReviewSessionSetResponse(ctx context.Context, sessionID int64, response json.RawMessage) error
}
