package play

import (
	"time"

	"memora/internal/catalog"
	"memora/internal/store"
)

// Score is what a graded session achieved.
type Score struct {
	StageXP   int  // 10 + 2 × combo per correct stage
	Correct   int  // scored stages answered correctly at least once
	Total     int  // scored stages of the lesson
	Completed bool // every scored stage answered correctly at least once
}

// The original client's XP rule (§3.3, §7.3): each correct stage earns 10 + 2 × the number
// of consecutive correct answers before it; a wrong answer resets that combo.
const (
	stageXPBase  = 10
	stageXPCombo = 2
)

// ScoreSession walks the graded answers in order. A stage earns XP once: answers to a stage
// already answered correctly change neither XP nor combo, so repeating a stage farms nothing.
func ScoreSession(stages []store.Stage, graded []Graded) Score {
	var sc Score
	for _, s := range stages {
		if catalog.IsScored(s.Type) {
			sc.Total++
		}
	}
	passed := map[string]bool{}
	combo := 0
	for _, g := range graded {
		switch {
		case passed[g.StageID]:
		case g.Correct:
			sc.StageXP += stageXPBase + stageXPCombo*combo
			combo++
			passed[g.StageID] = true
		default:
			combo = 0
		}
	}
	sc.Correct = len(passed)
	sc.Completed = sc.Correct == sc.Total
	return sc
}

// paidReplaysPerDay is how many replays of one lesson pay in a (institution-local) day: the
// first half, the next ones a tenth, later ones nothing, so replays cannot be farmed.
const paidReplaysPerDay = 3

// LessonXP is the XP of a session: the stage XP plus the lesson's reward when the session
// completes it. A lesson completed before is a replay: it earns half of that on the first
// replay of the (institution-local) day, a tenth on the next ones up to paidReplaysPerDay,
// and nothing after. plays are the player's earlier sessions of the lesson, oldest first.
// first reports a first completion.
func LessonXP(sc Score, reward int, plays []store.LessonPlay, day time.Time) (xp int, first bool) {
	xp = sc.StageXP
	if sc.Completed {
		xp += reward
	}
	completedAt := -1
	for i, p := range plays {
		if p.Completed {
			completedAt = i
			break
		}
	}
	if completedAt < 0 {
		return xp, sc.Completed
	}
	today := 0
	for _, p := range plays[completedAt+1:] {
		if p.LocalDay.Equal(day) {
			today++
		}
	}
	switch {
	case today == 0:
		return xp / 2, false
	case today < paidReplaysPerDay:
		return xp / 10, false
	default:
		return 0, false
	}
}
