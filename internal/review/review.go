// Package review serves spaced-repetition review sessions (original §2.5, product §3.4):
// the due items of a player's season from the cached schedule (Redis) or the database, quiz
// cards built from the stages, focus mode on one topic, Safe Mode while Redis is down, and
// the submission, graded on the server and applied in one transaction before it is
// acknowledged.
package review

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"memora/internal/cache"
	"memora/internal/clock"
	"memora/internal/identity"
	"memora/internal/jsonenc"
	"memora/internal/record"
	"memora/internal/store"
)

// Service serves review sessions.
type Service struct {
	store    store.Store
	clock    clock.Clock
	schedule *Schedule                    // the cached schedule (no-op without Redis)
	limiter  *cache.SharedSafeModeLimiter // Safe-Mode limits of the whole fleet
	recorder *record.Recorder             // records submissions and runs what follows them
	logger   *slog.Logger

	stages stageCache
}

// NewService returns the review service. schedule is the cached schedule (NewSchedule),
// limiter the Safe-Mode limits, rec records submissions; logger may be nil.
func NewService(st store.Store, clk clock.Clock, schedule *Schedule, limiter *cache.SharedSafeModeLimiter,
	rec *record.Recorder, logger *slog.Logger) *Service {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &Service{store: st, clock: clk, schedule: schedule, limiter: limiter, recorder: rec, logger: logger,
		stages: newStageCache()}
}

// generalLimit is the size of a general review (the original's 15).
const generalLimit = 15

// SessionRequest is get_review_session's parameters.
type SessionRequest struct {
	Subject string
	TopicID string
}

// Session is get_review_session's answer.
type Session struct {
	Questions  []Card `json:"questions"`
	IsDegraded bool   `json:"is_degraded"`
	Season     string `json:"season"`
}

// AppendJSON appends the session as encoding/json encodes it (httpx.JSONAppender): the
// answer of get_review_session, the hottest read, without reflection.
func (s Session) AppendJSON(b []byte) []byte {
	if s.Questions == nil {
		b = append(b, `{"questions":null`...)
	} else {
		b = append(b, `{"questions":[`...)
		for i, c := range s.Questions {
			if i > 0 {
				b = append(b, ',')
			}
			b = c.appendJSON(b)
		}
		b = append(b, ']')
	}
	b = append(b, `,"is_degraded":`...)
	b = jsonenc.Bool(b, s.IsDegraded)
	b = append(b, `,"season":`...)
	b = jsonenc.String(b, s.Season)
	return append(b, '}')
}

// Session returns the caller's review session: focus mode on a topic when TopicID is set,
// otherwise the soonest-due items (of one subject when Subject is set). The season is the
// caller's profile season; without one there is nothing to review.
func (s *Service) Session(ctx context.Context, who identity.Principal, req SessionRequest) (Session, error) {
	season, ok, err := s.season(ctx, who.UserID)
	if err != nil || !ok {
		return Session{Questions: []Card{}}, err
	}
	now := s.clock.Now()
	if req.TopicID != "" {
		return s.focus(ctx, who, season, req.TopicID, now)
	}
	items, pushed, degraded, err := s.due(ctx, who.UserID, season, req.Subject, now)
	if err != nil {
		return Session{}, err
	}
	cards, err := s.cards(ctx, season, who.UserID, items, pushed, generalLimit)
	if err != nil {
		return Session{}, err
	}
	return Session{Questions: cards, IsDegraded: degraded, Season: season.ID}, nil
}

// Limiter is the Safe-Mode limiter the service applies.
func (s *Service) Limiter() *cache.SharedSafeModeLimiter { return s.limiter }

// SafeMode reports whether reviews are being served in Safe Mode (get_cache_status).
func (s *Service) SafeMode() bool { return s.schedule.SafeMode() }

// season is the caller's profile season; ok is false without a profile or season.
func (s *Service) season(ctx context.Context, userID int64) (store.Season, bool, error) {
	p, err := s.store.ProfileGet(ctx, userID)
	if errors.Is(err, store.ErrNotFound) || (err == nil && (p.SeasonID == nil || *p.SeasonID == "")) {
		return store.Season{}, false, nil
	}
	if err != nil {
		return store.Season{}, false, fmt.Errorf("review season: %w", err)
	}
	season, err := s.store.SeasonGet(ctx, *p.SeasonID)
	if err != nil {
		return store.Season{}, false, fmt.Errorf("review season: %w", err)
	}
	return season, true, nil
}

// dayStart is the instant the caller's local day began (the institution's time zone).
func dayStart(now time.Time, loc *time.Location) time.Time {
	if loc == nil {
		loc = time.UTC
	}
	y, m, d := now.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, loc).UTC()
}
