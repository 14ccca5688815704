package store

import (
	"context"
	"time"
)

// ActivityDay is an institution-local day on which a player played at least one gameplay
// session; Reviewed says whether a review session was among them.
type ActivityDay struct {
	Day      time.Time
	Reviewed bool
}

// DayXP is the XP a player was credited on one local day from one ledger source.
type DayXP struct {
	Day    time.Time
	Source string
	XP     int64
}

// MasteryCount is how many live memory items of a player have one 1–4 level.
type MasteryCount struct {
	Level int
	Count int64
}

// SubjectCount counts a player's memory items of one subject; SubjectID is nil for items
// without a subject, and the titles are "" then.
type SubjectCount struct {
	SubjectID      *string
	SubjectTitle   string
	SubjectTitleEN string
	Count          int64
}

// ProgressScope selects a player's live memory items of one season, optionally of one
// subject (nil: every subject).
type ProgressScope struct {
	UserID    int64
	SeasonID  string
	SubjectID *string
}

// ProgressExecutor holds the reads behind profile stats and daily quests. Each is one
// indexed query over one player's rows.
type ProgressExecutor interface {
	// ProgressActivityDays returns the distinct local days before `before` (exclusive) on
	// which the user played, newest first, at most limit of them.
	ProgressActivityDays(ctx context.Context, userID int64, before time.Time, limit int) ([]ActivityDay, error)
	// ProgressXPByDay sums the user's ledger per local day and source over [from, to].
	ProgressXPByDay(ctx context.Context, userID int64, from, to time.Time) ([]DayXP, error)
	// ProgressMastery counts the scope's live items per level.
	ProgressMastery(ctx context.Context, sc ProgressScope) ([]MasteryCount, error)
	// ProgressDueBySubject counts the scope's live items due at or before now, per subject.
	ProgressDueBySubject(ctx context.Context, sc ProgressScope, now time.Time) ([]SubjectCount, error)
	// ProgressReviewedBySubject counts, per subject, the distinct live items of the scope
	// answered in review sessions during [from, to) that are no longer due at now.
	ProgressReviewedBySubject(ctx context.Context, sc ProgressScope, from, to, now time.Time) ([]SubjectCount, error)
	// ProgressRefsOfDay returns the refs the user was credited under source on the local day
	// day, in ref order.
	ProgressRefsOfDay(ctx context.Context, userID int64, source string, day time.Time) ([]string, error)
	// ProgressCreditedRefs returns which of refs the user has already been credited under
	// source.
	ProgressCreditedRefs(ctx context.Context, userID int64, source string, refs []string) ([]string, error)
}
