package pgstore

import (
	"context"
	"time"

	"memora/internal/store"
	"memora/internal/store/pgstore/pgdb"
)

// LeaderboardTop picks the query of the scope: totals or ledger, with or without a subject.
func (e executor) LeaderboardTop(ctx context.Context, sc store.BoardScope, limit int) ([]store.BoardScore, error) {
	var (
		out []store.BoardScore
		err error
	)
	switch {
	case sc.AllTime() && sc.SubjectID == nil:
		var rows []pgdb.LeaderboardTopTotalRow
		rows, err = e.q.LeaderboardTopTotal(ctx, pgdb.LeaderboardTopTotalParams{InstitutionID: sc.InstitutionID, Lim: int32(limit)})
		out = mapRows(rows, func(r pgdb.LeaderboardTopTotalRow) store.BoardScore {
			return store.BoardScore{UserID: r.UserID, XP: r.Xp}
		})
	case sc.AllTime():
		var rows []pgdb.LeaderboardTopSubjectTotalRow
		rows, err = e.q.LeaderboardTopSubjectTotal(ctx, pgdb.LeaderboardTopSubjectTotalParams{
			SubjectID: *sc.SubjectID, InstitutionID: sc.InstitutionID, Lim: int32(limit)})
		out = mapRows(rows, func(r pgdb.LeaderboardTopSubjectTotalRow) store.BoardScore {
			return store.BoardScore{UserID: r.UserID, XP: r.Xp}
		})
	case sc.SubjectID == nil:
		var rows []pgdb.LeaderboardTopPeriodRow
		rows, err = e.q.LeaderboardTopPeriod(ctx, pgdb.LeaderboardTopPeriodParams{
			InstitutionID: sc.InstitutionID, FromDay: *sc.From, ToDay: *sc.To, Lim: int32(limit)})
		out = mapRows(rows, func(r pgdb.LeaderboardTopPeriodRow) store.BoardScore {
			return store.BoardScore{UserID: r.UserID, XP: r.Xp}
		})
	default:
		var rows []pgdb.LeaderboardTopSubjectPeriodRow
		rows, err = e.q.LeaderboardTopSubjectPeriod(ctx, pgdb.LeaderboardTopSubjectPeriodParams{
			InstitutionID: sc.InstitutionID, SubjectID: sc.SubjectID, FromDay: *sc.From, ToDay: *sc.To, Lim: int32(limit)})
		out = mapRows(rows, func(r pgdb.LeaderboardTopSubjectPeriodRow) store.BoardScore {
			return store.BoardScore{UserID: r.UserID, XP: r.Xp}
		})
	}
	if err != nil {
		return nil, wrap("leaderboard top", err)
	}
	return out, nil
}

// LeaderboardCountAbove picks the count of the scope.
func (e executor) LeaderboardCountAbove(ctx context.Context, sc store.BoardScope, xp int64) (int64, error) {
	var (
		n   int64
		err error
	)
	switch {
	case sc.AllTime() && sc.SubjectID == nil:
		n, err = e.q.LeaderboardAboveTotal(ctx, pgdb.LeaderboardAboveTotalParams{InstitutionID: sc.InstitutionID, Xp: xp})
	case sc.AllTime():
		n, err = e.q.LeaderboardAboveSubjectTotal(ctx, pgdb.LeaderboardAboveSubjectTotalParams{
			SubjectID: *sc.SubjectID, InstitutionID: sc.InstitutionID, Xp: xp})
	case sc.SubjectID == nil:
		n, err = e.q.LeaderboardAbovePeriod(ctx, pgdb.LeaderboardAbovePeriodParams{
			InstitutionID: sc.InstitutionID, FromDay: *sc.From, ToDay: *sc.To, Xp: xp})
	default:
		n, err = e.q.LeaderboardAboveSubjectPeriod(ctx, pgdb.LeaderboardAboveSubjectPeriodParams{
			InstitutionID: sc.InstitutionID, SubjectID: sc.SubjectID, FromDay: *sc.From, ToDay: *sc.To, Xp: xp})
	}
	return n, wrap("leaderboard count above", err)
}

