// Package simulate runs simulated students through review schedulers under
// the product's day rules (srs.md §4b): learner days with a 04:00 rollover,
// a daily cap in sessions of 15, new items introduced by lessons, irregular
// attendance. Recall comes from a ground-truth memory model the schedulers
// never see; two are provided, FSRS-6 with per-student parameters and
// half-life regression, so FSRS is not only judged by itself.
//
// Everything is deterministic for a seed: each random draw is a hash of the
// seed and what it is for (student, item, review number), so every scheduler
// meets the same students, the same attendance and the same coin for the
// k-th review of an item (common random numbers), and the result does not
// depend on how students are spread over goroutines.
package simulate

import (
	"errors"
	"fmt"
	"slices"

	"memora/internal/srs/revlog"
)

// Truth names a ground-truth memory model.
type Truth string

const (
	// TruthFSRS is FSRS-6 with per-student weights drawn around the defaults
	// and a per-item stability factor.
	TruthFSRS Truth = "FSRS-6 (sampled)"
	// TruthHLR is half-life regression (Settles & Meeder 2016): exponential
	// forgetting p = 2^(−Δ/h), h = 2^(θ·x) over counts of correct and wrong
	// answers, with per-student θ, per-item difficulty and a slow drift.
	TruthHLR Truth = "HLR"
)

// Config is one simulation. Start from DefaultConfig.
type Config struct {
	Students, Items, Days int
	NewPerDay             int // lessons: new items per attended day
	SessionSize           int // reviews come in sessions of this many
	MaxSessions           int // daily cap, in sessions
	SkipProb              float64
	BreakProb             float64 // chance per day that a 7–14-day break starts
	FirstTryCorrect       float64 // chance a lesson's first try is right
	// ItemSpread is the standard deviation of the log of the per-item factor
	// on the FSRS truth's initial stability (items differ in difficulty).
	ItemSpread float64
	Retentions []float64
	Truths     []Truth
	// RefitDays are the days on which the optimized scheduler refits its
	// weights on the student's own past reviews.
	RefitDays []int
	// Durations are review times in ms drawn for passes and for failures.
	Durations Durations
	Seed      uint64
	// ExamDay > 0 adds the exam-aware scheduler at every retention and
	// reports recall on that day; ExamTarget is its exam-day recall target.
	ExamDay    int
	ExamTarget float64
	// Oracle adds FSRS-6 with each student's true weights (FSRS truth).
	Oracle bool
	// truthWeights (forecasts) replace the sampled per-student weights of
	// the FSRS truth; schedulerWeights replace the FSRS-6 defaults.
	truthWeights, schedulerWeights []float64
	// start (forecasts from live states) holds each student's reviewed items:
	// they replace the lessons.
	start [][]StartItem
	// arrivals (forecasts from live states, nil: none) are each student's new
	// items to come.
	arrivals []Arrivals
	// Workers run students in parallel (results do not depend on it).
	Workers int
}

// Durations holds observed review times in ms.
type Durations struct{ Pass, Fail []int }

// DefaultConfig is the protocol of srs.md §4b at the scale the docs report:
// 200 students × 500 items × 365 days, 10 new items a day, at most 10
// sessions of 15 reviews a day, 20 % of days skipped and a 7–14-day break
// every ~2 months, desired retention 0.80–0.95, both ground truths.
func DefaultConfig(d Durations) Config {
	return Config{
		Students: 200, Items: 500, Days: 365,
		NewPerDay: 10, SessionSize: 15, MaxSessions: 10,
		SkipProb: 0.2, BreakProb: 1.0 / 60, FirstTryCorrect: 0.75, ItemSpread: 0.3,
		Retentions: []float64{0.80, 0.85, 0.90, 0.95},
		Truths:     []Truth{TruthFSRS, TruthHLR},
		RefitDays:  []int{30, 60, 120, 240},
		Durations:  d,
		Seed:       20261206,
		Workers:    2,
		Oracle:     true,
	}
}

// DurationsFromLog takes the review times of a review log: Again answers are
// failures, the rest passes; rows without a time are left out.
func DurationsFromLog(rows []revlog.Review) Durations {
	var d Durations
	for _, rv := range rows {
		if rv.DurationMs <= 0 {
			continue
		}
		if rv.Rating == 1 {
			d.Fail = append(d.Fail, rv.DurationMs)
		} else {
			d.Pass = append(d.Pass, rv.DurationMs)
		}
	}
	slices.Sort(d.Pass)
	slices.Sort(d.Fail)
	return d
}

// Validate rejects a configuration that cannot run.
func (c Config) Validate() error {
	switch {
	case c.Students < 1 || c.Items < 1 || c.Days < 1:
		return fmt.Errorf("simulate: students %d, items %d, days %d must be positive", c.Students, c.Items, c.Days)
	case c.NewPerDay < 1 || c.SessionSize < 1 || c.MaxSessions < 1:
		return errors.New("simulate: new per day, session size and sessions per day must be positive")
	case !(c.SkipProb >= 0 && c.SkipProb < 1) || !(c.BreakProb >= 0 && c.BreakProb < 1):
		return errors.New("simulate: skip and break probabilities must be in [0, 1)")
	case !(c.FirstTryCorrect > 0 && c.FirstTryCorrect < 1):
		return errors.New("simulate: first-try probability must be in (0, 1)")
	case len(c.Retentions) == 0 || len(c.Truths) == 0:
		return errors.New("simulate: no retention or no ground truth")
	case len(c.Durations.Pass) == 0 || len(c.Durations.Fail) == 0:
		return errors.New("simulate: review durations for passes and failures are required")
	}
	if c.ExamDay < 0 || c.ExamDay >= c.Days || (c.ExamDay > 0 && !(c.ExamTarget > 0.7 && c.ExamTarget < 1)) {
		return fmt.Errorf("simulate: exam day %d must be in [0, days) with a target in (0.7, 1), got %v", c.ExamDay, c.ExamTarget)
	}
	for _, r := range c.Retentions {
		if !(r >= 0.7 && r <= 0.97) {
			return fmt.Errorf("simulate: desired retention %v out of [0.70, 0.97]", r)
		}
	}
	for _, t := range c.Truths {
		if t != TruthFSRS && t != TruthHLR {
			return fmt.Errorf("simulate: unknown ground truth %q", t)
		}
	}
	return nil
}
