package leaderboard

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"

	"memora/internal/store"
)

// Standing is a player's XP and competition rank in a board.
type Standing struct {
	UserID int64
	XP     int64
	Rank   int64
}

// Standings are the top of a board (XP desc, then user id desc) and the caller's own
// standing, nil when the caller has no XP in the board (or is disabled). While a board is
// being built Building is set, Top is empty and the caller's standing has their XP and
// no rank (0).
type Standings struct {
	Top      []Standing
	Caller   *Standing
	Building bool
}

// Board ranks the enabled players with XP > 0 of a scope.
type Board interface {
	Standings(ctx context.Context, sc Scope, callerID int64, limit int) (Standings, error)
}

// SQLBoard ranks with indexed queries: the top with a LIMIT (ties ranked in order), and,
// for a caller beyond it, their own XP and a count of the players above them.
type SQLBoard struct {
	Store store.Executor
}

// Standings reads the top limit and the caller's standing.
func (b SQLBoard) Standings(ctx context.Context, sc Scope, callerID int64, limit int) (Standings, error) {
	bs := sc.StoreScope()
	top, err := b.Store.LeaderboardTop(ctx, bs, limit)
	if err != nil {
		return Standings{}, fmt.Errorf("leaderboard: %w", err)
	}
	out := Standings{Top: rankTop(top)}
	for i := range out.Top {
		if out.Top[i].UserID == callerID {
			st := out.Top[i]
			out.Caller = &st
			return out, nil
		}
	}
	out.Caller, err = b.caller(ctx, sc, callerID)
	return out, err
}

// caller ranks a player outside the top: nil without XP in the scope or when disabled.
func (b SQLBoard) caller(ctx context.Context, sc Scope, userID int64) (*Standing, error) {
	xp, err := scoreOf(ctx, b.Store, sc, userID)
	if err != nil || xp <= 0 {
		return nil, err
	}
	disabled, err := b.Store.LeaderboardDisabled(ctx, sc.InstitutionID)
	if err != nil {
		return nil, fmt.Errorf("leaderboard: %w", err)
	}
	if slices.Contains(disabled, userID) {
		return nil, nil
	}
	above, err := b.Store.LeaderboardCountAbove(ctx, sc.StoreScope(), xp)
	if err != nil {
		return nil, fmt.Errorf("leaderboard: %w", err)
	}
	return &Standing{UserID: userID, XP: xp, Rank: above + 1}, nil
}

// Building is the answer for a board being built: the caller's own XP (read from their
// rows alone), no rank and no top; nil caller without XP or when disabled.
func Building(ctx context.Context, exec store.Executor, sc Scope, callerID int64, disabled []int64) (Standings, error) {
	out := Standings{Building: true}
	xp, err := scoreOf(ctx, exec, sc, callerID)
	if err != nil || xp <= 0 || slices.Contains(disabled, callerID) {
		return out, err
	}
	out.Caller = &Standing{UserID: callerID, XP: xp}
	return out, nil
}

// scoreOf is a player's XP in a scope: the profile total or subject score for all time,
// else their ledger over the period's days.
func scoreOf(ctx context.Context, exec store.Executor, sc Scope, userID int64) (int64, error) {
	from, to, dated := sc.Days()
	switch {
	case !dated && sc.SubjectID == nil:
		p, err := exec.ProfileGet(ctx, userID)
		if errors.Is(err, store.ErrNotFound) {
			return 0, nil
		}
		return p.TotalXP, wrapScore(err)
	case !dated:
		s, err := exec.SubjectScoreGet(ctx, userID, *sc.SubjectID)
		if errors.Is(err, store.ErrNotFound) {
			return 0, nil
		}
		return s.TotalXP, wrapScore(err)
	}
	got, err := exec.LeaderboardUserScores(ctx, userID, from, to)
	var xp int64
	for _, d := range got.Days {
		if sc.SubjectID == nil || d.SubjectID != nil && *d.SubjectID == *sc.SubjectID {
			xp += d.XP
		}
	}
	return xp, wrapScore(err)
}

func wrapScore(err error) error {
	if err != nil {
		return fmt.Errorf("leaderboard score: %w", err)
	}
	return nil
}

// rankTop gives competition ranks to a top in order: a player ties the one before them
// when their XP is equal, else takes their position.
func rankTop(top []store.BoardScore) []Standing {
	out := make([]Standing, len(top))
	for i, s := range top {
		out[i] = Standing{UserID: s.UserID, XP: s.XP, Rank: int64(i) + 1}
		if i > 0 && s.XP == top[i-1].XP {
			out[i].Rank = out[i-1].Rank
		}
	}
	return out
}

// Rank ranks scores in memory: the reference both boards are checked against, and what the
// Redis board answers from when it cannot keep a snapshot it just read.
func Rank(scores []store.BoardScore, disabled []int64, callerID int64, limit int) Standings {
	off := make(map[int64]bool, len(disabled))
	for _, id := range disabled {
		off[id] = true
	}
	live := make([]store.BoardScore, 0, len(scores))
	for _, s := range scores {
		if s.XP > 0 && !off[s.UserID] {
			live = append(live, s)
		}
	}
	slices.SortFunc(live, func(a, b store.BoardScore) int {
		return cmp.Or(cmp.Compare(b.XP, a.XP), cmp.Compare(b.UserID, a.UserID))
	})
	var out Standings
	rank := int64(0)
	for i, s := range live {
		if i == 0 || s.XP != live[i-1].XP {
			rank = int64(i) + 1
		}
		st := Standing{UserID: s.UserID, XP: s.XP, Rank: rank}
		if i < limit {
			out.Top = append(out.Top, st)
		}
		if s.UserID == callerID {
			out.Caller = &st
		}
	}
	return out
}
