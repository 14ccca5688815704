// Package scheduling applies graded answers to memory state with the season's scheduler
// (FSRS-6 or the original's classic rules): the one seam both lesson play and review
// sessions go through. It writes memory state and the review log in the caller's
// transaction, so an acknowledged answer is never lost.
package scheduling

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"memora/internal/srs"
	"memora/internal/store"
)

// Answer is one graded answer to a question (a stage id, or "<stage id>:<index>").
type Answer struct {
	QuestionID string
	SubjectID  *string
	TopicID    *string
	Correct    bool
	DurationMs int
	Attempts   int
}

// Batch is the answers of one session by one player.
type Batch struct {
	UserID    int64
	Season    store.Season
	Location  *time.Location // the institution's time zone: what a learner day is
	Source    srs.Source
	SessionID *int64
	Answers   []Answer
	Now       time.Time
	// Current, when set, holds the player's memory rows of the answered questions as read
	// in this transaction (more rows do no harm); Record reads them itself otherwise.
	Current []store.MemoryState
	// Weights, when set, are the FSRS weights fitted for this player (their own set, else
	// their institution's; srsfit): they replace the season's.
	Weights []float64
}

// Settings turns a season's scheduler columns into srs settings.
func Settings(season store.Season) srs.Settings {
	s := srs.DefaultSettings()
	if season.Scheduler == store.SchedulerClassic {
		s.Kind = srs.KindClassic
	}
	if season.DesiredRetention > 0 {
		s.DesiredRetention = season.DesiredRetention
	}
	if season.GradeMapping != "" {
		s.GradeMapping = srs.GradeMapping(season.GradeMapping)
	}
	var weights []float64
	if season.FSRSWeights != "" && json.Unmarshal([]byte(season.FSRSWeights), &weights) == nil {
		s.Weights = weights
	}
	if season.ExamDate != nil {
		s.ExamDate, s.ExamTarget = *season.ExamDate, season.ExamTarget
		if s.ExamTarget == 0 {
			s.ExamTarget = srs.DefaultExamTarget
		}
	}
	return s
}

// FittedWeights are the FSRS weights fitted for a player in their institution's season
// (srsfit): their own set, else the institution's; nil for the season's own weights (none
// in use, or a classic season). Read them through a cached store (readcache) on hot paths.
func FittedWeights(ctx context.Context, st store.Executor, institutionID string, userID int64, season store.Season) ([]float64, error) {
	if season.Scheduler == store.SchedulerClassic {
		return nil, nil
	}
	set, err := st.SRSParamsCurrent(ctx, institutionID, season.ID)
	if err != nil {
		return nil, fmt.Errorf("fitted weights: %w", err)
	}
	return set.For(userID), nil
}

// Record applies every answer of b in order (a question answered twice in one session is
// updated twice) and writes the new states and the review log through tx (one statement
// on PostgreSQL). It returns the final state of each question answered.
func Record(ctx context.Context, tx store.Executor, b Batch) ([]store.MemoryState, error) {
	p, err := Plan(ctx, tx, b)
	if err != nil {
		return nil, err
	}
	return p.States, p.Write(ctx, tx, b.SessionID)
}

// Planned is what a batch of answers will write: each answered question's final state (in
// first-answer order), one log entry per answer, and the states before the batch.
type Planned struct {
	States []store.MemoryState
	Log    []store.ReviewLogEntry
	Before map[string]store.MemoryState // the stored states of the answered questions that had one
}

// Plan computes what Record writes without writing it, so a caller can answer (and store
// its answer) from the new states first.
func Plan(ctx context.Context, tx store.Executor, b Batch) (Planned, error) {
	if len(b.Answers) == 0 {
		return Planned{}, nil
	}
	current, err := load(ctx, tx, b)
	if err != nil {
		return Planned{}, err
	}
	before := make(map[string]store.MemoryState, len(b.Answers))
	settings := Settings(b.Season)
	if len(b.Weights) > 0 {
		settings.Weights = b.Weights
	}
	logs := make([]store.ReviewLogEntry, 0, len(b.Answers))
	order := make([]string, 0, len(b.Answers))
	for _, a := range b.Answers {
		prev, ok := current[a.QuestionID]
		if !ok {
			prev = fresh(b, a)
		}
		if !slices.Contains(order, a.QuestionID) {
			order = append(order, a.QuestionID)
			if ok {
				before[a.QuestionID] = prev
			}
		}
		next := apply(settings, prev, a, b)
		logs = append(logs, logEntry(b, a, prev, next, settings))
		current[a.QuestionID] = next
	}
	states := make([]store.MemoryState, 0, len(order))
	for _, q := range order {
		states = append(states, current[q])
	}
	return Planned{States: states, Log: logs, Before: before}, nil
}

