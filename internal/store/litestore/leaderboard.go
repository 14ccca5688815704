package litestore

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"memora/internal/store"
	"memora/internal/store/litestore/litedb"
)

// LeaderboardTop picks the query of the scope: totals or ledger, with or without a subject.
// Outside a transaction a dated board is ranked from memory (boards.go).
func (e executor) LeaderboardTop(ctx context.Context, sc store.BoardScope, limit int) ([]store.BoardScore, error) {
	if !sc.AllTime() && e.boards != nil {
		out, err := e.boardTop(ctx, sc, limit)
		return out, wrap("leaderboard top", err)
	}
	var (
		out []store.BoardScore
		err error
	)
	switch {
	case sc.AllTime() && sc.SubjectID == nil:
		var rows []litedb.LeaderboardTopTotalRow
		rows, err = e.r.LeaderboardTopTotal(ctx, litedb.LeaderboardTopTotalParams{InstitutionID: sc.InstitutionID, Lim: int64(limit)})
		out = mapRows(rows, func(r litedb.LeaderboardTopTotalRow) store.BoardScore {
			return store.BoardScore{UserID: r.UserID, XP: r.Xp}
		})
	case sc.AllTime():
		var rows []litedb.LeaderboardTopSubjectTotalRow
		rows, err = e.r.LeaderboardTopSubjectTotal(ctx, litedb.LeaderboardTopSubjectTotalParams{
			SubjectID: *sc.SubjectID, InstitutionID: sc.InstitutionID, Lim: int64(limit)})
		out = mapRows(rows, func(r litedb.LeaderboardTopSubjectTotalRow) store.BoardScore {
			return store.BoardScore{UserID: r.UserID, XP: r.Xp}
		})
	case sc.SubjectID == nil:
		var rows []litedb.LeaderboardTopPeriodRow
		rows, err = e.r.LeaderboardTopPeriod(ctx, litedb.LeaderboardTopPeriodParams{
			InstitutionID: sc.InstitutionID, FromDay: date(*sc.From), ToDay: date(*sc.To), Lim: int64(limit)})
		out = mapRows(rows, func(r litedb.LeaderboardTopPeriodRow) store.BoardScore {
			return store.BoardScore{UserID: r.UserID, XP: r.Xp}
		})
	default:
		var rows []litedb.LeaderboardTopSubjectPeriodRow
		rows, err = e.r.LeaderboardTopSubjectPeriod(ctx, litedb.LeaderboardTopSubjectPeriodParams{
			InstitutionID: sc.InstitutionID, SubjectID: sc.SubjectID, FromDay: date(*sc.From), ToDay: date(*sc.To), Lim: int64(limit)})
		out = mapRows(rows, func(r litedb.LeaderboardTopSubjectPeriodRow) store.BoardScore {
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
	if !sc.AllTime() && e.boards != nil {
		n, err := e.boardCountAbove(ctx, sc, xp)
		return n, wrap("leaderboard count above", err)
	}
	var (
		n   int64
		err error
	)
	switch {
	case sc.AllTime() && sc.SubjectID == nil:
		n, err = e.r.LeaderboardAboveTotal(ctx, litedb.LeaderboardAboveTotalParams{InstitutionID: sc.InstitutionID, Xp: xp})
	case sc.AllTime():
		n, err = e.r.LeaderboardAboveSubjectTotal(ctx, litedb.LeaderboardAboveSubjectTotalParams{
			SubjectID: *sc.SubjectID, InstitutionID: sc.InstitutionID, Xp: xp})
	case sc.SubjectID == nil:
		n, err = e.r.LeaderboardAbovePeriod(ctx, litedb.LeaderboardAbovePeriodParams{
			InstitutionID: sc.InstitutionID, FromDay: date(*sc.From), ToDay: date(*sc.To), Xp: xp})
	default:
		n, err = e.r.LeaderboardAboveSubjectPeriod(ctx, litedb.LeaderboardAboveSubjectPeriodParams{
			InstitutionID: sc.InstitutionID, SubjectID: sc.SubjectID, FromDay: date(*sc.From), ToDay: date(*sc.To), Xp: xp})
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
		var rows []litedb.LeaderboardScoresTotalRow
		rows, err = e.r.LeaderboardScoresTotal(ctx, sc.InstitutionID)
		out = mapRows(rows, func(r litedb.LeaderboardScoresTotalRow) store.BoardScore {
			return store.BoardScore{UserID: r.UserID, XP: r.Xp}
		})
	case sc.AllTime():
		var rows []litedb.LeaderboardScoresSubjectTotalRow
		rows, err = e.r.LeaderboardScoresSubjectTotal(ctx, litedb.LeaderboardScoresSubjectTotalParams{
			SubjectID: *sc.SubjectID, InstitutionID: sc.InstitutionID})
		out = mapRows(rows, func(r litedb.LeaderboardScoresSubjectTotalRow) store.BoardScore {
			return store.BoardScore{UserID: r.UserID, XP: r.Xp}
		})
	case sc.SubjectID == nil:
		var rows []litedb.LeaderboardScoresPeriodRow
		rows, err = e.r.LeaderboardScoresPeriod(ctx, litedb.LeaderboardScoresPeriodParams{
			InstitutionID: sc.InstitutionID, FromDay: date(*sc.From), ToDay: date(*sc.To)})
		out = mapRows(rows, func(r litedb.LeaderboardScoresPeriodRow) store.BoardScore {
			return store.BoardScore{UserID: r.UserID, XP: r.Xp}
		})
	default:
		var rows []litedb.LeaderboardScoresSubjectPeriodRow
		rows, err = e.r.LeaderboardScoresSubjectPeriod(ctx, litedb.LeaderboardScoresSubjectPeriodParams{
			InstitutionID: sc.InstitutionID, SubjectID: sc.SubjectID, FromDay: date(*sc.From), ToDay: date(*sc.To)})
		out = mapRows(rows, func(r litedb.LeaderboardScoresSubjectPeriodRow) store.BoardScore {
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
	ids, err := e.r.LeaderboardDisabled(ctx, institutionID)
	return ids, wrap("leaderboard disabled", err)
}

func (e executor) LeaderboardPlayers(ctx context.Context, userIDs []int64, subjectID *string) ([]store.BoardPlayer, error) {
	if len(userIDs) == 0 {
		return nil, nil
	}
	ids, err := json.Marshal(userIDs)
	if err != nil {
		return nil, fmt.Errorf("leaderboard players: %w", err)
	}
	rows, err := e.r.LeaderboardPlayers(ctx, litedb.LeaderboardPlayersParams{SubjectID: subjectID, UserIds: string(ids)})
	if err != nil {
		return nil, wrap("leaderboard players", err)
	}
	return mapRows(rows, func(r litedb.LeaderboardPlayersRow) store.BoardPlayer {
		p := store.BoardPlayer{UserID: r.ID, FullName: r.FullName, AvatarURL: r.AvatarUrl, LevelXP: r.ProfileXp}
		if subjectID != nil {
			p.LevelXP = r.SubjectXp
		}
		return p
	}), nil
}

func (e executor) LeaderboardUserScores(ctx context.Context, userID int64, from, to time.Time) (store.UserScores, error) {
	rows, err := e.r.LeaderboardUserScores(ctx, litedb.LeaderboardUserScoresParams{UserID: userID, FromDay: date(from), ToDay: date(to)})
	if err != nil {
		return store.UserScores{}, wrap("leaderboard user scores", err)
	}
	out := store.UserScores{Subjects: map[string]int64{}}
	for _, r := range rows {
		var day *time.Time
		if r.LocalDay != nil {
			d := fromDate(*r.LocalDay)
			day = &d
		}
		out.Add(r.Kind, day, r.SubjectID, r.Xp)
	}
	return out, nil
}
