package review

import (
	"time"

	"memora/internal/clock"
	"memora/internal/store"
)

// XP rule of a review (original §3.3): 10 per correct answer plus 2 per combo point.
const (
	xpPerCorrect = 10
	xpPerCombo   = 2
)

// score is the XP of a graded sequence and its combo. The combo is recomputed here, not
// taken from the client: every correct answer adds the number of correct answers right
// before it (its streak), as the original's game engine counts its combo bonus, so a review
// pays exactly what the same answers pay in a lesson (10, 12, 14, … in a row).
func score(correct []bool) (xp, combo int) {
	return paid(correct, nil)
}

// paid is score with each correct answer's XP (10 + 2 × its streak) multiplied by its
// share: num/den, rounded down; a nil shares pays everything.
func paid(correct []bool, shares []share) (xp, combo int) {
	streak := 0
	for i, ok := range correct {
		if !ok {
			streak = 0
			continue
		}
		v := xpPerCorrect + xpPerCombo*streak
		if shares != nil {
			v = v * shares[i].num / shares[i].den
		}
		xp += v
		combo += streak
		streak++
	}
	return xp, combo
}

// share is the part of an answer's XP that is paid.
type share struct{ num, den int }

var (
	fullShare = share{1, 1}
	halfShare = share{1, 2}
	noShare   = share{0, 1}
)

// xpShares is the review XP rule that keeps reviews from being farmed (docs/srs.md, "Review
// XP"): an answer pays in full only for an item that was due when it was answered. In a
// subject or topic (focus) review an item that is not due pays half on its first review of
// the (institution-local) day and nothing once it has been reviewed that day; in a general
// review it pays nothing. rows are the player's stored rows of the
// answered questions (and their stages, for legacy whole-stage items).
func (g graded) xpShares(rows []store.MemoryState, targeted bool, now time.Time, loc *time.Location) []share {
	byID := make(map[string]store.MemoryState, len(rows))
	for _, m := range rows {
		byID[m.QuestionID] = m
	}
	if loc == nil {
		loc = time.UTC
	}
	today := clock.Day(now, loc)
	out := make([]share, len(g.answers))
	for i, a := range g.answers {
		m, ok := byID[a.QuestionID]
		if !ok {
			m = byID[g.stages[i]]
		}
		switch {
		case m.Due.Unix() <= now.Unix():
			out[i] = fullShare
		case !targeted:
			out[i] = noShare
		case m.LastReview != nil && !clock.Day(*m.LastReview, loc).Before(today):
			out[i] = noShare
		default:
			out[i] = halfShare
		}
	}
	return out
}
