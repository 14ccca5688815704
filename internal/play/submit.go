package play

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"memora/internal/catalog"
	"memora/internal/clock"
	"memora/internal/identity"
	"memora/internal/problem"
	"memora/internal/progress"
	"memora/internal/store"
)

// Submission is a submit_session request.
type Submission struct {
	SessionID    string // chosen by the client: a retry with the same one is a no-op
	LessonID     string
	Interactions []Interaction
	Raw          json.RawMessage // the request as received, kept as the session's raw_data
}

// Result is submit_session's answer. The first one is stored with the session and returned
// again for a retry. Its fields are in the order PostgreSQL's jsonb keeps keys (shorter
// first), so the retried answer is byte for byte the first one on both engines.
type Result struct {
	Total           int    `json:"total"`
	Status          string `json:"status"`
	Correct         int    `json:"correct"`
	Message         string `json:"message"`
	Completed       bool   `json:"completed"`
	XPEarned        int    `json:"xp_earned"`
	SessionID       string `json:"session_id"`
	FirstCompletion bool   `json:"first_completion"`
}

// MaxInteractions bounds one submission (a lesson has a handful of stages, each retried a
// few times at most).
const MaxInteractions = 500

var errDuplicate = errors.New("duplicate session")

// Submit grades a lesson session and records it, its XP and its memory updates in one
// transaction. A lesson the caller cannot open is refused (403) and nothing is written.
func (s *Service) Submit(ctx context.Context, who identity.Principal, sub Submission) (json.RawMessage, error) {
	if err := sub.check(); err != nil {
		return nil, err
	}
	rec, err := s.prepare(ctx, who, sub)
	if err != nil {
		// A retry of a session recorded before the lesson changed or was locked still gets
		// its first answer. (Retries are otherwise recognized inside the transaction.)
		if prev, ok, perr := s.previous(ctx, who.UserID, sub.SessionID); perr != nil || ok {
			return prev, perr
		}
		return nil, err
	}
	err = s.Store.InTx(ctx, func(tx store.Executor) error { return rec.write(ctx, tx) })
	if errors.Is(err, errDuplicate) {
		prev, _, err := s.previous(ctx, who.UserID, sub.SessionID)
		return prev, err
	}
	if err != nil {
		return nil, fmt.Errorf("submit session: %w", err)
	}
	if rec.credited && s.Observer != nil {
		s.Observer.Credited(ctx, []progress.Credit{rec.credit})
	}
	if s.Schedule != nil {
		s.Schedule.Updated(ctx, who.UserID, rec.season.ID, rec.states)
	}
	return rec.response, nil
}

// prepare checks the caller may play the lesson and grades the answers, before any write.
func (s *Service) prepare(ctx context.Context, who identity.Principal, sub Submission) (*record, error) {
	open, err := s.Catalog.OpenLesson(ctx, who, sub.LessonID)
	if err != nil {
		return nil, err
	}
	stages, err := s.Store.StagesByLesson(ctx, sub.LessonID)
	if err != nil {
		return nil, fmt.Errorf("submit session: %w", err)
	}
	graded, err := Grade(stages, sub.Interactions)
	if err != nil {
		return nil, err
	}
	season, err := s.season(ctx, open.Profile)
	if err != nil {
		return nil, err
	}
	rec := &record{who: who, sub: sub, open: open, season: season, graded: graded, score: ScoreSession(stages, graded),
		now: s.Clock.Now()}
	rec.day = clock.Day(rec.now, rec.location())
	return rec, nil
}

func (sub Submission) check() error {
	switch {
	case strings.TrimSpace(sub.LessonID) == "":
		return problem.InvalidMsg("Missing lesson_id").WithArabic("معرّف الدرس مفقود")
	case strings.TrimSpace(sub.SessionID) == "":
		return problem.InvalidMsg("Missing session_id").WithArabic("معرّف الجلسة مفقود")
	case !catalog.ValidID(sub.SessionID):
		return problem.InvalidMsg("Invalid session_id")
	case len(sub.Interactions) > MaxInteractions:
		return problem.InvalidMsg(fmt.Sprintf("Too many interactions (at most %d)", MaxInteractions))
	}
	return nil
}

// previous returns the stored answer of an already recorded session.
func (s *Service) previous(ctx context.Context, userID int64, sessionID string) (json.RawMessage, bool, error) {
	prev, err := s.Store.SessionGetByClientID(ctx, userID, sessionID)
	if errors.Is(err, store.ErrNotFound) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("submit session: %w", err)
	}
	return prev.Response, true, nil
}

func (s *Service) season(ctx context.Context, p store.PlayerProfile) (store.Season, error) {
	if p.SeasonID == nil {
		return store.Season{}, problem.ForbiddenMsg("Choose your season first.")
	}
	season, err := s.Store.SeasonGet(ctx, *p.SeasonID)
	if err != nil {
		return store.Season{}, fmt.Errorf("submit session: %w", err)
	}
	return season, nil
}
