package record

import (
	"context"
	"sync"

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

// Committed runs the effects of a committed session of userID. The schedule and the boards
// are told at once (each is a Redis round trip of its own), and both are done on return.
func (e Effects) Committed(ctx context.Context, userID int64, c Changes) {
	var wg sync.WaitGroup
	if e.Schedule != nil && len(c.States) > 0 {
		wg.Go(func() { e.Schedule.Updated(ctx, userID, c.SeasonID, c.States) })
	}
	if e.Boards != nil && len(c.Credits) > 0 {
		e.credited(ctx, c)
	}
	wg.Wait()
}

// credited tells the boards of c's credits, with the scores read in the transaction when
// there are some.
func (e Effects) credited(ctx context.Context, c Changes) {
	if so, ok := e.Boards.(progress.ScoresObserver); ok && c.Scores != nil {
		so.CreditedWithScores(ctx, c.Credits, *c.Scores)
		return
	}
	e.Boards.Credited(ctx, c.Credits)
}

// scoresRead is the read of the credited player's scores the boards need (nil: none), for
// the recording transaction to make after its credits (progress.ScoresObserver).
func (e Effects) scoresRead(credits []progress.Credit) *store.ScoresRead {
	so, ok := e.Boards.(progress.ScoresObserver)
	if !ok || len(credits) == 0 {
		return nil
	}
	from, to, ok := so.ScoresWindow(credits)
	if !ok {
		return nil
	}
	return &store.ScoresRead{UserID: credits[0].UserID, From: from, To: to}
}
