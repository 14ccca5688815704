package pgstore

import (
	"context"

	"memora/internal/store"
	"memora/internal/store/pgstore/pgdb"
)

func (e executor) SRSParamsInsert(ctx context.Context, rows []store.SRSParams) error {
	return wrap("srs params insert", e.inWrite(ctx, func(q *pgdb.Queries) error {
		for _, r := range rows {
			if err := q.SRSParamsInsert(ctx, pgdb.SRSParamsInsertParams{InstitutionID: r.InstitutionID, SeasonID: r.SeasonID,
				PlayerID: r.PlayerID, Version: int32(r.Version), Weights: store.EncodeWeights(r.Weights),
				ReviewsUsed: int32(r.ReviewsUsed), LogLossBefore: r.LogLossBefore, LogLossAfter: r.LogLossAfter,
				Source: r.Source, CreatedAt: r.CreatedAt}); err != nil {
				return err
			}
		}
		return nil
	}))
}

func (e executor) SRSParamsLatestVersion(ctx context.Context, institutionID, seasonID string) (int, error) {
	v, err := e.q.SRSParamsLatestVersion(ctx, pgdb.SRSParamsLatestVersionParams{InstitutionID: institutionID, SeasonID: seasonID})
	return int(v), wrap("srs params latest version", err)
}

func (e executor) SRSParamsList(ctx context.Context, institutionID, seasonID string, limit int) ([]store.SRSParams, error) {
	rows, err := e.q.SRSParamsList(ctx, pgdb.SRSParamsListParams{InstitutionID: institutionID, SeasonID: seasonID, Lim: int32(limit)})
	if err != nil {
		return nil, wrap("srs params list", err)
	}
	out := make([]store.SRSParams, len(rows))
	for i, r := range rows {
		out[i] = store.SRSParams{ID: r.ID, InstitutionID: r.InstitutionID, SeasonID: r.SeasonID, Version: int(r.Version),
			Weights: store.DecodeWeights(r.Weights), ReviewsUsed: int(r.ReviewsUsed), LogLossBefore: r.LogLossBefore,
			LogLossAfter: r.LogLossAfter, Source: r.Source, CreatedAt: r.CreatedAt, Students: int(r.Students)}
	}
	return out, nil
}

func (e executor) SRSParamsCurrent(ctx context.Context, institutionID, seasonID string) (store.SRSWeightSet, error) {
	rows, err := e.q.SRSParamsCurrent(ctx, pgdb.SRSParamsCurrentParams{InstitutionID: institutionID, SeasonID: seasonID})
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
	r, err := e.q.SRSParamStateGet(ctx, pgdb.SRSParamStateGetParams{InstitutionID: institutionID, SeasonID: seasonID})
	if err != nil {
		return store.SRSParamState{}, wrap("srs param state get", err)
	}
	s := store.SRSParamState{InstitutionID: r.InstitutionID, SeasonID: r.SeasonID, Mode: r.Mode, UpdatedBy: r.UpdatedBy,
		UpdatedAt: r.UpdatedAt}
	if r.PinnedVersion != nil {
		v := int(*r.PinnedVersion)
		s.PinnedVersion = &v
	}
	return s, nil
}

func (e executor) SRSParamStateSet(ctx context.Context, s store.SRSParamState) error {
	var pinned *int32
	if s.PinnedVersion != nil {
		v := int32(*s.PinnedVersion)
		pinned = &v
	}
	return wrap("srs param state set", e.q.SRSParamStateSet(ctx, pgdb.SRSParamStateSetParams{InstitutionID: s.InstitutionID,
		SeasonID: s.SeasonID, Mode: s.Mode, PinnedVersion: pinned, UpdatedBy: s.UpdatedBy, UpdatedAt: s.UpdatedAt}))
}

func (e executor) ReviewLogFitStats(ctx context.Context, institutionID, seasonID string) (int64, int64, error) {
	r, err := e.q.ReviewLogFitStats(ctx, pgdb.ReviewLogFitStatsParams{InstitutionID: institutionID, SeasonID: seasonID})
	return r.Reviews, r.Students, wrap("review log fit stats", err)
}

func (e executor) ReviewLogFitPage(ctx context.Context, p store.ReviewLogFitPageParams) ([]store.ReviewLogFitRow, error) {
	rows, err := e.q.ReviewLogFitPage(ctx, pgdb.ReviewLogFitPageParams{SeasonID: p.SeasonID, InstitutionID: p.InstitutionID,
		AfterUserID: p.AfterUserID, AfterID: p.AfterID, Lim: int32(p.Limit)})
	if err != nil {
		return nil, wrap("review log fit page", err)
	}
	out := make([]store.ReviewLogFitRow, len(rows))
	for i, r := range rows {
		out[i] = store.ReviewLogFitRow{ID: r.ID, UserID: r.UserID, QuestionID: r.QuestionID, Rating: int(r.Rating),
			ReviewedAt: r.ReviewedAt}
	}
	return out, nil
}

func (e executor) SRSParamsPrunePlayers(ctx context.Context, institutionID, seasonID string, belowVersion int) (int64, error) {
	n, err := e.q.SRSParamsPrunePlayers(ctx, pgdb.SRSParamsPrunePlayersParams{InstitutionID: institutionID, SeasonID: seasonID,
		BelowVersion: int32(belowVersion)})
	return n, wrap("srs params prune players", err)
}

func (e executor) SRSParamsInUse(ctx context.Context, institutionID, seasonID string) (int, error) {
	v, err := e.q.SRSParamsInUse(ctx, pgdb.SRSParamsInUseParams{InstitutionID: institutionID, SeasonID: seasonID})
	return int(v), wrap("srs params in use", err)
}
