package store

import (
	"context"
	"time"
)

// BoardScope is one leaderboard: an institution's players, optionally in one subject,
// over all time (nil From/To: profile or subject-score totals) or over the local days
// [From, To] of the XP ledger.
type BoardScope struct {
	InstitutionID string
	SubjectID     *string
	From, To      *time.Time
}

// AllTime reports whether the scope reads totals rather than the ledger.
func (b BoardScope) AllTime() bool { return b.From == nil || b.To == nil }

// BoardScore is a player's XP in a board.
type BoardScore struct {
	UserID int64
	XP     int64
}

// BoardPlayer is what a board shows of a player besides XP: LevelXP is the player's total
// (the subject score's with a subject) that the level is computed from.
type BoardPlayer struct {
	UserID    int64
	FullName  string
	AvatarURL string
	LevelXP   int64
}

// UserScores is what one user has scored: the all-time total, the total of each subject
// played, and the ledger of some days.
type UserScores struct {
	TotalXP  int64
	Subjects map[string]int64
	Days     []UserDayXP
}

// Kinds of the rows LeaderboardUserScores reads.
const (
	UserScoreDay     = 0 // the ledger of one local day and subject
	UserScoreTotal   = 1 // the all-time total
	UserScoreSubject = 2 // one subject's score
)

// Add puts one row of LeaderboardUserScores (of the kind above) into s.
func (s *UserScores) Add(kind int64, day *time.Time, subjectID *string, xp int64) {
	switch {
	case kind == UserScoreTotal:
		s.TotalXP = xp
	case kind == UserScoreSubject && subjectID != nil:
		if s.Subjects == nil {
			s.Subjects = map[string]int64{}
		}
		s.Subjects[*subjectID] = xp
	case kind == UserScoreDay && day != nil:
		s.Days = append(s.Days, UserDayXP{Day: *day, SubjectID: subjectID, XP: xp})
	}
}

// UserDayXP is a user's ledger total of one local day in one subject (nil: none).
type UserDayXP struct {
	Day       time.Time
	SubjectID *string
	XP        int64
}

// LeaderboardExecutor holds the board queries: the top and the count above a score for the
// SQL board, and the full aggregates the Redis board is rebuilt from.
type LeaderboardExecutor interface {
	// LeaderboardTop returns the first limit enabled players with XP > 0, by XP desc then
	// user id desc (the order of the Redis board).
	LeaderboardTop(ctx context.Context, sc BoardScope, limit int) ([]BoardScore, error)
	// LeaderboardCountAbove counts the enabled players scoring more than xp.
	LeaderboardCountAbove(ctx context.Context, sc BoardScope, xp int64) (int64, error)
	// LeaderboardScores returns every player of the scope with XP > 0, disabled ones too.
	LeaderboardScores(ctx context.Context, sc BoardScope) ([]BoardScore, error)
	// LeaderboardDisabled lists the institution's disabled users.
	LeaderboardDisabled(ctx context.Context, institutionID string) ([]int64, error)
	// LeaderboardPlayers returns name, avatar and level XP of the users (one query).
	LeaderboardPlayers(ctx context.Context, userIDs []int64, subjectID *string) ([]BoardPlayer, error)
	// LeaderboardUserScores reads a user's all-time and subject totals and the ledger summed
	// per local day and subject over [from, to], in one round trip.
	LeaderboardUserScores(ctx context.Context, userID int64, from, to time.Time) (UserScores, error)
}
