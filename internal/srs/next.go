package srs

import "time"

// Source says where an answer was given: classic rules treat lesson and
// review answers differently (rules A and B); anything but SourceLesson is a
// review. FSRS treats both alike.
type Source string

const (
	SourceLesson Source = "lesson"
	SourceReview Source = "review"
)

// Answer is one auto-graded answer to one question.
type Answer struct {
	Correct    bool
	DurationMs int
	Attempts   int // 0 means 1
	Source     Source
	// Seed makes fuzz deterministic; use FuzzSeed(player, question, reps).
	Seed uint64
	// Load, optional, returns the number of reviews already due on a learner
	// day (a Clock day number); used when Settings.LoadBalance is on.
	Load func(day int) int
}

// MemoryItem is what the platform stores per (player, season, question).
// Level is the 1–4 level clients expect: the classic level for classic
// seasons, StabilityLevel for FSRS seasons.
type MemoryItem struct {
	Stability  float64
	Difficulty float64
	State      State
	Due        time.Time
	LastReview time.Time
	Reps       int
	Lapses     int
	Level      int
}

// Next applies one answer to an item under a season's settings. It is the one
// code path for FSRS and classic seasons. Settings are expected to have passed
// Validate; Next never fails: zero or invalid fields fall back to defaults.
// loc is the learner's (institution's) time zone; nil means UTC.
func Next(settings Settings, prev MemoryItem, answer Answer, now time.Time, loc *time.Location) MemoryItem {
	s := settings.normalized()
	if s.Kind == KindClassic {
		return nextClassic(prev, answer, now)
	}
	return nextFSRS(s, prev, answer, now, loc)
}

func nextClassic(prev MemoryItem, a Answer, now time.Time) MemoryItem {
	next := prev
	if a.Source == SourceLesson {
		next.Level, next.Due = ClassicLesson(a.DurationMs, a.Attempts, now)
	} else {
		next.Level, next.Due = ClassicReview(prev.Level, a.Correct, a.DurationMs, now)
		if !a.Correct {
			next.Lapses++
		}
	}
	next.LastReview = now
	next.Reps++
	return next
}

func nextFSRS(s Settings, prev MemoryItem, a Answer, now time.Time, loc *time.Location) MemoryItem {
	rules := DayRules{Clock: Clock{Location: loc, RolloverHour: s.RolloverHour}, Fuzz: s.Fuzz, Seed: a.Seed}
	if s.LoadBalance {
		rules.Load = a.Load
	}
	sch := s.scheduler()
	card, _, err := sch.ReviewDaily(prev.card(), s.GradeMapping.Grade(a), now, rules)
	if err != nil {
		return prev // unreachable: the rating and clock are valid by construction
	}
	if !s.ExamDate.IsZero() {
		today := rules.Clock.Day(now)
		interval := rules.Clock.Day(card.Due) - today
		if days := sch.ExamInterval(card.Memory, interval, CalendarDay(s.ExamDate)-today, s.ExamTarget); days != interval {
			card.Due = rules.Clock.DayStart(today + days)
		}
	}
	return itemFromCard(card)
}

func (m MemoryItem) card() Card {
	c := Card{
		Memory:     Memory{Stability: m.Stability, Difficulty: m.Difficulty},
		State:      m.State,
		Due:        m.Due,
		LastReview: m.LastReview,
		Reps:       m.Reps,
		Lapses:     m.Lapses,
	}
	// An item carried over from a classic season (or corrupted) has no usable
	// FSRS memory: start it fresh rather than divide by a zero stability.
	if !c.Memory.usable() {
		c.State = New
	}
	return c
}

func itemFromCard(c Card) MemoryItem {
	return MemoryItem{
		Stability:  c.Stability,
		Difficulty: c.Difficulty,
		State:      c.State,
		Due:        c.Due,
		LastReview: c.LastReview,
		Reps:       c.Reps,
		Lapses:     c.Lapses,
		Level:      StabilityLevel(c),
	}
}
