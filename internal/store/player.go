package store

import (
	"context"
	"encoding/json"
	"time"
)

// PlayerProfile is the one game profile of a user.
type PlayerProfile struct {
	UserID    int64
	GradeID   *string
	StreamID  *string
	SeasonID  *string
	TotalXP   int64
	Gems      int
	Hearts    int
	CreatedAt time.Time
	UpdatedAt time.Time
}

// ProfileSetAcademicParams creates the profile (0 XP, 5 hearts) or updates only its
// grade, stream and season.
type ProfileSetAcademicParams struct {
	UserID   int64
	GradeID  string
	StreamID *string
	SeasonID *string
	Now      time.Time
}

// SubjectScore is a player's XP in one subject.
type SubjectScore struct {
	UserID    int64
	SubjectID string
	TotalXP   int64
	Level     int
}

// Gameplay session kinds.
const (
	SessionLesson = "lesson"
	SessionReview = "review"
)

// GameplaySession is one played lesson or review session. ClientSessionID is chosen by the
// client; a second insert with the same one is a no-op.
type GameplaySession struct {
	ID              int64
	UserID          int64
	InstitutionID   string
	ClientSessionID string
	Kind            string
	LessonID        *string
	SubjectID       *string
	TopicID         *string
	SeasonID        *string
	XPEarned        int
	Score           int
	LocalDay        time.Time
	RawData         json.RawMessage
	Response        json.RawMessage
	CreatedAt       time.Time
}

// XP ledger sources.
const (
	XPFromLesson = "lesson"
	XPFromReview = "review"
	XPFromQuest  = "quest"
	XPFromImport = "import"
)

// XPEntry is one XP credit. (UserID, Source, Ref) is unique, so a credit is applied once.
type XPEntry struct {
	UserID        int64
	InstitutionID string
	SubjectID     *string
	Source        string
	Ref           string
	Amount        int
	LocalDay      time.Time
	CreatedAt     time.Time
}

// PlayerExecutor holds profiles, subject scores, gameplay sessions and the XP ledger.
type PlayerExecutor interface {
	ProfileGet(ctx context.Context, userID int64) (PlayerProfile, error)
	ProfileSetAcademic(ctx context.Context, p ProfileSetAcademicParams) error
	// ProfileUpsert writes every field (imports).
	ProfileUpsert(ctx context.Context, p PlayerProfile) error
	ProfileAddXP(ctx context.Context, userID int64, xp int64, now time.Time) error

	SubjectScoreAdd(ctx context.Context, userID int64, subjectID string, xp int64) error
	SubjectScoreSet(ctx context.Context, s SubjectScore) error
	SubjectScoreGet(ctx context.Context, userID int64, subjectID string) (SubjectScore, error)

	// SessionInsert inserts the session; inserted is false (and the id is the existing
	// row's) when (user, client session id) already exists.
	SessionInsert(ctx context.Context, s GameplaySession) (id int64, inserted bool, err error)
	SessionGetByClientID(ctx context.Context, userID int64, clientSessionID string) (GameplaySession, error)

	// XPInsert records a credit; inserted is false when (user, source, ref) exists.
	XPInsert(ctx context.Context, e XPEntry) (inserted bool, err error)
	// XPCredit records a credit and adds it to the profile's total and, with a subject, to
	// the subject score, all or nothing; inserted is false, and nothing changes, when (user,
	// source, ref) exists. ErrNotFound when the user has no profile.
	XPCredit(ctx context.Context, e XPEntry) (inserted bool, err error)
}
