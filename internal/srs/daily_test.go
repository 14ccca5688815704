package srs

import (
	"testing"
	"time"
)

var dailyClock = Clock{Location: time.UTC, RolloverHour: 4}

func dailyReview(t testing.TB, s Scheduler, c Card, r Rating, now time.Time, rules DayRules) Card {
	t.Helper()
	next, _, err := s.ReviewDaily(c, r, now, rules)
	noErr(t, err)
	return next
}

func TestDailyNewCardDueNextDayAtRollover(t *testing.T) {
	s := goldenScheduler(t)
	now := time.Date(2024, 5, 1, 22, 0, 0, 0, time.UTC)
	rules := DayRules{Clock: dailyClock}
	wrong := dailyReview(t, s, NewCard(now), Again, now, rules)
	check(t, "state after wrong", wrong.State, Learning)
	check(t, "due", wrong.Due, time.Date(2024, 5, 2, 4, 0, 0, 0, time.UTC))
	check(t, "level", StabilityLevel(wrong), 1)

	right := dailyReview(t, s, NewCard(now), Good, now, rules)
	check(t, "state after right", right.State, Review)
	// S0(Good) = 2.3065 days → 2 days at DR 0.9.
	check(t, "due", right.Due, time.Date(2024, 5, 3, 4, 0, 0, 0, time.UTC))
	check(t, "level", StabilityLevel(right), 2)
}

func TestDailySameDayRepeatUsesShortTermAndNextDay(t *testing.T) {
	s := goldenScheduler(t)
	rules := DayRules{Clock: dailyClock}
	start := time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)
	first := dailyReview(t, s, NewCard(start), Again, start, rules)
	retry := dailyReview(t, s, first, Good, start.Add(5*time.Minute), rules)
	want := s.m.shortTermStability(first.Stability, Good)
	check(t, "same-day stability", retry.Stability, want)
	check(t, "never due the same day", retry.Due, time.Date(2024, 5, 2, 4, 0, 0, 0, time.UTC))
	// 03:00 the next calendar day is still the same learner day.
	late := dailyReview(t, s, first, Good, time.Date(2024, 5, 2, 3, 0, 0, 0, time.UTC), rules)
	check(t, "03:00 counts as same day", late.Stability, want)
}

func TestDailyLapse(t *testing.T) {
	s := goldenScheduler(t)
	rules := DayRules{Clock: dailyClock}
	now := time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)
	card := dailyReview(t, s, NewCard(now), Good, now, rules)
	card = dailyReview(t, s, card, Good, card.Due.Add(6*time.Hour), rules)
	before := card.Stability
	card = dailyReview(t, s, card, Again, card.Due.Add(6*time.Hour), rules)
	check(t, "state", card.State, Relearning)
	check(t, "lapses", card.Lapses, 1)
	check(t, "reps", card.Reps, 3)
	check(t, "stability fell", card.Stability < before, true)
	card = dailyReview(t, s, card, Again, card.LastReview.Add(time.Minute), rules)
	check(t, "second same-day miss is not another lapse", card.Lapses, 1)
}

func TestDailyFuzzDeterministicAndInWindow(t *testing.T) {
	s := goldenScheduler(t)
	now := time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)
	card := Card{Memory: Memory{Stability: 40, Difficulty: 5}, State: Review, LastReview: now.AddDate(0, 0, -20)}
	plain := dailyReview(t, s, card, Good, now, DayRules{Clock: dailyClock})
	interval := dailyClock.DaysBetween(now, plain.Due)
	lo, hi := FuzzWindow(interval, 20, DefaultMaximumInterval)
	seen := map[int]bool{}
	for seed := range uint64(200) {
		rules := DayRules{Clock: dailyClock, Fuzz: true, Seed: FuzzSeed("player", "q1", int(seed))}
		a := dailyReview(t, s, card, Good, now, rules)
		b := dailyReview(t, s, card, Good, now, rules)
		check(t, "same seed, same day", a.Due, b.Due)
		d := dailyClock.DaysBetween(now, a.Due)
		if d < lo || d > hi {
			t.Fatalf("fuzzed %d outside [%d, %d]", d, lo, hi)
		}
		seen[d] = true
	}
	check(t, "fuzz covers the whole window", len(seen), hi-lo+1)
}

func TestDailyLoadBalancePicksLeastLoadedDay(t *testing.T) {
	s := goldenScheduler(t)
	now := time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)
	today := dailyClock.Day(now)
	card := Card{Memory: Memory{Stability: 40, Difficulty: 5}, State: Review, LastReview: now.AddDate(0, 0, -20)}
	plain := dailyReview(t, s, card, Good, now, DayRules{Clock: dailyClock})
	interval := dailyClock.DaysBetween(now, plain.Due)
	lo, hi := FuzzWindow(interval, 20, DefaultMaximumInterval)
	quiet := lo + 1
	load := func(day int) int {
		if day == today+quiet {
			return 3
		}
		return 10
	}
	balanced := dailyReview(t, s, card, Good, now, DayRules{Clock: dailyClock, Fuzz: true, Seed: 7, Load: load})
	check(t, "least-loaded day", dailyClock.DaysBetween(now, balanced.Due), quiet)
	flat := func(int) int { return 5 }
	noFuzz := dailyReview(t, s, card, Good, now, DayRules{Clock: dailyClock, Load: flat})
	check(t, "equal load keeps the interval", noFuzz.Due, plain.Due)
	if hi <= lo {
		t.Fatalf("window [%d, %d] too small for this test", lo, hi)
	}
}

func TestFuzzWindow(t *testing.T) {
	cases := []struct{ interval, elapsed, lo, hi int }{
		{1, 0, 1, 1},
		{2, 0, 2, 2},
		{3, 0, 2, 4},      // delta = 1 + 0.15·0.5 = 1.075
		{10, 0, 8, 12},    // delta = 1 + 0.675 + 0.3 = 1.975
		{100, 0, 93, 107}, // delta = 1 + 0.675 + 1.3 + 4 = 6.975
		{10, 9, 10, 12},   // never sooner than the gap just survived + 1
		{10, 30, 8, 12},   // overdue: the rule does not apply
	}
	for _, c := range cases {
		lo, hi := FuzzWindow(c.interval, c.elapsed, DefaultMaximumInterval)
		if lo != c.lo || hi != c.hi {
			t.Errorf("FuzzWindow(%d, %d) = [%d, %d], want [%d, %d]", c.interval, c.elapsed, lo, hi, c.lo, c.hi)
		}
	}
	lo, hi := FuzzWindow(36500, 0, 36500)
	check(t, "capped hi", hi, 36500)
	check(t, "lo below cap", lo < hi, true)
}

func TestFuzzSeedDistinguishesInputs(t *testing.T) {
	a := FuzzSeed("p1", "q1", 3)
	check(t, "stable", FuzzSeed("p1", "q1", 3), a)
	for _, other := range []uint64{FuzzSeed("p1", "q1", 4), FuzzSeed("p1", "q2", 3), FuzzSeed("p2", "q1", 3), FuzzSeed("p1q", "1", 3)} {
		if other == a {
			t.Error("seed collision on different inputs")
		}
	}
}
