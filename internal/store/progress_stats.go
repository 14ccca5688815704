package store

import (
	"context"
	"errors"
	"time"
)

// ProgressStatsExecutor reads what a player's profile stats are computed from in as few round
// trips as the engine allows (one pgx batch on PostgreSQL; SQLite runs the statements one by
// one).
type ProgressStatsExecutor interface {
	// ProgressStatsRead runs ProfileGet (its total XP), the first page of ProgressActivityDays
	// (before ActivityBefore, at most ActivityLimit days), ProgressXPByDay over [From, To],
	// SubjectScoreGet when SubjectID is set, and ProgressMastery of SeasonID (and SubjectID)
	// when SeasonID is set.
	ProgressStatsRead(ctx context.Context, q ProgressStatsReads) (ProgressStats, error)
}

// ProgressStatsReads are ProgressStatsRead's arguments.
type ProgressStatsReads struct {
	UserID         int64
	ActivityBefore time.Time
	ActivityLimit  int
	From, To       time.Time
	SeasonID       string
	SubjectID      *string
}

// Scope is the memory items the mastery counts (SeasonID "" reads none).
func (q ProgressStatsReads) Scope() ProgressScope {
	return ProgressScope{UserID: q.UserID, SeasonID: q.SeasonID, SubjectID: q.SubjectID}
}

// ProgressStats is what ProgressStatsRead read: TotalXP is the profile's (0 without one),
// Mastery is nil without a season, SubjectXP is the subject score's XP (0 without a subject
// or a score for it).
type ProgressStats struct {
	TotalXP   int64
	Activity  []ActivityDay
	XP        []DayXP
	Mastery   []MasteryCount
	SubjectXP int64
}

// ProgressStatsReadSerial is ProgressStatsRead one statement at a time, through ex.
func ProgressStatsReadSerial(ctx context.Context, ex Executor, q ProgressStatsReads) (ProgressStats, error) {
	var out ProgressStats
	prof, err := ex.ProfileGet(ctx, q.UserID)
	if err != nil && !errors.Is(err, ErrNotFound) {
		return ProgressStats{}, err
	}
	out.TotalXP = prof.TotalXP
	if out.Activity, err = ex.ProgressActivityDays(ctx, q.UserID, q.ActivityBefore, q.ActivityLimit); err != nil {
		return ProgressStats{}, err
	}
	if out.XP, err = ex.ProgressXPByDay(ctx, q.UserID, q.From, q.To); err != nil {
		return ProgressStats{}, err
	}
	if q.SubjectID != nil {
		score, err := ex.SubjectScoreGet(ctx, q.UserID, *q.SubjectID)
		if err != nil && !errors.Is(err, ErrNotFound) {
			return ProgressStats{}, err
		}
		out.SubjectXP = score.TotalXP
	}
	if q.SeasonID == "" {
		return out, nil
	}
	if out.Mastery, err = ex.ProgressMastery(ctx, q.Scope()); err != nil {
		return ProgressStats{}, err
	}
	return out, nil
}
