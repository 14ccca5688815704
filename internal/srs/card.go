package srs

import "time"

// Card is one learner's memory of one item plus its schedule. The zero value
// is a new card, due immediately.
type Card struct {
	Memory
	State State
	// Step indexes LearningSteps or RelearningSteps while the card is in
	// Learning or Relearning; it is 0 otherwise.
	Step       int
	Due        time.Time
	LastReview time.Time
	Reps       int // reviews so far
	Lapses     int // Again answers given in the Review state
}

// NewCard returns a card never reviewed, due at now.
func NewCard(now time.Time) Card { return Card{Due: now} }

// ReviewLog records one review as it happened.
type ReviewLog struct {
	Rating      Rating
	ReviewedAt  time.Time
	StateBefore State
	// ElapsedDays is the gap since the previous review in the unit the
	// scheduler uses (24-hour days for Review, learner days for ReviewDaily).
	ElapsedDays int
	// Interval is Due minus ReviewedAt after the review.
	Interval time.Duration
}

func (c Card) reviewed() bool { return c.State != New }

// usable reports whether the memory can be fed to the formulas; NaN fails.
func (m Memory) usable() bool {
	return m.Stability >= StabilityMin && m.Stability <= StabilityMax &&
		m.Difficulty >= DifficultyMin && m.Difficulty <= DifficultyMax
}
