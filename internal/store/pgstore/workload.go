package pgstore

import (
	"context"
	"time"

	"memora/internal/store"
	"memora/internal/store/pgstore/pgdb"
)

func (e executor) ForecastStudents(ctx context.Context, seasonID, institutionID string, limit int) ([]int64, error) {
	ids, err := e.q.ForecastStudents(ctx, pgdb.ForecastStudentsParams{SeasonID: seasonID, InstitutionID: institutionID,
		Lim: int32(limit)})
	return ids, wrap("forecast students", err)
}

func (e executor) ForecastMemory(ctx context.Context, seasonID string, userIDs []int64, limit int) ([]store.ForecastItem, error) {
	rows, err := e.q.ForecastMemory(ctx, pgdb.ForecastMemoryParams{SeasonID: seasonID, UserIds: userIDs, Lim: int32(limit)})
	if err != nil {
		return nil, wrap("forecast memory", err)
	}
	out := make([]store.ForecastItem, len(rows))
	for i, r := range rows {
		out[i] = store.ForecastItem{UserID: r.UserID, Stability: r.Stability, Difficulty: r.Difficulty, State: int(r.State),
			Due: r.Due, LastReview: r.LastReview}
	}
	return out, nil
}

func (e executor) ForecastDurations(ctx context.Context, seasonID string, userIDs []int64, limit int) ([]store.ForecastDuration, error) {
	rows, err := e.q.ForecastDurations(ctx, pgdb.ForecastDurationsParams{SeasonID: seasonID, UserIds: userIDs, Lim: int32(limit)})
	if err != nil {
		return nil, wrap("forecast durations", err)
	}
	out := make([]store.ForecastDuration, len(rows))
	for i, r := range rows {
		out[i] = store.ForecastDuration{Rating: int(r.Rating), DurationMs: int(r.DurationMs)}
	}
	return out, nil
}

func (e executor) ForecastPace(ctx context.Context, seasonID string, userIDs []int64, since time.Time) ([]store.ForecastPace, error) {
	rows, err := e.q.ForecastPace(ctx, pgdb.ForecastPaceParams{Since: since, SeasonID: seasonID, UserIds: userIDs})
	if err != nil {
		return nil, wrap("forecast pace", err)
	}
	out := make([]store.ForecastPace, len(rows))
	for i, r := range rows {
		out[i] = store.ForecastPace{UserID: r.UserID, Items: int(r.Items), Recent: int(r.Recent), FirstCreated: r.FirstCreated}
	}
	return out, nil
}

func (e executor) ForecastSeasonItems(ctx context.Context, seasonID string, userIDs []int64) (int, error) {
	n, err := e.q.ForecastSeasonItems(ctx, pgdb.ForecastSeasonItemsParams{SeasonID: seasonID, UserIds: userIDs})
	return int(n), wrap("forecast season items", err)
}
