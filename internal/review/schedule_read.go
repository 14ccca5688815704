package review

import (
	"context"
	"time"

	"memora/internal/cache"
	"memora/internal/store"
)

// dueLister is a cached schedule that can list all of a player's due items without
// rebuilding (rediscache.Schedule).
type dueLister interface {
	DueAll(ctx context.Context, k cache.ScheduleKey, now time.Time) ([]string, bool, error)
}

// DueIDs lists every question id of the player's season due at now in the cached schedule,
// as the review GET reads it (whole seconds). ok is false when the schedule cannot answer
// and the database must: no cache, a season that does not use it, Safe Mode, a failed read,
// or a schedule missing or incomplete (it is not rebuilt here: the review GET does that).
func (s *Schedule) DueIDs(ctx context.Context, userID int64, season store.Season, now time.Time) (ids []string, ok bool) {
	if !s.cached(season) || s.SafeMode() {
		return nil, false
	}
	l, can := s.queue.(dueLister)
	if !can {
		return nil, false
	}
	ids, ok, err := l.DueAll(ctx, cache.ScheduleKey{UserID: userID, SeasonID: season.ID}, now)
	if err != nil || !ok {
		return nil, false
	}
	return ids, true
}
