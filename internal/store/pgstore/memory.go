package pgstore

import (
	"context"
	"time"

	"memora/internal/store"
	"memora/internal/store/pgstore/pgdb"
)

// MemoryUpsert writes every item in one statement (one round trip): the columns travel as
// arrays. A nil SubjectID or TopicID keeps the stored one. When a key repeats, the last
// item wins, as it would writing the items one by one.
func (e executor) MemoryUpsert(ctx context.Context, items []store.MemoryState) error {
	if len(items) == 0 {
		return nil
	}
	return wrap("memory upsert", e.q.MemoryUpsert(ctx, upsertParams(items)))
}

// upsertParams are the items' columns as arrays, each key once (lastPerKey).
func upsertParams(items []store.MemoryState) pgdb.MemoryUpsertParams {
	items = lastPerKey(items)
	n := len(items)
	p := pgdb.MemoryUpsertParams{
		UserIds: make([]int64, n), SeasonIds: make([]string, n), QuestionIds: make([]string, n),
		SubjectIds: make([]string, n), TopicIds: make([]string, n), Stabilities: make([]float64, n),
		Difficulties: make([]float64, n), States: make([]int16, n), Steps: make([]int16, n), Levels: make([]int16, n),
		Dues: make([]time.Time, n), HasLastReviews: make([]bool, n), LastReviews: make([]time.Time, n),
		Reps: make([]int32, n), Lapses: make([]int32, n), Retireds: make([]bool, n), CreatedAts: make([]time.Time, n),
		UpdatedAts: make([]time.Time, n),
	}
	for i, m := range items {
		p.UserIds[i], p.SeasonIds[i], p.QuestionIds[i] = m.UserID, m.SeasonID, m.QuestionID
		if m.SubjectID != nil {
			p.SubjectIds[i] = *m.SubjectID
		}
		if m.TopicID != nil {
			p.TopicIds[i] = *m.TopicID
		}
		p.Stabilities[i], p.Difficulties[i] = m.Stability, m.Difficulty
		p.States[i], p.Steps[i], p.Levels[i] = int16(m.State), int16(m.Step), int16(m.Level)
		p.Dues[i] = m.Due
		if m.LastReview != nil {
			p.HasLastReviews[i], p.LastReviews[i] = true, *m.LastReview
		} else {
			p.LastReviews[i] = m.Due // any valid time; ignored
		}
		p.Reps[i], p.Lapses[i], p.Retireds[i] = int32(m.Reps), int32(m.Lapses), m.Retired
		p.CreatedAts[i], p.UpdatedAts[i] = m.CreatedAt, m.UpdatedAt
	}
	return p
}

// lastPerKey drops every item whose key appears again later, keeping the order otherwise
// (one statement cannot update a row twice). It returns items itself when keys are unique.
func lastPerKey(items []store.MemoryState) []store.MemoryState {
	type key struct {
		user             int64
		season, question string
	}
	last := make(map[key]int, len(items))
	for i, m := range items {
		last[key{m.UserID, m.SeasonID, m.QuestionID}] = i
	}
	if len(last) == len(items) {
		return items
	}
	out := make([]store.MemoryState, 0, len(last))
	for i, m := range items {
		if last[key{m.UserID, m.SeasonID, m.QuestionID}] == i {
			out = append(out, m)
		}
	}
	return out
}

func (e executor) MemoryGet(ctx context.Context, userID int64, seasonID, questionID string) (store.MemoryState, error) {
	r, err := e.q.MemoryGet(ctx, pgdb.MemoryGetParams{UserID: userID, SeasonID: seasonID, QuestionID: questionID})
	if err != nil {
		return store.MemoryState{}, wrap("memory get", err)
	}
	return memoryState(r), nil
}

func (e executor) MemoryGetMany(ctx context.Context, userID int64, seasonID string, questionIDs []string) ([]store.MemoryState, error) {
	rows, err := e.q.MemoryGetMany(ctx, pgdb.MemoryGetManyParams{UserID: userID, SeasonID: seasonID, QuestionIds: questionIDs})
	if err != nil {
		return nil, wrap("memory get many", err)
	}
	out := make([]store.MemoryState, len(rows))
	for i, r := range rows {
		out[i] = memoryState(r)
	}
	return out, nil
}

