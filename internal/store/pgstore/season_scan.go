package pgstore

import (
	"context"
	"time"

	"memora/internal/store"
	"memora/internal/store/pgstore/pgdb"
)

func (e executor) MemorySeasonCount(ctx context.Context, seasonID string) (int64, error) {
	n, err := e.q.MemorySeasonCount(ctx, seasonID)
	return n, wrap("memory season count", err)
}

func (e executor) MemorySeasonPage(ctx context.Context, p store.MemoryPageParams) ([]store.MemoryDue, error) {
	rows, err := e.q.MemorySeasonPage(ctx, pgdb.MemorySeasonPageParams{
		SeasonID: p.SeasonID, AfterUserID: p.AfterUserID, AfterQuestionID: p.AfterQuestionID, Lim: int32(p.Limit),
	})
	if err != nil {
		return nil, wrap("memory season page", err)
	}
	out := make([]store.MemoryDue, len(rows))
	for i, r := range rows {
		out[i] = store.MemoryDue{UserID: r.UserID, SeasonID: r.SeasonID, QuestionID: r.QuestionID, Due: r.Due}
	}
	return out, nil
}

func (e executor) MemoryCountUpTo(ctx context.Context, seasonIDs []string, updatedBefore time.Time, limit int) (int64, error) {
	n, err := e.q.MemoryCountUpTo(ctx, pgdb.MemoryCountUpToParams{
		SeasonIds: nonNil(seasonIDs), UpdatedBefore: updatedBefore, Lim: int32(limit),
	})
	return n, wrap("memory count", err)
}

func (e executor) MemoryUserRange(ctx context.Context, seasonIDs []string) (int64, int64, error) {
	r, err := e.q.MemoryUserRange(ctx, nonNil(seasonIDs))
	return r.Lo, r.Hi, wrap("memory user range", err)
}

func (e executor) MemorySample(ctx context.Context, p store.MemorySampleParams) ([]store.MemoryDue, error) {
	rows, err := e.q.MemorySample(ctx, pgdb.MemorySampleParams{
		SeasonIds: nonNil(p.SeasonIDs), FromUserID: p.FromUserID, UntilUserID: p.UntilUserID,
		UpdatedBefore: p.UpdatedBefore, Lim: int32(p.Limit),
	})
	if err != nil {
		return nil, wrap("memory sample", err)
	}
	out := make([]store.MemoryDue, len(rows))
	for i, r := range rows {
		out[i] = store.MemoryDue{UserID: r.UserID, SeasonID: r.SeasonID, QuestionID: r.QuestionID, Due: r.Due}
	}
	return out, nil
}

// nonNil sends an empty array rather than NULL, so "= ANY" matches nothing.
func nonNil(ids []string) []string {
	if ids == nil {
		return []string{}
	}
	return ids
}
