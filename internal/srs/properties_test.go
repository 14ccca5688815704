package srs

import (
	"math"
	"slices"
	"testing"
	"time"

	"pgregory.net/rapid"
)

var propStart = time.Date(2024, 1, 1, 9, 0, 0, 0, time.UTC)

// drawWeights draws a valid 21-weight vector. Initial stabilities are sorted
// because a fitted FSRS never has S0(Good) > S0(Easy); the bounds alone allow it.
func drawWeights(t *rapid.T) []float64 {
	w := make([]float64, 21)
	for i := range w {
		w[i] = rapid.Float64Range(weightLower[i], weightUpper[i]).Draw(t, "w")
	}
	slices.Sort(w[:4])
	return w
}

func drawScheduler(t *rapid.T) Scheduler {
	p := DefaultParams()
	p.Weights = drawWeights(t)
	p.DesiredRetention = rapid.Float64Range(MinDesiredRetention, MaxDesiredRetention).Draw(t, "dr")
	s, err := NewScheduler(p)
	if err != nil {
		t.Fatalf("drawn params rejected: %v", err)
	}
	return s
}

type step struct {
	rating Rating
	gap    time.Duration
}

// drawHistory draws reviews from same-minute repeats to year-long gaps.
func drawHistory(t *rapid.T) []step {
	gen := rapid.Custom(func(t *rapid.T) step {
		r := Rating(rapid.IntRange(1, 4).Draw(t, "rating"))
		minutes := rapid.OneOf(rapid.IntRange(0, 60), rapid.IntRange(0, 3*24*60), rapid.IntRange(0, 400*24*60)).Draw(t, "gap")
		return step{r, time.Duration(minutes) * time.Minute}
	})
	return rapid.SliceOfN(gen, 0, 25).Draw(t, "history")
}

func checkCard(t *rapid.T, c Card, now time.Time) {
	if !(c.Stability >= StabilityMin && c.Stability <= StabilityMax) {
		t.Fatalf("stability %v out of bounds", c.Stability)
	}
	if !(c.Difficulty >= DifficultyMin && c.Difficulty <= DifficultyMax) {
		t.Fatalf("difficulty %v out of [1, 10]", c.Difficulty)
	}
	if c.Due.Before(now) {
		t.Fatalf("due %v before review %v: negative interval", c.Due, now)
	}
}

func TestPropertyReviewKeepsInvariants(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := drawScheduler(t)
		card, now := NewCard(propStart), propStart
		for _, st := range drawHistory(t) {
			now = now.Add(st.gap)
			next, log, err := s.Review(card, st.rating, now)
			if err != nil {
				t.Fatal(err)
			}
			checkCard(t, next, now)
			if log.Interval < 0 {
				t.Fatalf("negative interval %v", log.Interval)
			}
			card = next
		}
	})
}

func TestPropertyReviewDailyKeepsInvariants(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := drawScheduler(t)
		clock := Clock{Location: time.FixedZone("z", rapid.IntRange(-12, 14).Draw(t, "tz")*3600), RolloverHour: rapid.IntRange(0, 23).Draw(t, "hour")}
		rules := DayRules{Clock: clock, Fuzz: rapid.Bool().Draw(t, "fuzz"), Seed: rapid.Uint64().Draw(t, "seed")}
		card, now := NewCard(propStart), propStart
		for _, st := range drawHistory(t) {
			now = now.Add(st.gap)
			next, _, err := s.ReviewDaily(card, st.rating, now, rules)
			if err != nil {
				t.Fatal(err)
			}
			checkCard(t, next, now)
			if clock.Day(next.Due) <= clock.Day(now) {
				t.Fatalf("due on learner day %d, reviewed on %d: must be a later day", clock.Day(next.Due), clock.Day(now))
			}
			if !next.Due.Equal(clock.DayStart(clock.Day(next.Due))) {
				t.Fatalf("due %v is not the start of a learner day", next.Due)
			}
			card = next
		}
	})
}

// replayCard plays a drawn history, returning the card and the time of its last review.
func replayDaily(t *rapid.T, s Scheduler, rules DayRules) (Card, time.Time) {
	card, now := NewCard(propStart), propStart
	for _, st := range drawHistory(t) {
		now = now.Add(st.gap)
		next, _, err := s.ReviewDaily(card, st.rating, now, rules)
		if err != nil {
			t.Fatal(err)
		}
		card = next
	}
	return card, now
}

func TestPropertyHigherGradeNeverShorter(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := drawScheduler(t)
		rules := DayRules{Clock: Clock{RolloverHour: 4}}
		card, last := replayDaily(t, s, rules)
		now := last.Add(time.Duration(rapid.IntRange(0, 200*24*60).Draw(t, "wait")) * time.Minute)
		prev := time.Duration(-1)
		for r := Again; r <= Easy; r++ {
			next, log, err := s.ReviewDaily(card, r, now, rules)
			if err != nil {
				t.Fatal(err)
			}
			if log.Interval < prev {
				t.Fatalf("%v gives %v, shorter than the grade below (%v); stability %v", r, log.Interval, prev, next.Stability)
			}
			prev = log.Interval
		}
	})
}

