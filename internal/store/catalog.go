package store

import (
	"context"
	"time"
)

// AccessGrant is one thing an active subscription opens. Type is AccessGlobal (everything),
// AccessSubject (SubjectID) or AccessTrack (TrackID).
type AccessGrant struct {
	Type      string
	SubjectID *string
	TrackID   *string
}

// LessonPlay is one gameplay session of a lesson by a player, as the XP rules for replays
// read it.
type LessonPlay struct {
	SessionID int64
	CreatedAt time.Time
	LocalDay  time.Time
	Completed bool
}

// CatalogExecutor reads the content tree in set-based queries (the map is computed from a
// handful of them, whatever its size) and what a player has opened and completed.
type CatalogExecutor interface {
	// SubjectListByIDs returns the subjects among ids that exist, in no particular order.
	SubjectListByIDs(ctx context.Context, ids []string) ([]Subject, error)
	// TrackListBySubjects returns the tracks of the subjects: default first, then by
	// position, creation and id.
	TrackListBySubjects(ctx context.Context, subjectIDs []string) ([]Track, error)
	// UnitListBySubjects, TopicListBySubjects and LessonListBySubjects return every row
	// (published or not) under the subjects, ordered by position, creation and id.
	UnitListBySubjects(ctx context.Context, subjectIDs []string) ([]Unit, error)
	TopicListBySubjects(ctx context.Context, subjectIDs []string) ([]Topic, error)
	LessonListBySubjects(ctx context.Context, subjectIDs []string) ([]Lesson, error)
	UnitGet(ctx context.Context, id string) (Unit, error)
	TopicGet(ctx context.Context, id string) (Topic, error)

	// LessonCompletedIDs lists the lessons the user has a completed gameplay session of.
	LessonCompletedIDs(ctx context.Context, userID int64) ([]string, error)
	// LessonPlayList lists the user's lesson sessions of one lesson, oldest first.
	LessonPlayList(ctx context.Context, userID int64, lessonID string) ([]LessonPlay, error)
	// SessionSetCompleted marks a gameplay session completed or not.
	SessionSetCompleted(ctx context.Context, sessionID int64, completed bool) error
	// PlayerLock serializes a player's lesson submissions inside a transaction (what a
	// session earns depends on the sessions before it): a row lock on the profile on
	// PostgreSQL; nothing on SQLite, whose write transactions are serialized already.
	// ErrNotFound without a profile.
	PlayerLock(ctx context.Context, userID int64) error

	// AccessGrantsActive returns what the user's active subscriptions open on day: those
	// whose season has start_date <= day <= end_date. A global subscription yields one
	// AccessGlobal grant.
	AccessGrantsActive(ctx context.Context, userID int64, day time.Time) ([]AccessGrant, error)
}
