package litestore

import (
	"context"
	"time"

	"memora/internal/store"
	"memora/internal/store/litestore/litedb"
)

func (e executor) MemorySeasonCount(ctx context.Context, seasonID string) (int64, error) {
	n, err := e.r.MemorySeasonCount(ctx, seasonID)
	return n, wrap("memory season count", err)
}

func (e executor) MemorySeasonPage(ctx context.Context, p store.MemoryPageParams) ([]store.MemoryDue, error) {
	rows, err := e.r.MemorySeasonPage(ctx, litedb.MemorySeasonPageParams{
		SeasonID: p.SeasonID, AfterUserID: p.AfterUserID, AfterQuestionID: p.AfterQuestionID, Lim: int64(p.Limit),
	})
	if err != nil {
		return nil, wrap("memory season page", err)
	}
	out := make([]store.MemoryDue, len(rows))
	for i, r := range rows {
		out[i] = store.MemoryDue{UserID: r.UserID, SeasonID: r.SeasonID, QuestionID: r.QuestionID, Due: fromMicros(r.Due)}
	}
	return out, nil
}

func (e executor) MemoryCountUpTo(ctx context.Context, seasonIDs []string, updatedBefore time.Time, limit int) (int64, error) {
	ids, err := seasonIDsJSON(seasonIDs)
	if err != nil {
		return 0, err
	}
	n, err := e.r.MemoryCountUpTo(ctx, litedb.MemoryCountUpToParams{
		SeasonIds: ids, UpdatedBefore: micros(updatedBefore), Lim: int64(limit),
	})
	return n, wrap("memory count", err)
}

func (e executor) MemoryUserRange(ctx context.Context, seasonIDs []string) (int64, int64, error) {
	ids, err := seasonIDsJSON(seasonIDs)
	if err != nil {
		return 0, 0, err
	}
	r, err := e.r.MemoryUserRange(ctx, ids)
	return r.Lo, r.Hi, wrap("memory user range", err)
}

func (e executor) MemorySample(ctx context.Context, p store.MemorySampleParams) ([]store.MemoryDue, error) {
	ids, err := seasonIDsJSON(p.SeasonIDs)
	if err != nil {
		return nil, err
	}
	rows, err := e.r.MemorySample(ctx, litedb.MemorySampleParams{
		SeasonIds: ids, FromUserID: p.FromUserID, UntilUserID: p.UntilUserID,
		UpdatedBefore: micros(p.UpdatedBefore), Lim: int64(p.Limit),
	})
	if err != nil {
		return nil, wrap("memory sample", err)
	}
	out := make([]store.MemoryDue, len(rows))
	for i, r := range rows {
		out[i] = store.MemoryDue{UserID: r.UserID, SeasonID: r.SeasonID, QuestionID: r.QuestionID, Due: fromMicros(r.Due)}
	}
	return out, nil
}
