package litestore

import (
	"context"

	"memora/internal/store"
	"memora/internal/store/litestore/litedb"
)

func (e executor) SRSParamsInsert(ctx context.Context, rows []store.SRSParams) error {
	return wrap("srs params insert", e.inWrite(ctx, func(q *litedb.Queries) error {
		for _, r := range rows {
			if err := q.SRSParamsInsert(ctx, litedb.SRSParamsInsertParams{InstitutionID: r.InstitutionID, SeasonID: r.SeasonID,
				PlayerID: r.PlayerID, Version: int64(r.Version), Weights: store.EncodeWeights(r.Weights),
				ReviewsUsed: int64(r.ReviewsUsed), LogLossBefore: r.LogLossBefore, LogLossAfter: r.LogLossAfter,
				Source: r.Source, CreatedAt: micros(r.CreatedAt)}); err != nil {
				return err
			}
		}
		return nil
	}))
}

func (e executor) SRSParamsLatestVersion(ctx context.Context, institutionID, seasonID string) (int, error) {
	v, err := e.r.SRSParamsLatestVersion(ctx, litedb.SRSParamsLatestVersionParams{InstitutionID: institutionID, SeasonID: seasonID})
	return int(v), wrap("srs params latest version", err)
}

func (e executor) SRSParamsList(ctx context.Context, institutionID, seasonID string, limit int) ([]store.SRSParams, error) {
	rows, err := e.r.SRSParamsList(ctx, litedb.SRSParamsListParams{InstitutionID: institutionID, SeasonID: seasonID, Lim: int64(limit)})
	if err != nil {
		return nil, wrap("srs params list", err)
	}
	out := make([]store.SRSParams, len(rows))
	for i, r := range rows {
		out[i] = store.SRSParams{ID: r.ID, InstitutionID: r.InstitutionID, SeasonID: r.SeasonID, Version: int(r.Version),
			Weights: store.DecodeWeights(r.Weights), ReviewsUsed: int(r.ReviewsUsed), LogLossBefore: r.LogLossBefore,
			LogLossAfter: r.LogLossAfter, Source: r.Source, CreatedAt: fromMicros(r.CreatedAt), Students: int(r.Students)}
	}
	return out, nil
}

func (e executor) SRSParamsCurrent(ctx context.Context, institutionID, seasonID string) (store.SRSWeightSet, error) {
	rows, err := e.r.SRSParamsCurrent(ctx, litedb.SRSParamsCurrentParams{InstitutionID: institutionID, SeasonID: seasonID})
	if err != nil {
		return store.SRSWeightSet{}, wrap("srs params current", err)
	}
	var set store.SRSWeightSet
	for _, r := range rows {
		set.Version = int(r.Version)
		set.Add(r.PlayerID, store.DecodeWeights(r.Weights))
	}
	return set, nil
}

func (e executor) SRSParamStateGet(ctx context.Context, institutionID, seasonID string) (store.SRSParamState, error) {
	r, err := e.r.SRSParamStateGet(ctx, litedb.SRSParamStateGetParams{InstitutionID: institutionID, SeasonID: seasonID})
	if err != nil {
		return store.SRSParamState{}, wrap("srs param state get", err)
	}
	s := store.SRSParamState{InstitutionID: r.InstitutionID, SeasonID: r.SeasonID, Mode: r.Mode, UpdatedBy: r.UpdatedBy,
		UpdatedAt: fromMicros(r.UpdatedAt)}
	if r.PinnedVersion != nil {
		v := int(*r.PinnedVersion)
		s.PinnedVersion = &v
	}
	return s, nil
}

func (e executor) SRSParamStateSet(ctx context.Context, s store.SRSParamState) error {
	var pinned *int64
	if s.PinnedVersion != nil {
		v := int64(*s.PinnedVersion)
		pinned = &v
	}
	return wrap("srs param state set", e.w.SRSParamStateSet(ctx, litedb.SRSParamStateSetParams{InstitutionID: s.InstitutionID,
		SeasonID: s.SeasonID, Mode: s.Mode, PinnedVersion: pinned, UpdatedBy: s.UpdatedBy, UpdatedAt: micros(s.UpdatedAt)}))
}

func (e executor) ReviewLogFitStats(ctx context.Context, institutionID, seasonID string) (int64, int64, error) {
	r, err := e.r.ReviewLogFitStats(ctx, litedb.ReviewLogFitStatsParams{InstitutionID: institutionID, SeasonID: seasonID})
	return r.Reviews, r.Students, wrap("review log fit stats", err)
}

func (e executor) ReviewLogFitPage(ctx context.Context, p store.ReviewLogFitPageParams) ([]store.ReviewLogFitRow, error) {
	rows, err := e.r.ReviewLogFitPage(ctx, litedb.ReviewLogFitPageParams{SeasonID: p.SeasonID, InstitutionID: p.InstitutionID,
		AfterUserID: p.AfterUserID, AfterID: p.AfterID, Lim: int64(p.Limit)})
	if err != nil {
		return nil, wrap("review log fit page", err)
	}
	out := make([]store.ReviewLogFitRow, len(rows))
	for i, r := range rows {
		out[i] = store.ReviewLogFitRow{ID: r.ID, UserID: r.UserID, QuestionID: r.QuestionID, Rating: int(r.Rating),
			ReviewedAt: fromMicros(r.ReviewedAt)}
	}
	return out, nil
}

func (e executor) SRSParamsPrunePlayers(ctx context.Context, institutionID, seasonID string, belowVersion int) (int64, error) {
	n, err := e.w.SRSParamsPrunePlayers(ctx, litedb.SRSParamsPrunePlayersParams{InstitutionID: institutionID, SeasonID: seasonID,
		BelowVersion: int64(belowVersion)})
	return n, wrap("srs params prune players", err)
}

func (e executor) SRSParamsInUse(ctx context.Context, institutionID, seasonID string) (int, error) {
	v, err := e.r.SRSParamsInUse(ctx, litedb.SRSParamsInUseParams{InstitutionID: institutionID, SeasonID: seasonID})
	return int(v), wrap("srs params in use", err)
}
