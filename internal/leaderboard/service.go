package leaderboard

import (
	"context"
	"errors"
	"fmt"

	"memora/internal/clock"
	"memora/internal/identity"
	"memora/internal/problem"
	"memora/internal/progress"
	"memora/internal/store"
)

// Limit is how many players a board lists.
const Limit = 50

// Service answers get_leaderboard.
type Service struct {
	Board Board
	Store store.Store
	Clock clock.Clock
}

// Entry is one row of a board. Rank is null for a caller without XP in the board. Level is
// the player's level from their total XP (the subject score's on a subject board), not
// from the period's XP.
type Entry struct {
	Rank          *int64 `json:"rank"`
	Name          string `json:"name"`
	Avatar        string `json:"avatar"`
	XP            int64  `json:"xp"`
	Level         int    `json:"level"`
	IsCurrentUser bool   `json:"isCurrentUser"`
}

// Reply is get_leaderboard's answer: the top 50 and the caller's own exact standing. While
// the board is being built (its set was lost and a large institution's takes seconds to
// aggregate) building is true, the list is empty and the caller's entry has their XP
// without a rank: asking again a few seconds later gives the board.
type Reply struct {
	Leaderboard []Entry `json:"leaderboard"`
	UserRank    Entry   `json:"userRank"`
	Building    bool    `json:"building,omitempty"`
}

// Get ranks the caller's institution on the period (all_time when empty), optionally in a
// subject.
func (s *Service) Get(ctx context.Context, who identity.Principal, subjectID, period string) (Reply, error) {
	p, err := ParsePeriod(period)
	if err != nil {
		return Reply{}, err
	}
	sc := Scope{InstitutionID: who.InstitutionID, Period: p, Today: who.Today(s.Clock.Now())}
	if subjectID != "" {
		if _, err := s.Store.SubjectGet(ctx, subjectID); errors.Is(err, store.ErrNotFound) {
			return Reply{}, problem.NotFoundMsg("Subject not found")
		} else if err != nil {
			return Reply{}, fmt.Errorf("leaderboard: %w", err)
		}
		sc.SubjectID = &subjectID
	}
	st, err := s.Board.Standings(ctx, sc, who.UserID, Limit)
	if err != nil {
		return Reply{}, err
	}
	return s.reply(ctx, who, sc, st)
}

// reply names the ranked players and the caller in one query.
func (s *Service) reply(ctx context.Context, who identity.Principal, sc Scope, st Standings) (Reply, error) {
	ids := make([]int64, 0, len(st.Top)+1)
	for _, t := range st.Top {
		ids = append(ids, t.UserID)
	}
	ids = append(ids, who.UserID)
	players, err := s.Store.LeaderboardPlayers(ctx, ids, sc.SubjectID)
	if err != nil {
		return Reply{}, fmt.Errorf("leaderboard: %w", err)
	}
	byID := make(map[int64]store.BoardPlayer, len(players))
	for _, p := range players {
		byID[p.UserID] = p
	}
	r := Reply{Leaderboard: make([]Entry, 0, len(st.Top)), Building: st.Building}
	for _, t := range st.Top {
		r.Leaderboard = append(r.Leaderboard, entry(t, byID[t.UserID], who.UserID))
	}
	if st.Caller != nil {
		r.UserRank = entry(*st.Caller, byID[who.UserID], who.UserID)
	} else {
		r.UserRank = entry(Standing{UserID: who.UserID}, byID[who.UserID], who.UserID)
	}
	return r, nil
}

func entry(st Standing, p store.BoardPlayer, callerID int64) Entry {
	e := Entry{Name: p.FullName, Avatar: p.AvatarURL, XP: st.XP, Level: progress.Level(p.LevelXP),
		IsCurrentUser: st.UserID == callerID}
	if e.Name == "" {
		e.Name = "Unknown Hero"
	}
	if st.Rank > 0 {
		rank := st.Rank
		e.Rank = &rank
	}
	return e
}
