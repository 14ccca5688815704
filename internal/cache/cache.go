// Package cache holds the small interfaces of what Memora keeps outside the database for
// speed — the review schedule — and the pieces that decide what happens when that cache
// cannot be reached: a circuit breaker and the Safe-Mode limiter (counted in the database for
// the whole fleet, in this process when the database cannot count). Package rediscache
// implements the interfaces on Redis. Without Redis (the embedded mode) there is no schedule
// cache at all: reviews read the indexed due query of the database, which is the truth.
package cache

import (
	"context"
	"errors"
	"time"
)

// ErrUnavailable is returned without trying when the breaker is open: the cache is treated
// as down until a probe succeeds.
var ErrUnavailable = errors.New("cache unavailable")

// ScheduleKey names one player's schedule in one season.
type ScheduleKey struct {
	UserID   int64
	SeasonID string
}

// DueItem is one question of a schedule and the time it is due.
type DueItem struct {
	QuestionID string
	Due        time.Time
}

// ScheduleSource loads a player's whole live schedule from the database in one query; a
// missing or incomplete cached schedule is rebuilt from it.
type ScheduleSource interface {
	LoadSchedule(ctx context.Context, k ScheduleKey) ([]DueItem, error)
}

// DueQueue is the cached review schedule of each (player, season). The database stays the
// truth: writes reach the queue only after their transaction committed, and a queue that
// misses writes must be rebuilt from the database, never the other way round.
type DueQueue interface {
	// Due returns up to limit question ids due at or before now, soonest first, rebuilding
	// the schedule from the database when it is missing.
	Due(ctx context.Context, k ScheduleKey, now time.Time, limit int) ([]string, error)
	// Put sets the due times of items (after their transaction committed).
	Put(ctx context.Context, k ScheduleKey, items []DueItem) error
	// Remove drops questions that are no longer reviewed (retired).
	Remove(ctx context.Context, k ScheduleKey, questionIDs []string) error
}
