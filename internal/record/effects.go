package record

import (
	"context"

	"memora/internal/progress"
	"memora/internal/store"
)

// ScheduleCache follows committed memory states (review.Schedule: the cached review
// schedule in Redis).
type ScheduleCache interface {
	Updated(ctx context.Context, userID int64, seasonID string, states []store.MemoryState)
}

// Effects is everything that follows a committed session, in one place. The session's
// own writes and its quest rewards are in its transaction; what is listed here are caches
// kept beside the database, told once it has committed:
//   - the cached review schedule hears the memory states the session wrote;
//   - the leaderboards (Redis) hear every XP credit: the session's and its quest rewards.
//
// No other cache depends on a session: the read cache keeps only academic fields of a
// profile, and access and content caches do not change with play. Each field may be nil.
type Effects struct {
	Schedule ScheduleCache
	Boards   progress.Observer
}

// Committed runs the effects of a committed session of userID.
func (e Effects) Committed(ctx context.Context, userID int64, c Changes) {
	if e.Schedule != nil && len(c.States) > 0 {
		e.Schedule.Updated(ctx, userID, c.SeasonID, c.States)
	}
	if e.Boards != nil && len(c.Credits) > 0 {
		e.Boards.Credited(ctx, c.Credits)
	}
}
