package review

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"time"

	"memora/internal/cache"
	"memora/internal/problem"
	"memora/internal/store"
)

// due returns the soonest-due live items of a general review and whether they were served
// in Safe Mode. The cached schedule answers when the season uses it and Redis is up; the
// database answers in the embedded mode, for seasons without the cache, and for a subject
// review (the schedule has no subject dimension; the indexed due query filters it). When
// Redis is configured but down, or a read fails, the database answers under the Safe-Mode
// limits and the session is marked degraded. pushed is which items a teacher pushed when
// the read that found them said so (the cached schedule's), unknown otherwise.
func (s *Service) due(ctx context.Context, userID int64, season store.Season, subject string, now time.Time) (items []store.MemoryState, pushed pushMarks, degraded bool, err error) {
	switch {
	case !s.schedule.cached(season):
		items, err = s.dueFromDatabase(ctx, userID, season, subject, now)
		return items, pushMarks{}, false, err
	case subject != "" && s.schedule.SafeMode():
		items, degraded, err = s.safeMode(ctx, userID, season, subject, now)
		return items, pushMarks{}, degraded, err
	case subject != "":
		items, err = s.dueFromDatabase(ctx, userID, season, subject, now)
		return items, pushMarks{}, false, err
	}
	// While the breaker is open this fails at once, except for the periodic probe that
	// brings Redis back by itself.
	k := cache.ScheduleKey{UserID: userID, SeasonID: season.ID}
	ids, err := s.schedule.queue.Due(ctx, k, now, generalLimit)
	if err != nil {
		if !errors.Is(err, cache.ErrUnavailable) {
			s.logger.Warn("schedule read failed: serving from the database", "user", userID, "err", err)
		}
		items, degraded, err = s.safeMode(ctx, userID, season, subject, now)
		return items, pushMarks{}, degraded, err
	}
	items, pushed, err = s.loadDue(ctx, k, ids, now)
	return items, pushed, false, err
}

func (s *Service) dueFromDatabase(ctx context.Context, userID int64, season store.Season, subject string, now time.Time) ([]store.MemoryState, error) {
	p := store.ReviewDueParams{UserID: userID, SeasonID: season.ID, Now: now, Limit: generalLimit}
	if subject != "" {
		p.SubjectID = &subject
	}
	items, err := s.store.ReviewDue(ctx, p)
	if err != nil {
		return nil, fmt.Errorf("review due: %w", err)
	}
	return items, nil
}

// safeMode serves the database's due items under the Safe-Mode limits: a refused request
// gets a 429 with Retry-After, not an empty answer (weak point 10).
func (s *Service) safeMode(ctx context.Context, userID int64, season store.Season, subject string, now time.Time) ([]store.MemoryState, bool, error) {
	if ok, wait := s.limiter.Allow(ctx, userID, now); !ok {
		secs := int(math.Ceil(wait.Seconds()))
		return nil, false, problem.Limitedf(wait, "Too many requests. Please wait {seconds} seconds before trying again.", "seconds", secs)
	}
	items, err := s.dueFromDatabase(ctx, userID, season, subject, now)
	return items, true, err
}

// loadDue fetches the due ids of the cache by primary key, soonest first, with which of
// them a teacher pushed (one query); the items it returns carry only their question id and
// due time, what cards and the schedule read. The database is the truth: an id
// whose row is missing or retired is dropped from the schedule, and one whose row is not due
// yet (a schedule that missed a write) gets its real due time back.
func (s *Service) loadDue(ctx context.Context, k cache.ScheduleKey, ids []string, now time.Time) ([]store.MemoryState, pushMarks, error) {
	if len(ids) == 0 {
		return nil, pushMarks{known: true}, nil
	}
	rows, err := s.store.ReviewDueRows(ctx, k.UserID, k.SeasonID, ids)
	if err != nil {
		return nil, pushMarks{}, fmt.Errorf("review due: %w", err)
	}
	items := make([]store.MemoryState, 0, len(rows))
	var moved []store.MemoryState
	var dropped []string
	pushed := pushMarks{known: true}
	for _, r := range rows {
		switch {
		case r.Retired:
			dropped = append(dropped, r.QuestionID)
		case r.Due.Unix() > now.Unix():
			moved = append(moved, store.MemoryState{QuestionID: r.QuestionID, Due: r.Due})
		default:
			items = append(items, store.MemoryState{QuestionID: r.QuestionID, Due: r.Due})
			if r.Pushed {
				pushed.add(r.QuestionID)
			}
		}
	}
	if len(rows) < len(ids) {
		for _, id := range ids {
			if !slices.ContainsFunc(rows, func(r store.DueRow) bool { return r.QuestionID == id }) {
				dropped = append(dropped, id)
			}
		}
	}
	s.schedule.Updated(ctx, k.UserID, k.SeasonID, moved)
	s.schedule.retired(ctx, k, dropped)
	slices.SortStableFunc(items, func(a, b store.MemoryState) int { return a.Due.Compare(b.Due) })
	return items, pushed, nil
}
