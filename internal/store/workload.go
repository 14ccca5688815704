package store

import (
	"context"
	"time"
)

// ForecastItem is a live reviewed memory item as the workload forecast reads it.
type ForecastItem struct {
	UserID     int64
	Stability  float64
	Difficulty float64
	State      int
	Due        time.Time
	LastReview time.Time
}

// ForecastDuration is the rating and time of one review answer.
type ForecastDuration struct {
	Rating     int
	DurationMs int
}

// ForecastPace is one student's items of a season as the forecast's pace of new items reads
// them: all of them (retired ones included), those created since a time, and when the first
// one was created.
type ForecastPace struct {
	UserID       int64
	Items        int
	Recent       int
	FirstCreated time.Time
}

// WorkloadExecutor holds the reads of the workload forecast (docs/srs.md §11).
type WorkloadExecutor interface {
	// ForecastStudents returns up to limit students of the season with a live reviewed item,
	// of one institution (all when institutionID is empty), in a fixed pseudo-random order
	// (a hash of the id), so a sample of a large season is the same every time.
	ForecastStudents(ctx context.Context, seasonID, institutionID string, limit int) ([]int64, error)
	// ForecastMemory returns up to limit live reviewed items of the students in the season,
	// by user.
	ForecastMemory(ctx context.Context, seasonID string, userIDs []int64, limit int) ([]ForecastItem, error)
	// ForecastDurations returns the students' latest limit review answers (not lessons) of
	// the season with a recorded time, latest first.
	ForecastDurations(ctx context.Context, seasonID string, userIDs []int64, limit int) ([]ForecastDuration, error)
	// ForecastPace returns, for each of the students with an item in the season, their
	// items, those created at or after since and the first one's creation, by user.
	ForecastPace(ctx context.Context, seasonID string, userIDs []int64, since time.Time) ([]ForecastPace, error)
	// ForecastSeasonItems counts the distinct items the students have in the season.
	ForecastSeasonItems(ctx context.Context, seasonID string, userIDs []int64) (int, error)
}
