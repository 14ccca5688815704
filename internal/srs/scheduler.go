package srs

import (
	"fmt"
	"math"
	"time"
)

// Scheduler is py-fsrs 6.3.1's scheduler in Go. It is an immutable value:
// NewScheduler copies the parameters, so one Scheduler can serve many
// goroutines and callers may reuse their slices.
type Scheduler struct {
	m               model
	retention       float64
	maxInterval     int
	learningSteps   []time.Duration
	relearningSteps []time.Duration
	fuzz            bool
}

// NewScheduler validates p and returns a Scheduler that owns copies of its slices.
func NewScheduler(p Params) (Scheduler, error) {
	if err := p.Validate(); err != nil {
		return Scheduler{}, fmt.Errorf("new scheduler: %w", err)
	}
	m, err := newModel(p.Weights)
	if err != nil {
		return Scheduler{}, fmt.Errorf("new scheduler: %w", err)
	}
	s := Scheduler{m: m, retention: p.DesiredRetention, maxInterval: p.MaximumInterval, fuzz: p.EnableFuzz}
	if p.EnableShortTerm {
		s.learningSteps = append([]time.Duration(nil), p.LearningSteps...)
		s.relearningSteps = append([]time.Duration(nil), p.RelearningSteps...)
	}
	return s, nil
}

// Params returns a copy of the scheduler's configuration, weights as 21 values.
func (s Scheduler) Params() Params {
	return Params{
		Weights:          append([]float64(nil), s.m.w[:]...),
		DesiredRetention: s.retention,
		MaximumInterval:  s.maxInterval,
		LearningSteps:    append([]time.Duration(nil), s.learningSteps...),
		RelearningSteps:  append([]time.Duration(nil), s.relearningSteps...),
		EnableFuzz:       s.fuzz,
		EnableShortTerm:  len(s.learningSteps)+len(s.relearningSteps) > 0,
	}
}

// InitialMemory is the state after a first review graded r (S0 = w[r-1], D0 clamped).
func (s Scheduler) InitialMemory(r Rating) Memory { return s.m.initialMemory(r) }

// NextMemory is one fsrs-rs step for a reviewed item; elapsedDays <= 0 means a
// same-day review. It ignores steps and scheduling, which the evaluator needs.
func (s Scheduler) NextMemory(mem Memory, r Rating, elapsedDays int) Memory {
	return s.m.nextMemory(mem, r, elapsedDays)
}

// RetrievabilityAt is R after elapsedDays (may be fractional) at stability S.
func (s Scheduler) RetrievabilityAt(stability, elapsedDays float64) float64 {
	if stability <= 0 {
		return 0
	}
	return s.m.retrievability(math.Max(elapsedDays, 0), stability)
}

// Retrievability is the probability of recalling c at now, counting whole
// 24-hour days since the last review as py-fsrs does; 0 for a new card.
func (s Scheduler) Retrievability(c Card, now time.Time) float64 {
	if !c.reviewed() {
		return 0
	}
	return s.RetrievabilityAt(c.Stability, float64(max(wholeDays(now.Sub(c.LastReview)), 0)))
}

// NextInterval is the whole number of days until R reaches the desired
// retention, rounded half to even as Python's round, within [1, max interval].
func (s Scheduler) NextInterval(stability float64) int {
	days := math.RoundToEven(s.m.rawInterval(stability, s.retention))
	return int(math.Min(math.Max(days, 1), float64(s.maxInterval)))
}

// wholeDays floors d to days, toward minus infinity like Python's timedelta.days.
func wholeDays(d time.Duration) int {
	days := d / (24 * time.Hour)
	if d < 0 && d%(24*time.Hour) != 0 {
		days--
	}
	return int(days)
}