// Write stores the planned states and log entries, the entries under sessionID.
func (p Planned) Write(ctx context.Context, tx store.Executor, sessionID *int64) error {
	if len(p.States) == 0 {
		return nil
	}
	for i := range p.Log {
		p.Log[i].SessionID = sessionID
	}
	if err := tx.MemoryRecord(ctx, p.States, p.Log); err != nil {
		return fmt.Errorf("record answers: %w", err)
	}
	return nil
}

func load(ctx context.Context, tx store.Executor, b Batch) (map[string]store.MemoryState, error) {
	rows := b.Current
	if rows == nil {
		ids := make([]string, 0, len(b.Answers))
		for _, a := range b.Answers {
			ids = append(ids, a.QuestionID)
		}
		var err error
		if rows, err = tx.MemoryGetMany(ctx, b.UserID, b.Season.ID, ids); err != nil {
			return nil, fmt.Errorf("record answers: %w", err)
		}
	}
	current := make(map[string]store.MemoryState, len(b.Answers))
	for _, r := range rows {
		current[r.QuestionID] = r
	}
	return current, nil
}

func fresh(b Batch, a Answer) store.MemoryState {
	return store.MemoryState{UserID: b.UserID, SeasonID: b.Season.ID, QuestionID: a.QuestionID,
		SubjectID: a.SubjectID, TopicID: a.TopicID, Due: b.Now, CreatedAt: b.Now}
}

func apply(settings srs.Settings, prev store.MemoryState, a Answer, b Batch) store.MemoryState {
	item := srs.MemoryItem{Stability: prev.Stability, Difficulty: prev.Difficulty, State: srs.State(prev.State),
		Due: prev.Due, Reps: prev.Reps, Lapses: prev.Lapses, Level: prev.Level}
	if prev.LastReview != nil {
		item.LastReview = *prev.LastReview
	}
	answer := srs.Answer{Correct: a.Correct, DurationMs: a.DurationMs, Attempts: a.Attempts, Source: b.Source,
		Seed: srs.FuzzSeed(fmt.Sprint(b.UserID), a.QuestionID, prev.Reps)}
	n := srs.Next(settings, item, answer, b.Now, b.Location)
	next := prev
	next.Stability, next.Difficulty, next.State = n.Stability, n.Difficulty, int(n.State)
	next.Due, next.Reps, next.Lapses, next.Level = n.Due.UTC(), n.Reps, n.Lapses, n.Level
	last := n.LastReview.UTC()
	next.LastReview = &last
	next.Retired = false
	next.UpdatedAt = b.Now
	if a.SubjectID != nil {
		next.SubjectID = a.SubjectID
	}
	if a.TopicID != nil {
		next.TopicID = a.TopicID
	}
	return next
}

func logEntry(b Batch, a Answer, prev, next store.MemoryState, s srs.Settings) store.ReviewLogEntry {
	elapsed := 0.0
	if prev.LastReview != nil {
		elapsed = b.Now.Sub(*prev.LastReview).Hours() / 24
	}
	return store.ReviewLogEntry{UserID: b.UserID, SeasonID: b.Season.ID, QuestionID: a.QuestionID,
		SessionID: b.SessionID, Source: string(b.Source), Rating: int(rating(s, a)), Correct: a.Correct,
		DurationMs: a.DurationMs, ElapsedDays: elapsed, StateBefore: prev.State, StateAfter: next.State,
		StabilityBefore: prev.Stability, StabilityAfter: next.Stability, DifficultyAfter: next.Difficulty,
		DueAfter: next.Due, ReviewedAt: b.Now}
}

// rating is the grade recorded in the review log: the season's grade mapping, or for
// classic seasons the original's quality (4 fast and right, 3 right, 1 wrong).
func rating(s srs.Settings, a Answer) srs.Rating {
	if s.Kind == srs.KindClassic {
		switch {
		case !a.Correct:
			return srs.Again
		case a.DurationMs < 2000:
			return srs.Easy
		default:
			return srs.Good
		}
	}
	if a.Attempts > 1 {
		return srs.Again
	}
	return s.GradeMapping.Grade(srs.Answer{Correct: a.Correct, DurationMs: a.DurationMs})
}
