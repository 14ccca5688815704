package litestore

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"memora/internal/store"
	"memora/internal/store/litestore/litedb"
)

func (e executor) ForecastStudents(ctx context.Context, seasonID, institutionID string, limit int) ([]int64, error) {
	ids, err := e.r.ForecastStudents(ctx, litedb.ForecastStudentsParams{SeasonID: seasonID, InstitutionID: institutionID,
		Lim: int64(limit)})
	return ids, wrap("forecast students", err)
}

func (e executor) ForecastMemory(ctx context.Context, seasonID string, userIDs []int64, limit int) ([]store.ForecastItem, error) {
	ids, err := json.Marshal(userIDs)
	if err != nil {
		return nil, fmt.Errorf("forecast memory: %w", err)
	}
	rows, err := e.r.ForecastMemory(ctx, litedb.ForecastMemoryParams{SeasonID: seasonID, UserIds: string(ids), Lim: int64(limit)})
	if err != nil {
		return nil, wrap("forecast memory", err)
	}
	out := make([]store.ForecastItem, len(rows))
	for i, r := range rows {
		out[i] = store.ForecastItem{UserID: r.UserID, Stability: r.Stability, Difficulty: r.Difficulty, State: int(r.State),
			Due: fromMicros(r.Due), LastReview: fromMicros(r.LastReview)}
	}
	return out, nil
}

func (e executor) ForecastDurations(ctx context.Context, seasonID string, userIDs []int64, limit int) ([]store.ForecastDuration, error) {
	ids, err := json.Marshal(userIDs)
	if err != nil {
		return nil, fmt.Errorf("forecast durations: %w", err)
	}
	rows, err := e.r.ForecastDurations(ctx, litedb.ForecastDurationsParams{SeasonID: seasonID, UserIds: string(ids), Lim: int64(limit)})
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
	ids, err := json.Marshal(userIDs)
	if err != nil {
		return nil, fmt.Errorf("forecast pace: %w", err)
	}
	rows, err := e.r.ForecastPace(ctx, litedb.ForecastPaceParams{Since: micros(since), SeasonID: seasonID, UserIds: string(ids)})
	if err != nil {
		return nil, wrap("forecast pace", err)
	}
	out := make([]store.ForecastPace, len(rows))
	for i, r := range rows {
		out[i] = store.ForecastPace{UserID: r.UserID, Items: int(r.Items), Recent: int(r.Recent), FirstCreated: fromMicros(r.FirstCreated)}
	}
	return out, nil
}

func (e executor) ForecastSeasonItems(ctx context.Context, seasonID string, userIDs []int64) (int, error) {
	ids, err := json.Marshal(userIDs)
	if err != nil {
		return 0, fmt.Errorf("forecast season items: %w", err)
	}
	n, err := e.r.ForecastSeasonItems(ctx, litedb.ForecastSeasonItemsParams{SeasonID: seasonID, UserIds: string(ids)})
	return int(n), wrap("forecast season items", err)
}
