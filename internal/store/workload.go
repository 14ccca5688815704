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
}
