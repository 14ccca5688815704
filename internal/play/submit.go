package play

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"

	"memora/internal/catalog"
	"memora/internal/clock"
	"memora/internal/identity"
	"memora/internal/problem"
	"memora/internal/record"
	"memora/internal/scheduling"
	"memora/internal/store"
)

// Submission is a submit_session request.
type Submission struct {
	// SessionID is chosen by the client: a retry with the same one gets the first answer.
	// Without one (the original's clients send none) the key is derived from the lesson
	// and StartTimestamp (see ClientID).
	SessionID      string
	LessonID       string
	StartTimestamp string // session_meta.start_timestamp, as sent
	Interactions   []Interaction
	Raw            json.RawMessage // the request as received, kept as the session's raw_data
}

// Result is submit_session's answer. The first one is stored with the session and returned
// again for a retry. Its fields are in the order PostgreSQL's jsonb keeps keys (shorter
// first), so the retried answer is byte for byte the first one on both engines. Ungraded
// lists the stages answered without an answer: they earned nothing and were not
// scheduled.
type Result struct {
	Total           int      `json:"total"`
	Status          string   `json:"status"`
	Correct         int      `json:"correct"`
	Message         string   `json:"message"`
	Ungraded        []string `json:"ungraded"`
	Completed       bool     `json:"completed"`
	XPEarned        int      `json:"xp_earned"`
	SessionID       string   `json:"session_id"`
	FirstCompletion bool     `json:"first_completion"`
}

// MaxInteractions bounds one submission (a lesson has a handful of stages, each retried a
// few times at most).
const MaxInteractions = 500

// Submit grades a lesson session and records it, its XP and its memory updates in one
// transaction (record.Recorder). A lesson the caller cannot open is refused (403) and
// nothing is written.
func (s *Service) Submit(ctx context.Context, who identity.Principal, sub Submission) (json.RawMessage, error) {
	if err := sub.check(); err != nil {
		return nil, err
	}
	key := record.Key{UserID: who.UserID, ClientID: sub.ClientID(), Kind: store.SessionLesson, LessonID: sub.LessonID}
	rec, err := s.prepare(ctx, who, sub, key.ClientID)
	if err != nil {
		return s.recorder.Record(ctx, who, key, nil, err)
	}
	return s.recorder.Record(ctx, who, key, rec, nil)
}

// ClientID is the session's idempotency key: the client's session_id, or, without one, a
// key derived from the lesson and start_timestamp (the same played session sent twice has
// the same start) — or from the whole request when that is missing too. The player is part
// of every key (keys are per player).
func (sub Submission) ClientID() string {
	if strings.TrimSpace(sub.SessionID) != "" {
		return sub.SessionID
	}
	basis := "start\x00" + strings.TrimSpace(sub.StartTimestamp)
	if strings.TrimSpace(sub.StartTimestamp) == "" {
		basis = "request\x00" + string(sub.Raw)
	}
	sum := sha256.Sum256([]byte(sub.LessonID + "\x00" + basis))
	return "lesson-" + hex.EncodeToString(sum[:16])
}

// prepare checks the caller may play the lesson and grades the answers, before any write.
func (s *Service) prepare(ctx context.Context, who identity.Principal, sub Submission, clientID string) (*lessonSession, error) {
	open, err := s.catalog.OpenLesson(ctx, who, sub.LessonID)
	if err != nil {
		return nil, err
	}
	stages, err := s.store.StagesByLesson(ctx, sub.LessonID)
	if err != nil {
		return nil, fmt.Errorf("submit session: %w", err)
	}
	graded, ungraded, err := Grade(stages, sub.Interactions)
	if err != nil {
		return nil, err
	}
	season, err := s.season(ctx, open.Profile)
	if err != nil {
		return nil, err
	}
	// The player's fitted FSRS weights, through the store's short-lived cache.
	weights, err := scheduling.FittedWeights(ctx, s.store, who.InstitutionID, who.UserID, season)
	if err != nil {
		return nil, err
	}
	rec := &lessonSession{who: who, sub: sub, clientID: clientID, open: open, season: season, graded: graded,
		ungraded: ungraded, score: ScoreSession(stages, graded), now: s.clock.Now(), weights: weights}
	rec.day = clock.Day(rec.now, rec.who.Zone())
	return rec, nil
}

func (sub Submission) check() error {
	switch {
	case strings.TrimSpace(sub.LessonID) == "":
		return problem.InvalidMsg("Missing lesson_id")
	case sub.SessionID != "" && !catalog.ValidID(sub.SessionID):
		return problem.InvalidMsg("Invalid session_id")
	case len(sub.Interactions) > MaxInteractions:
		return problem.Invalidf("Too many interactions (at most {max})", "max", MaxInteractions)
	}
	return nil
}

func (s *Service) season(ctx context.Context, p store.PlayerProfile) (store.Season, error) {
	if p.SeasonID == nil {
		return store.Season{}, problem.ForbiddenMsg("Choose your season first.")
	}
	season, err := s.store.SeasonGet(ctx, *p.SeasonID)
	if err != nil {
		return store.Season{}, fmt.Errorf("submit session: %w", err)
	}
	return season, nil
}
