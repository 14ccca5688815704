package srseval

import (
	"math"

	"memora/internal/srs"
)

// cardModel predicts recall for one card and learns from its reviews.
// The first review of a card goes to update with elapsedDays 0.
type cardModel interface {
	predict(elapsedDays int) float64
	update(rv review, elapsedDays int, first bool)
}

// predictor is a named family of per-card models. AVG has no per-card model:
// its prediction is the training recall of the fold, filled in at scoring.
type predictor struct {
	name    string
	newCard func() cardModel // nil for AVG
}

const avgName = "AVG"

func predictors(fsrs srs.Scheduler) []predictor {
	return []predictor{
		{name: avgName},
		{name: "SM-2", newCard: func() cardModel { return &sm2Model{} }},
		{name: "SM-2 (cross-day history)", newCard: func() cardModel { return &sm2Model{crossDayOnly: true} }},
		{name: "Classic (rule B)", newCard: func() cardModel { return &classicModel{} }},
		{name: "FSRS-6 defaults", newCard: func() cardModel { return &fsrsModel{s: fsrs} }},
	}
}

// fsrsModel replays FSRS the fsrs-rs way: the formula is chosen by learner
// days elapsed, same-day reviews update the state.
type fsrsModel struct {
	s   srs.Scheduler
	mem srs.Memory
}

func (m *fsrsModel) predict(elapsedDays int) float64 {
	return m.s.RetrievabilityAt(m.mem.Stability, float64(elapsedDays))
}

func (m *fsrsModel) update(rv review, elapsedDays int, first bool) {
	if first {
		m.mem = m.s.InitialMemory(rv.rating)
		return
	}
	m.mem = m.s.NextMemory(m.mem, rv.rating, elapsedDays)
}

// intervalRecall maps a scheduler's interval to a probability the way the
// srs-benchmark does for interval-only schedulers: R = 0.9^(t/interval).
func intervalRecall(elapsedDays int, interval float64) float64 {
	return math.Pow(0.9, float64(elapsedDays)/interval)
}

// sm2Model is SM-2 as srs-benchmark's models/sm2.py: grades 1..4 become
// quality 2..5, Hard/Good/Easy pass, EF starts at 2.5, floor 1.3, intervals
// 1, 6, then ivl·EF, rounded (ivl + 0.01) and capped at 36500 days.
// Every review enters the history, same-day ones included: that reproduces
// the srs.md anchor (0.608). crossDayOnly keeps only the first and the
// cross-day reviews, SM-2 as a day-based app would run it.
type sm2Model struct {
	crossDayOnly bool
	ivl          float64
	ef           float64
	reps         int
}

func (m *sm2Model) predict(elapsedDays int) float64 { return intervalRecall(elapsedDays, m.ivl) }

func (m *sm2Model) update(rv review, elapsedDays int, first bool) {
	if first {
		m.ef = 2.5
	} else if m.crossDayOnly && elapsedDays < 1 {
		return
	}
	q := float64(rv.rating) + 1
	switch {
	case q <= 2:
		m.ivl, m.reps = 1, 0
	case m.reps == 0:
		m.ivl, m.reps = 1, 1
	case m.reps == 1:
		m.ivl, m.reps = 6, 2
	default:
		m.ivl *= m.ef
		m.reps++
	}
	m.ef = math.Max(1.3, m.ef+(0.1-(5-q)*(0.08+(5-q)*0.02)))
	m.ivl = math.Min(math.Max(1, math.RoundToEven(m.ivl+0.01)), srs.StabilityMax)
}

// classicModel is the original's rule B (srs.ClassicReview) applied to every
// review with its real duration (the original ran it on every review answer),
// mapped like SM-2 through its interval. Keeping only cross-day reviews
// changes its log loss by less than 0.001 on the real log.
type classicModel struct{ level int }

func (m *classicModel) predict(elapsedDays int) float64 {
	return intervalRecall(elapsedDays, float64(srs.ClassicIntervalDays(m.level)))
}

func (m *classicModel) update(rv review, _ int, _ bool) {
	m.level, _ = srs.ClassicReview(m.level, rv.rating > srs.Again, rv.durationMs, rv.at)
}
