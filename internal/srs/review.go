package srs

import (
	"fmt"
	"time"
)

// Review grades c with r at now, as py-fsrs's Scheduler.review_card: learning
// and relearning steps at minute level, intervals in whole days once in
// Review, and the memory formula chosen by whole 24-hour days elapsed.
// With fuzz on, the fuzz is derived from the card itself (see ReviewSeeded).
func (s Scheduler) Review(c Card, r Rating, now time.Time) (Card, ReviewLog, error) {
	seed := uint64(c.Reps)<<32 ^ timeBits(c.LastReview) ^ splitmix64(timeBits(now))
	return s.ReviewSeeded(c, r, now, seed)
}

// timeBits is a deterministic 64-bit image of t, defined for every instant
// (UnixNano is not for the zero time).
func timeBits(t time.Time) uint64 {
	return uint64(t.Unix())*1_000_000_000 + uint64(t.Nanosecond())
}

// ReviewSeeded is Review with the fuzz drawn from seed, so a caller can make
// it reproducible per (player, question, review) with FuzzSeed.
func (s Scheduler) ReviewSeeded(c Card, r Rating, now time.Time, seed uint64) (Card, ReviewLog, error) {
	if !r.Valid() {
		return c, ReviewLog{}, fmt.Errorf("srs: review: invalid rating %d", int(r))
	}
	elapsed := 0
	if c.reviewed() {
		elapsed = wholeDays(now.Sub(c.LastReview))
	}
	log := ReviewLog{Rating: r, ReviewedAt: now, StateBefore: c.State, ElapsedDays: max(elapsed, 0)}
	next := c
	next.Memory = s.updateMemory(c, r, elapsed)
	var interval time.Duration
	switch c.State {
	case New, Learning:
		next, interval = s.stepOrGraduate(next, r, s.learningSteps)
	case Review:
		next, interval = s.afterReview(next, r)
	case Relearning:
		next, interval = s.stepOrGraduate(next, r, s.relearningSteps)
	default:
		return c, ReviewLog{}, fmt.Errorf("srs: review: invalid state %d", int(c.State))
	}
	if s.fuzz && next.State == Review {
		days := s.fuzzDays(int(interval/(24*time.Hour)), max(elapsed, 0), seed)
		interval = time.Duration(days) * 24 * time.Hour
	}
	next.Due = now.Add(interval)
	next.LastReview = now
	next.Reps++
	log.Interval = interval
	return next, log, nil
}

// updateMemory follows py-fsrs: a new card is initialised, a review less than
// a whole day after the previous one uses the same-day formula. A card whose
// stored memory is unusable (zero, NaN, out of bounds) is initialised too,
// rather than poisoning every later review.
func (s Scheduler) updateMemory(c Card, r Rating, elapsed int) Memory {
	if !c.reviewed() || !c.Memory.usable() {
		return s.m.initialMemory(r)
	}
	return s.m.nextMemory(c.Memory, r, max(elapsed, 0))
}

func (s Scheduler) afterReview(c Card, r Rating) (Card, time.Duration) {
	if r != Again {
		return c, s.daysInterval(c.Stability)
	}
	c.Lapses++
	if len(s.relearningSteps) == 0 {
		return c, s.daysInterval(c.Stability)
	}
	c.State, c.Step = Relearning, 0
	return c, s.relearningSteps[0]
}

// stepOrGraduate walks the (re)learning steps exactly as py-fsrs does,
// including its Hard rule (halfway between the first two steps) and the edge
// case of a card left on a step that the current steps no longer have.
func (s Scheduler) stepOrGraduate(c Card, r Rating, steps []time.Duration) (Card, time.Duration) {
	if c.State == New {
		c.State = Learning
	}
	if len(steps) == 0 || (c.Step >= len(steps) && r != Again) {
		return s.graduate(c)
	}
	switch r {
	case Again:
		c.Step = 0
		return c, steps[0]
	case Hard:
		return c, hardStep(steps, c.Step)
	case Good:
		if c.Step+1 == len(steps) {
			return s.graduate(c)
		}
		c.Step++
		return c, steps[c.Step]
	default: // Easy
		return s.graduate(c)
	}
}

func hardStep(steps []time.Duration, step int) time.Duration {
	switch {
	case step == 0 && len(steps) == 1:
		return steps[0] * 3 / 2
	case step == 0:
		return (steps[0] + steps[1]) / 2
	default:
		return steps[step]
	}
}

func (s Scheduler) graduate(c Card) (Card, time.Duration) {
	c.State, c.Step = Review, 0
	return c, s.daysInterval(c.Stability)
}

func (s Scheduler) daysInterval(stability float64) time.Duration {
	return time.Duration(s.NextInterval(stability)) * 24 * time.Hour
}
