package srs

import (
	"fmt"
	"time"
)

// DayRules are the product-mode options of one review.
type DayRules struct {
	Clock Clock
	// Fuzz spreads Review intervals of 3 days or more inside FuzzWindow.
	Fuzz bool
	// Seed makes fuzz deterministic; derive it with FuzzSeed.
	Seed uint64
	// Load, when not nil, turns on load balancing: the due day becomes the
	// least-loaded learner day of the fuzz window. It receives a Clock day
	// number and returns how many reviews are already due that day.
	Load func(day int) int
}

// ReviewDaily is Memora's product mode (srs.md §2). There are no minute
// steps: the formula is chosen by learner days elapsed (0 = same-day repeat,
// e.g. the lesson retry queue), and the card is always due at the start of a
// later learner day, at least the next one.
//
// States keep their meaning for levels and mastery: a wrong answer moves a
// new or learning card to Learning and a review card to Relearning (a lapse);
// a pass moves any card to Review.
func (s Scheduler) ReviewDaily(c Card, r Rating, now time.Time, rules DayRules) (Card, ReviewLog, error) {
	if !r.Valid() {
		return c, ReviewLog{}, fmt.Errorf("srs: review daily: invalid rating %d", int(r))
	}
	if err := rules.Clock.Validate(); err != nil {
		return c, ReviewLog{}, fmt.Errorf("srs: review daily: %w", err)
	}
	today := rules.Clock.Day(now)
	elapsed := 0
	if c.reviewed() {
		// A clock running backwards counts as the same day, never negative.
		elapsed = max(today-rules.Clock.Day(c.LastReview), 0)
	}
	next := c
	next.Memory = s.updateMemory(c, r, elapsed)
	next.State, next.Step = dailyState(c.State, r), 0
	if r == Again && c.State == Review {
		next.Lapses++
	}
	days := s.dailyInterval(next, elapsed, today, rules)
	next.Due = rules.Clock.DayStart(today + days)
	next.LastReview = now
	next.Reps++
	log := ReviewLog{Rating: r, ReviewedAt: now, StateBefore: c.State, ElapsedDays: elapsed, Interval: next.Due.Sub(now)}
	return next, log, nil
}

func dailyState(prev State, r Rating) State {
	switch {
	case r != Again:
		return Review
	case prev == Review || prev == Relearning:
		return Relearning
	default:
		return Learning
	}
}

// dailyInterval is the FSRS interval in learner days (at least 1), then fuzzed
// and load-balanced for cards in Review.
func (s Scheduler) dailyInterval(c Card, elapsed, today int, rules DayRules) int {
	days := s.NextInterval(c.Stability)
	if c.State != Review || (!rules.Fuzz && rules.Load == nil) {
		return days
	}
	lo, hi := FuzzWindow(days, elapsed, s.maxInterval)
	target := days
	if rules.Fuzz {
		target = pickInWindow(lo, hi, rules.Seed)
	}
	if rules.Load == nil {
		return target
	}
	return balanceDay(lo, hi, target, today, rules.Load)
}
