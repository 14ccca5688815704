package store

import (
	"context"
	"time"
)

// QuestDayExecutor reads what a player's daily quests are computed from in as few round trips
// as the engine allows (one pgx batch on PostgreSQL; SQLite runs the statements one by one).
type QuestDayExecutor interface {
	// QuestDayRead runs the first page of ProgressActivityDays (before ActivityBefore, at most
	// ActivityLimit days), ProgressXPByDay and the quest refs (ProgressRefsOfDay) of Day and,
	// when Scope has a SeasonID,
	// ProgressDueBySubject at Now (unless DueKnown) and ProgressReviewedBySubject over [From, To).
	QuestDayRead(ctx context.Context, q QuestDayReads) (QuestDay, error)
	// ProgressStageSubjects returns the subject (its lesson's unit's, with the subject's
	// titles) of each of the stages that exist, in no particular order.
	ProgressStageSubjects(ctx context.Context, stageIDs []string) ([]StageSubject, error)
}

// StageSubject is the subject a stage's lesson belongs to.
type StageSubject struct {
	StageID        string
	SubjectID      string
	SubjectTitle   string
	SubjectTitleEN string
}

// QuestDayReads are QuestDayRead's arguments.
type QuestDayReads struct {
	UserID         int64
	ActivityBefore time.Time
	ActivityLimit  int
	Day            time.Time
	Scope          ProgressScope
	Now            time.Time
	From, To       time.Time
	// DueKnown says the caller counted the due items itself (from the cached review
	// schedule): ProgressDueBySubject is not run and Due stays nil.
	DueKnown bool
}

// QuestDay is what QuestDayRead read (Due and Reviewed nil without a season, Due nil when
// DueKnown).
type QuestDay struct {
	Activity []ActivityDay
	XP       []DayXP
	// QuestRefs are the refs of the quest rewards credited on Day.
	QuestRefs []string
	Due       []SubjectCount
	Reviewed  []SubjectCount
}

// QuestDayReadSerial is QuestDayRead one statement at a time, through ex.
func QuestDayReadSerial(ctx context.Context, ex Executor, q QuestDayReads) (QuestDay, error) {
	var out QuestDay
	var err error
	if out.Activity, err = ex.ProgressActivityDays(ctx, q.UserID, q.ActivityBefore, q.ActivityLimit); err != nil {
		return QuestDay{}, err
	}
	if out.XP, err = ex.ProgressXPByDay(ctx, q.UserID, q.Day, q.Day); err != nil {
		return QuestDay{}, err
	}
	if out.QuestRefs, err = ex.ProgressRefsOfDay(ctx, q.UserID, XPFromQuest, q.Day); err != nil {
		return QuestDay{}, err
	}
	if q.Scope.SeasonID == "" {
		return out, nil
	}
	if !q.DueKnown {
		if out.Due, err = ex.ProgressDueBySubject(ctx, q.Scope, q.Now); err != nil {
			return QuestDay{}, err
		}
	}
	if out.Reviewed, err = ex.ProgressReviewedBySubject(ctx, q.Scope, q.From, q.To, q.Now); err != nil {
		return QuestDay{}, err
	}
	return out, nil
}
