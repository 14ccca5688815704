package srs

import (
	"errors"
	"fmt"
	"math"
	"time"
)

// The FSRS-6 defaults (fsrs-rs, py-fsrs 6.3.1): medians of per-user fits.
// Arrays, unexported, never written: callers get copies from DefaultWeights.
var defaultWeights = [21]float64{
	0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796,
	1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
}

// Bounds from py-fsrs 6.3.1 (the optimizer's clipping range); weights outside
// them make the formulas misbehave (negative stability, exploding growth).
var (
	weightLower = [21]float64{
		0.001, 0.001, 0.001, 0.001, 1.0, 0.001, 0.001, 0.001, 0.0, 0.0, 0.001,
		0.001, 0.001, 0.001, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.1,
	}
	weightUpper = [21]float64{
		100.0, 100.0, 100.0, 100.0, 10.0, 4.0, 4.0, 0.75, 4.5, 0.8, 3.5,
		5.0, 0.25, 0.9, 4.0, 1.0, 6.0, 2.0, 2.0, 0.8, 0.8,
	}
)

const (
	// StabilityMin and StabilityMax bound stability in days (fsrs-rs S_MIN, S_MAX).
	StabilityMin = 0.001
	StabilityMax = 36500.0
	// DifficultyMin and DifficultyMax bound difficulty.
	DifficultyMin = 1.0
	DifficultyMax = 10.0
	// MinDesiredRetention and MaxDesiredRetention are the product's allowed range (srs.md §2).
	MinDesiredRetention = 0.70
	MaxDesiredRetention = 0.97
	// DefaultDesiredRetention is the product default.
	DefaultDesiredRetention = 0.90
	// DefaultMaximumInterval is py-fsrs's cap, in days.
	DefaultMaximumInterval = 36500
	// fsrs5Decay is the fixed decay of FSRS-4.5/5, used when migrating old weights.
	fsrs5Decay = 0.5
)

// DefaultWeights returns a fresh copy of the 21 FSRS-6 default weights.
func DefaultWeights() []float64 {
	w := defaultWeights
	return w[:]
}

// Params configures a Scheduler. Weights carry their version in their length:
// 17 (FSRS-4.5), 19 (FSRS-5) or 21 (FSRS-6); shorter vectors are migrated the
// way fsrs-rs does so stored per-season parameters keep working.
type Params struct {
	Weights          []float64
	DesiredRetention float64
	MaximumInterval  int // days
	// LearningSteps and RelearningSteps are py-fsrs's minute-level steps; the
	// product mode (ReviewDaily) ignores them.
	LearningSteps   []time.Duration
	RelearningSteps []time.Duration
	// EnableFuzz spreads Review-state intervals (py-fsrs enable_fuzzing).
	EnableFuzz bool
	// EnableShortTerm turns the learning and relearning steps on; off, every
	// answer schedules whole days, as go-fsrs's long-term scheduler.
	EnableShortTerm bool
}

// DefaultParams returns py-fsrs's scheduler defaults with fuzz off: steps of
// 1 and 10 minutes, relearning 10 minutes, retention 0.9, cap 36500 days.
func DefaultParams() Params {
	return Params{
		Weights:          DefaultWeights(),
		DesiredRetention: DefaultDesiredRetention,
		MaximumInterval:  DefaultMaximumInterval,
		LearningSteps:    []time.Duration{time.Minute, 10 * time.Minute},
		RelearningSteps:  []time.Duration{10 * time.Minute},
		EnableShortTerm:  true,
	}
}

// Validate checks every field; the error lists the first problem found.
func (p Params) Validate() error {
	if _, err := MigrateWeights(p.Weights); err != nil {
		return err
	}
	if err := validateRetention(p.DesiredRetention); err != nil {
		return err
	}
	if p.MaximumInterval < 1 || p.MaximumInterval > DefaultMaximumInterval {
		return fmt.Errorf("srs: maximum interval %d out of [1, %d]", p.MaximumInterval, DefaultMaximumInterval)
	}
	if err := validateSteps("learning", p.LearningSteps); err != nil {
		return err
	}
	return validateSteps("relearning", p.RelearningSteps)
}

func validateRetention(dr float64) error {
	if !(dr >= MinDesiredRetention && dr <= MaxDesiredRetention) { // also rejects NaN
		return fmt.Errorf("srs: desired retention %v out of [%v, %v]", dr, MinDesiredRetention, MaxDesiredRetention)
	}
	return nil
}

func validateSteps(kind string, steps []time.Duration) error {
	for i, s := range steps {
		if s <= 0 {
			return fmt.Errorf("srs: %s step %d is %v, must be positive", kind, i, s)
		}
	}
	return nil
}

// ErrWeightCount reports a weight vector whose length is not a known version.
var ErrWeightCount = errors.New("srs: weights must have 17, 19 or 21 values")

// MigrateWeights returns a 21-weight FSRS-6 copy of w, converting FSRS-4.5 (17)
// and FSRS-5 (19) vectors as fsrs-rs does, and checks the bounds.
func MigrateWeights(w []float64) ([]float64, error) {
	var out []float64
	switch len(w) {
	case 21:
		out = append([]float64(nil), w...)
	case 19:
		// FSRS-5 had no S^-w19 term and a fixed decay of 0.5.
		out = append(append([]float64(nil), w...), 0, fsrs5Decay)
	case 17:
		out = migrate17(w)
	default:
		return nil, fmt.Errorf("%w, got %d", ErrWeightCount, len(w))
	}
	if err := checkBounds(out); err != nil {
		return nil, err
	}
	return out, nil
}

// migrate17 converts FSRS-4.5's linear initial difficulty D0 = w4 - (G-3)·w5
// into FSRS-5's exponential form and adds neutral same-day weights
// (fsrs-rs check_and_fill_parameters).
func migrate17(w []float64) []float64 {
	out := append([]float64(nil), w...)
	out[4] = w[5]*2 + w[4]
	out[5] = math.Log(w[5]*3+1) / 3
	out[6] = w[6] + 0.5
	return append(out, 0, 0, 0, fsrs5Decay)
}

func checkBounds(w []float64) error {
	for i, v := range w {
		if !(v >= weightLower[i] && v <= weightUpper[i]) {
			return fmt.Errorf("srs: weight w%d = %v out of [%v, %v]", i, v, weightLower[i], weightUpper[i])
		}
	}
	return nil
}

// WeightBounds returns copies of the lower and upper bounds of the 21 FSRS-6
// weights (py-fsrs 6.3.1), the optimizer's clipping range.
func WeightBounds() (lower, upper []float64) {
	lo, hi := weightLower, weightUpper
	return lo[:], hi[:]
}