func memoryState(r pgdb.MemoryState) store.MemoryState {
	return store.MemoryState{
		UserID: r.UserID, SeasonID: r.SeasonID, QuestionID: r.QuestionID, SubjectID: r.SubjectID, TopicID: r.TopicID,
		Stability: r.Stability, Difficulty: r.Difficulty, State: int(r.State), Step: int(r.Step), Level: int(r.Level),
		Due: r.Due, LastReview: r.LastReview, Reps: int(r.Reps), Lapses: int(r.Lapses),
		Retired: r.Retired, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt,
	}
}

// ReviewLogInsert appends every entry in one statement (one round trip).
func (e executor) ReviewLogInsert(ctx context.Context, entries []store.ReviewLogEntry) error {
	if len(entries) == 0 {
		return nil
	}
	return wrap("review log insert", e.q.ReviewLogInsert(ctx, logParams(entries)))
}

// logParams are the entries' columns as arrays.
func logParams(entries []store.ReviewLogEntry) pgdb.ReviewLogInsertParams {
	n := len(entries)
	p := pgdb.ReviewLogInsertParams{
		UserIds: make([]int64, n), SeasonIds: make([]string, n), QuestionIds: make([]string, n),
		HasSessionIds: make([]bool, n), SessionIds: make([]int64, n), Sources: make([]string, n),
		Ratings: make([]int16, n), Corrects: make([]bool, n), DurationMs: make([]int32, n),
		ElapsedDays: make([]float64, n), StatesBefore: make([]int16, n), StatesAfter: make([]int16, n),
		StabilitiesBefore: make([]float64, n), StabilitiesAfter: make([]float64, n),
		DifficultiesAfter: make([]float64, n), DuesAfter: make([]time.Time, n), ReviewedAts: make([]time.Time, n),
	}
	for i, r := range entries {
		p.UserIds[i], p.SeasonIds[i], p.QuestionIds[i] = r.UserID, r.SeasonID, r.QuestionID
		if r.SessionID != nil {
			p.HasSessionIds[i], p.SessionIds[i] = true, *r.SessionID
		}
		p.Sources[i], p.Ratings[i], p.Corrects[i] = r.Source, int16(r.Rating), r.Correct
		p.DurationMs[i], p.ElapsedDays[i] = int32(r.DurationMs), r.ElapsedDays
		p.StatesBefore[i], p.StatesAfter[i] = int16(r.StateBefore), int16(r.StateAfter)
		p.StabilitiesBefore[i], p.StabilitiesAfter[i] = r.StabilityBefore, r.StabilityAfter
		p.DifficultiesAfter[i], p.DuesAfter[i], p.ReviewedAts[i] = r.DifficultyAfter, r.DueAfter, r.ReviewedAt
	}
	return p
}

// MemoryRecord writes the states and the log entries in one statement (one round trip).
func (e executor) MemoryRecord(ctx context.Context, items []store.MemoryState, entries []store.ReviewLogEntry) error {
	switch {
	case len(items) == 0:
		return e.ReviewLogInsert(ctx, entries)
	case len(entries) == 0:
		return e.MemoryUpsert(ctx, items)
	}
	u, l := upsertParams(items), logParams(entries)
	return wrap("memory record", e.q.MemoryRecord(ctx, pgdb.MemoryRecordParams{
		UserIds: u.UserIds, SeasonIds: u.SeasonIds, QuestionIds: u.QuestionIds, SubjectIds: u.SubjectIds,
		TopicIds: u.TopicIds, Stabilities: u.Stabilities, Difficulties: u.Difficulties, States: u.States, Steps: u.Steps,
		Levels: u.Levels, Dues: u.Dues, HasLastReviews: u.HasLastReviews, LastReviews: u.LastReviews, Reps: u.Reps,
		Lapses: u.Lapses, Retireds: u.Retireds, CreatedAts: u.CreatedAts, UpdatedAts: u.UpdatedAts,
		LogUserIds: l.UserIds, LogSeasonIds: l.SeasonIds, LogQuestionIds: l.QuestionIds, HasSessionIds: l.HasSessionIds,
		SessionIds: l.SessionIds, Sources: l.Sources, Ratings: l.Ratings, Corrects: l.Corrects, DurationMs: l.DurationMs,
		ElapsedDays: l.ElapsedDays, StatesBefore: l.StatesBefore, StatesAfter: l.StatesAfter,
		StabilitiesBefore: l.StabilitiesBefore, StabilitiesAfter: l.StabilitiesAfter, DifficultiesAfter: l.DifficultiesAfter,
		DuesAfter: l.DuesAfter, ReviewedAts: l.ReviewedAts,
	}))
}
