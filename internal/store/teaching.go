package store

import (
	"context"
	"time"
)

// ClassParams selects an institution's students: all of them (UserID 0, at most Limit) or one.
type ClassParams struct {
	InstitutionID string
	UserID        int64
	Limit         int
}

// ClassStudent is a student with their profile (zero values without one).
type ClassStudent struct {
	UserID   int64
	Email    string
	FullName string
	Enabled  bool
	TotalXP  int64
	GradeID  *string
	StreamID *string
	SeasonID *string
}

// ClassMemoryRow is one live memory-state item of a student's current season.
type ClassMemoryRow struct {
	UserID     int64
	SubjectID  *string
	TopicID    *string
	Stability  float64
	Due        time.Time
	LastReview *time.Time
}

// TeachingExecutor reads the class view in four set-based queries, whatever the class size.
type TeachingExecutor interface {
	// ClassStudents lists the institution's users with the Student role, by name.
	ClassStudents(ctx context.Context, p ClassParams) ([]ClassStudent, error)
	// ClassActiveDays maps students to their distinct active local days on or after since,
	// newest first.
	ClassActiveDays(ctx context.Context, p ClassParams, since time.Time) (map[int64][]time.Time, error)
	// ClassLastActivity maps students to the time of their latest gameplay session.
	ClassLastActivity(ctx context.Context, p ClassParams) (map[int64]time.Time, error)
	// ClassMemory lists the live memory state of the students' profile seasons.
	ClassMemory(ctx context.Context, p ClassParams) ([]ClassMemoryRow, error)
}