func TestPropertyHigherGradeNeverShorterWithSteps(t *testing.T) {
	// py-fsrs's scheduler with its default (sorted) steps.
	rapid.Check(t, func(t *rapid.T) {
		p := DefaultParams()
		p.Weights = drawWeights(t)
		s, err := NewScheduler(p)
		if err != nil {
			t.Fatal(err)
		}
		card, now := NewCard(propStart), propStart
		for _, st := range drawHistory(t) {
			now = now.Add(st.gap)
			if card, _, err = s.Review(card, st.rating, now); err != nil {
				t.Fatal(err)
			}
		}
		now = now.Add(time.Duration(rapid.IntRange(0, 200*24*60).Draw(t, "wait")) * time.Minute)
		prev := time.Duration(-1)
		for r := Again; r <= Easy; r++ {
			_, log, err := s.Review(card, r, now)
			if err != nil {
				t.Fatal(err)
			}
			if log.Interval < prev {
				t.Fatalf("%v in state %v gives %v, shorter than %v", r, card.State, log.Interval, prev)
			}
			prev = log.Interval
		}
	})
}

func TestPropertyRetrievabilityDecreasing(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := drawScheduler(t)
		stability := rapid.Float64Range(StabilityMin, StabilityMax).Draw(t, "S")
		t1 := rapid.Float64Range(0, 1e5).Draw(t, "t1")
		t2 := t1 + rapid.Float64Range(0, 1e5).Draw(t, "dt")
		r1, r2 := s.RetrievabilityAt(stability, t1), s.RetrievabilityAt(stability, t2)
		if !(r1 >= 0 && r1 <= 1 && r2 >= 0 && r2 <= 1) {
			t.Fatalf("R out of [0, 1]: %v, %v", r1, r2)
		}
		if r2 > r1 {
			t.Fatalf("R rose from %v to %v between t=%v and t=%v", r1, r2, t1, t2)
		}
		near(t, "R(S, S)", s.RetrievabilityAt(stability, stability), 0.9, 1e-9)
	})
}

func TestPropertyCardRetrievability(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := drawScheduler(t)
		card, last := replayDaily(t, s, DayRules{Clock: Clock{RolloverHour: 4}})
		a := last.Add(time.Duration(rapid.IntRange(-1000, 1e6).Draw(t, "a")) * time.Minute)
		b := a.Add(time.Duration(rapid.IntRange(0, 1e6).Draw(t, "b")) * time.Minute)
		ra, rb := s.Retrievability(card, a), s.Retrievability(card, b)
		if ra < 0 || ra > 1 || rb > ra || math.IsNaN(rb) {
			t.Fatalf("R(%v) = %v, R(%v) = %v", a, ra, b, rb)
		}
	})
}

func TestPropertyFuzzWindow(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		maxIvl := rapid.IntRange(1, DefaultMaximumInterval).Draw(t, "max")
		ivl := rapid.IntRange(1, maxIvl).Draw(t, "interval")
		elapsed := rapid.IntRange(0, 2*maxIvl).Draw(t, "elapsed")
		lo, hi := FuzzWindow(ivl, elapsed, maxIvl)
		if lo < 1 || hi > maxIvl || lo > hi {
			t.Fatalf("window [%d, %d] invalid for max %d", lo, hi, maxIvl)
		}
		if ivl > elapsed && lo < min(elapsed+1, hi) {
			t.Fatalf("window [%d, %d] starts before elapsed+1 = %d", lo, hi, elapsed+1)
		}
		if ivl < lo || ivl > hi {
			t.Fatalf("window [%d, %d] misses the interval %d", lo, hi, ivl)
		}
		if ivl < maxIvl {
			lo2, hi2 := FuzzWindow(ivl+1, elapsed, maxIvl)
			if lo2 < lo || hi2 < hi {
				t.Fatalf("window shrank back: [%d, %d] for %d, [%d, %d] for %d", lo, hi, ivl, lo2, hi2, ivl+1)
			}
		}
	})
}

func TestPropertyLoadBalanceChoosesMinimum(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		loads := rapid.SliceOfN(rapid.IntRange(0, 50), 200, 200).Draw(t, "loads")
		load := func(day int) int { return loads[day%len(loads)] }
		lo := rapid.IntRange(2, 100).Draw(t, "lo")
		hi := lo + rapid.IntRange(0, 20).Draw(t, "width")
		target := rapid.IntRange(lo, hi).Draw(t, "target")
		today := rapid.IntRange(0, 50).Draw(t, "today")
		got := balanceDay(lo, hi, target, today, load)
		if got < lo || got > hi {
			t.Fatalf("day %d outside [%d, %d]", got, lo, hi)
		}
		for d := lo; d <= hi; d++ {
			if load(today+d) < load(today+got) {
				t.Fatalf("day %d has load %d < chosen day %d's %d", d, load(today+d), got, load(today+got))
			}
		}
	})
}

func TestPropertyClassicLevelsInRange(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		current := rapid.IntRange(-5, 10).Draw(t, "current")
		level, next := ClassicReview(current, rapid.Bool().Draw(t, "correct"), rapid.IntRange(-1, 100000).Draw(t, "ms"), propStart)
		if level < 1 || level > 4 || !next.After(propStart) {
			t.Fatalf("level %d, next %v", level, next)
		}
		level, next = ClassicLesson(rapid.IntRange(-1, 100000).Draw(t, "ms"), rapid.IntRange(-1, 5).Draw(t, "attempts"), propStart)
		if level < 1 || level > 4 || next.Before(propStart) {
			t.Fatalf("lesson level %d, next %v", level, next)
		}
	})
}
