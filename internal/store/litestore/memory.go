package litestore

import (
	"context"
	"encoding/json"
	"fmt"

	"memora/internal/store"
	"memora/internal/store/litestore/litedb"
)

// MemoryUpsert writes every item in one write transaction. A nil SubjectID or TopicID
// keeps the stored one.
func (e executor) MemoryUpsert(ctx context.Context, items []store.MemoryState) error {
	if len(items) == 0 {
		return nil
	}
	return e.inWrite(ctx, func(q *litedb.Queries) error { return upsertMemory(ctx, q, items) })
}

func upsertMemory(ctx context.Context, q *litedb.Queries, items []store.MemoryState) error {
	for _, m := range items {
		err := q.MemoryUpsert(ctx, litedb.MemoryUpsertParams{
			UserID: m.UserID, SeasonID: m.SeasonID, QuestionID: m.QuestionID, SubjectID: m.SubjectID,
			TopicID: m.TopicID, Stability: m.Stability, Difficulty: m.Difficulty, State: int64(m.State),
			Step: int64(m.Step), Level: int64(m.Level), Due: micros(m.Due), LastReview: microsPtr(m.LastReview),
			Reps: int64(m.Reps), Lapses: int64(m.Lapses), Retired: m.Retired, CreatedAt: micros(m.CreatedAt),
			UpdatedAt: micros(m.UpdatedAt),
		})
		if err != nil {
			return wrap("memory upsert", err)
		}
	}
	return nil
}

func (e executor) MemoryGet(ctx context.Context, userID int64, seasonID, questionID string) (store.MemoryState, error) {
	r, err := e.r.MemoryGet(ctx, litedb.MemoryGetParams{UserID: userID, SeasonID: seasonID, QuestionID: questionID})
	if err != nil {
		return store.MemoryState{}, wrap("memory get", err)
	}
	return memoryState(r), nil
}

func (e executor) MemoryGetMany(ctx context.Context, userID int64, seasonID string, questionIDs []string) ([]store.MemoryState, error) {
	ids, err := json.Marshal(questionIDs)
	if err != nil {
		return nil, fmt.Errorf("memory get many: %w", err)
	}
	rows, err := e.r.MemoryGetMany(ctx, litedb.MemoryGetManyParams{UserID: userID, SeasonID: seasonID, QuestionIds: string(ids)})
	if err != nil {
		return nil, wrap("memory get many", err)
	}
	out := make([]store.MemoryState, len(rows))
	for i, r := range rows {
		out[i] = memoryState(r)
	}
	return out, nil
}

func memoryState(r litedb.MemoryState) store.MemoryState {
	return store.MemoryState{
		UserID: r.UserID, SeasonID: r.SeasonID, QuestionID: r.QuestionID, SubjectID: r.SubjectID, TopicID: r.TopicID,
		Stability: r.Stability, Difficulty: r.Difficulty, State: int(r.State), Step: int(r.Step), Level: int(r.Level),
		Due: fromMicros(r.Due), LastReview: fromMicrosPtr(r.LastReview), Reps: int(r.Reps), Lapses: int(r.Lapses),
		Retired: r.Retired, CreatedAt: fromMicros(r.CreatedAt), UpdatedAt: fromMicros(r.UpdatedAt),
	}
}

// ReviewLogInsert appends every entry in one write transaction.
func (e executor) ReviewLogInsert(ctx context.Context, entries []store.ReviewLogEntry) error {
	if len(entries) == 0 {
		return nil
	}
	return e.inWrite(ctx, func(q *litedb.Queries) error { return insertLog(ctx, q, entries) })
}

func insertLog(ctx context.Context, q *litedb.Queries, entries []store.ReviewLogEntry) error {
	for _, r := range entries {
		err := q.ReviewLogInsert(ctx, litedb.ReviewLogInsertParams{
			UserID: r.UserID, SeasonID: r.SeasonID, QuestionID: r.QuestionID, SessionID: r.SessionID,
			Source: r.Source, Rating: int64(r.Rating), Correct: r.Correct, DurationMs: int64(r.DurationMs),
			ElapsedDays: r.ElapsedDays, StateBefore: int64(r.StateBefore), StateAfter: int64(r.StateAfter),
			StabilityBefore: r.StabilityBefore, StabilityAfter: r.StabilityAfter,
			DifficultyAfter: r.DifficultyAfter, DueAfter: micros(r.DueAfter), ReviewedAt: micros(r.ReviewedAt),
		})
		if err != nil {
			return wrap("review log insert", err)
		}
	}
	return nil
}

// MemoryRecord writes the states and the log entries in one write transaction.
func (e executor) MemoryRecord(ctx context.Context, items []store.MemoryState, entries []store.ReviewLogEntry) error {
	return e.inWrite(ctx, func(q *litedb.Queries) error {
		if err := upsertMemory(ctx, q, items); err != nil {
			return err
		}
		return insertLog(ctx, q, entries)
	})
}
