package review

import (
	"context"
	"fmt"
	"log/slog"

	"memora/internal/cache"
	"memora/internal/store"
)

// Health says whether the schedule cache is being bypassed (rediscache.Client).
type Health interface {
	SafeMode() bool
}

// Schedule is the cached review schedule as the rest of the platform sees it. Lesson play
// and review submissions call Updated after their transaction commits. Without Redis (the
// embedded mode) it caches nothing and every method is a no-op: reviews read the database.
type Schedule struct {
	queue  cache.DueQueue
	health Health
	logger *slog.Logger
}

// NewSchedule returns the schedule over queue (nil: no cache) and the health of its server.
func NewSchedule(queue cache.DueQueue, health Health, logger *slog.Logger) *Schedule {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &Schedule{queue: queue, health: health, logger: logger}
}

// Enabled reports whether a schedule cache is configured.
func (s *Schedule) Enabled() bool { return s != nil && s.queue != nil }

// SafeMode reports whether the cache is configured but unreachable, so reviews are served
// from the database under the Safe-Mode limits.
func (s *Schedule) SafeMode() bool {
	return s.Enabled() && s.health != nil && s.health.SafeMode()
}

// cached reports whether the season's schedule lives in the cache.
func (s *Schedule) cached(season store.Season) bool { return s.Enabled() && season.EnableRedis }

// Updated writes the due times of states just committed for a player's season. It never
// fails the caller: the database is the truth, and a schedule that missed the write is
// deleted once Redis answers and rebuilt from the database.
func (s *Schedule) Updated(ctx context.Context, userID int64, seasonID string, states []store.MemoryState) {
	if !s.Enabled() || len(states) == 0 {
		return
	}
	items := make([]cache.DueItem, 0, len(states))
	var retired []string
	for _, m := range states {
		if m.Retired {
			retired = append(retired, m.QuestionID)
			continue
		}
		items = append(items, cache.DueItem{QuestionID: m.QuestionID, Due: m.Due})
	}
	k := cache.ScheduleKey{UserID: userID, SeasonID: seasonID}
	if err := s.queue.Put(ctx, k, items); err != nil {
		s.logger.Warn("schedule update missed; the schedule will be rebuilt", "user", userID, "season", seasonID, "err", err)
	}
	s.retired(ctx, k, retired)
}

func (s *Schedule) retired(ctx context.Context, k cache.ScheduleKey, questionIDs []string) {
	if !s.Enabled() || len(questionIDs) == 0 {
		return
	}
	if err := s.queue.Remove(ctx, k, questionIDs); err != nil {
		s.logger.Warn("schedule removal missed", "user", k.UserID, "season", k.SeasonID, "err", err)
	}
}

// ScheduleSource rebuilds cached schedules from the database (ReviewScheduleLoad).
func ScheduleSource(st store.Executor) cache.ScheduleSource { return scheduleSource{st} }

type scheduleSource struct{ st store.Executor }

func (s scheduleSource) LoadSchedule(ctx context.Context, k cache.ScheduleKey) ([]cache.DueItem, error) {
	rows, err := s.st.ReviewScheduleLoad(ctx, k.UserID, k.SeasonID)
	if err != nil {
		return nil, fmt.Errorf("load schedule: %w", err)
	}
	out := make([]cache.DueItem, len(rows))
	for i, r := range rows {
		out[i] = cache.DueItem{QuestionID: r.QuestionID, Due: r.Due}
	}
	return out, nil
}