// LeaderboardScores picks the aggregate of the scope.
func (e executor) LeaderboardScores(ctx context.Context, sc store.BoardScope) ([]store.BoardScore, error) {
	var (
		out []store.BoardScore
		err error
	)
	switch {
	case sc.AllTime() && sc.SubjectID == nil:
		var rows []pgdb.LeaderboardScoresTotalRow
		rows, err = e.q.LeaderboardScoresTotal(ctx, sc.InstitutionID)
		out = mapRows(rows, func(r pgdb.LeaderboardScoresTotalRow) store.BoardScore {
			return store.BoardScore{UserID: r.UserID, XP: r.Xp}
		})
	case sc.AllTime():
		var rows []pgdb.LeaderboardScoresSubjectTotalRow
		rows, err = e.q.LeaderboardScoresSubjectTotal(ctx, pgdb.LeaderboardScoresSubjectTotalParams{
			SubjectID: *sc.SubjectID, InstitutionID: sc.InstitutionID})
		out = mapRows(rows, func(r pgdb.LeaderboardScoresSubjectTotalRow) store.BoardScore {
			return store.BoardScore{UserID: r.UserID, XP: r.Xp}
		})
	case sc.SubjectID == nil:
		var rows []pgdb.LeaderboardScoresPeriodRow
		rows, err = e.q.LeaderboardScoresPeriod(ctx, pgdb.LeaderboardScoresPeriodParams{
			InstitutionID: sc.InstitutionID, FromDay: *sc.From, ToDay: *sc.To})
		out = mapRows(rows, func(r pgdb.LeaderboardScoresPeriodRow) store.BoardScore {
			return store.BoardScore{UserID: r.UserID, XP: r.Xp}
		})
	default:
		var rows []pgdb.LeaderboardScoresSubjectPeriodRow
		rows, err = e.q.LeaderboardScoresSubjectPeriod(ctx, pgdb.LeaderboardScoresSubjectPeriodParams{
			InstitutionID: sc.InstitutionID, SubjectID: sc.SubjectID, FromDay: *sc.From, ToDay: *sc.To})
		out = mapRows(rows, func(r pgdb.LeaderboardScoresSubjectPeriodRow) store.BoardScore {
			return store.BoardScore{UserID: r.UserID, XP: r.Xp}
		})
	}
	if err != nil {
		return nil, wrap("leaderboard scores", err)
	}
	return out, nil
}

func mapRows[R, T any](rows []R, conv func(R) T) []T {
	out := make([]T, len(rows))
	for i, r := range rows {
		out[i] = conv(r)
	}
	return out
}

func (e executor) LeaderboardDisabled(ctx context.Context, institutionID string) ([]int64, error) {
	ids, err := e.q.LeaderboardDisabled(ctx, institutionID)
	return ids, wrap("leaderboard disabled", err)
}

func (e executor) LeaderboardPlayers(ctx context.Context, userIDs []int64, subjectID *string) ([]store.BoardPlayer, error) {
	if len(userIDs) == 0 {
		return nil, nil
	}
	rows, err := e.q.LeaderboardPlayers(ctx, pgdb.LeaderboardPlayersParams{SubjectID: subjectID, UserIds: userIDs})
	if err != nil {
		return nil, wrap("leaderboard players", err)
	}
	return mapRows(rows, func(r pgdb.LeaderboardPlayersRow) store.BoardPlayer {
		p := store.BoardPlayer{UserID: r.ID, FullName: r.FullName, AvatarURL: r.AvatarUrl, LevelXP: r.ProfileXp}
		if subjectID != nil {
			p.LevelXP = r.SubjectXp
		}
		return p
	}), nil
}

func (e executor) LeaderboardUserScores(ctx context.Context, userID int64, from, to time.Time) (store.UserScores, error) {
	rows, err := e.q.LeaderboardUserScores(ctx, pgdb.LeaderboardUserScoresParams{UserID: userID, FromDay: from, ToDay: to})
	if err != nil {
		return store.UserScores{}, wrap("leaderboard user scores", err)
	}
	out := store.UserScores{Subjects: map[string]int64{}}
	for _, r := range rows {
		out.Add(int64(r.Kind), r.LocalDay, r.SubjectID, r.Xp)
	}
	return out, nil
}
