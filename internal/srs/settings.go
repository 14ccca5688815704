package srs

import (
	"errors"
	"fmt"
	"time"
)

// Kind selects the scheduling rules of a season.
type Kind string

const (
	KindFSRS    Kind = "fsrs"
	KindClassic Kind = "classic"
)

// GradeMapping turns an auto-graded answer into an FSRS rating.
type GradeMapping string

const (
	// GradeBinary: wrong → Again, correct → Good (the product default).
	GradeBinary GradeMapping = "binary"
	// GradeSpeed: the original's speed rule, correct under 2 s → Easy,
	// over 6 s → Hard; to be measured before it is trusted.
	GradeSpeed GradeMapping = "speed"
)

// Settings are a season's scheduling choices; store them with the season and
// call Validate when they are saved. Start from DefaultSettings: zero values
// of DesiredRetention, GradeMapping, Weights and MaximumInterval mean the
// default, but a zero RolloverHour means midnight.
type Settings struct {
	Kind             Kind         `json:"kind"`
	DesiredRetention float64      `json:"desired_retention"` // 0.70–0.97
	GradeMapping     GradeMapping `json:"grade_mapping"`
	// Weights are the FSRS weights; the length (17/19/21) is the version.
	// Empty means the FSRS-6 defaults.
	Weights         []float64 `json:"weights,omitempty"`
	RolloverHour    int       `json:"rollover_hour"`
	Fuzz            bool      `json:"fuzz"`
	LoadBalance     bool      `json:"load_balance"`
	MaximumInterval int       `json:"maximum_interval"` // days; 0 means 36500
	// ExamDate, when not zero, is the calendar date of the season's exam (its
	// year, month and day in the learner's zone): an FSRS item whose next
	// review would fall on or after it gets one before it when its predicted
	// recall on the exam day is below ExamTarget (Scheduler.ExamInterval).
	ExamDate   time.Time `json:"exam_date,omitzero"`
	ExamTarget float64   `json:"exam_target,omitempty"` // 0.70–0.97
}

// DefaultSettings is FSRS-6 defaults, retention 0.9, binary grades, rollover
// at 04:00, fuzz and load balancing on (srs.md §2).
func DefaultSettings() Settings {
	return Settings{
		Kind:             KindFSRS,
		DesiredRetention: DefaultDesiredRetention,
		GradeMapping:     GradeBinary,
		RolloverHour:     DefaultRolloverHour,
		Fuzz:             true,
		LoadBalance:      true,
		MaximumInterval:  DefaultMaximumInterval,
	}
}

// Validate reports every invalid field, joined. Kind must be set; the
// FSRS fields are checked for classic seasons too, so switching kind later
// cannot surface a bad value.
func (s Settings) Validate() error {
	var errs []error
	if s.Kind != KindFSRS && s.Kind != KindClassic {
		errs = append(errs, fmt.Errorf("srs: unknown kind %q", s.Kind))
	}
	if s.GradeMapping != "" && s.GradeMapping != GradeBinary && s.GradeMapping != GradeSpeed {
		errs = append(errs, fmt.Errorf("srs: unknown grade mapping %q", s.GradeMapping))
	}
	if s.DesiredRetention != 0 {
		if err := validateRetention(s.DesiredRetention); err != nil {
			errs = append(errs, err)
		}
	}
	if len(s.Weights) > 0 {
		if _, err := MigrateWeights(s.Weights); err != nil {
			errs = append(errs, err)
		}
	}
	if err := (Clock{RolloverHour: s.RolloverHour}).Validate(); err != nil {
		errs = append(errs, err)
	}
	if s.MaximumInterval < 0 || s.MaximumInterval > DefaultMaximumInterval {
		errs = append(errs, fmt.Errorf("srs: maximum interval %d out of [0 (default), %d]", s.MaximumInterval, DefaultMaximumInterval))
	}
	if !s.ExamDate.IsZero() {
		if err := validateRetention(s.ExamTarget); err != nil {
			errs = append(errs, fmt.Errorf("srs: exam target: %w", err))
		}
	}
	return errors.Join(errs...)
}

// normalized fills zero values with defaults and replaces any field that is
// still invalid by its default, so Next never fails on stored settings.
func (s Settings) normalized() Settings {
	d := DefaultSettings()
	if s.Kind != KindClassic {
		s.Kind = KindFSRS
	}
	if s.GradeMapping != GradeSpeed {
		s.GradeMapping = GradeBinary
	}
	if validateRetention(s.DesiredRetention) != nil {
		s.DesiredRetention = d.DesiredRetention
	}
	if _, err := MigrateWeights(s.Weights); err != nil {
		s.Weights = DefaultWeights()
	}
	if s.RolloverHour < 0 || s.RolloverHour > 23 {
		s.RolloverHour = d.RolloverHour
	}
	if s.MaximumInterval < 1 || s.MaximumInterval > DefaultMaximumInterval {
		s.MaximumInterval = d.MaximumInterval
	}
	if validateRetention(s.ExamTarget) != nil {
		s.ExamDate = time.Time{} // no valid target: no exam rule
	}
	return s
}

func (s Settings) scheduler() Scheduler {
	p := Params{
		Weights:          s.Weights,
		DesiredRetention: s.DesiredRetention,
		MaximumInterval:  s.MaximumInterval,
	}
	sch, err := NewScheduler(p)
	if err != nil {
		// Unreachable after normalized; fall back rather than fail a review.
		sch, _ = NewScheduler(Params{Weights: DefaultWeights(), DesiredRetention: DefaultDesiredRetention, MaximumInterval: DefaultMaximumInterval})
	}
	return sch
}

// Grade maps an answer to an FSRS rating under the mapping. An answer that
// needed more than one attempt is Again: the first try is the memory evidence,
// as in the original's rule A. Speed grading ignores unknown durations (<= 0).
func (m GradeMapping) Grade(a Answer) Rating {
	if !a.Correct || a.Attempts > 1 {
		return Again
	}
	if m != GradeSpeed || a.DurationMs <= 0 {
		return Good
	}
	switch {
	case a.DurationMs < speedEasyBelowMs:
		return Easy
	case a.DurationMs > speedHardAboveMs:
		return Hard
	}
	return Good
}

// The speed thresholds are the original's (srs.md §2, rule B).
const (
	speedEasyBelowMs = 2000
	speedHardAboveMs = 6000
)
