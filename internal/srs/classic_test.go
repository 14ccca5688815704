package srs

import (
	"testing"
	"time"
)

var classicNow = time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)

// The worked examples of original-memora.md §3.1, rule B.
func TestClassicReviewWorkedExamples(t *testing.T) {
	cases := []struct {
		name       string
		current    int
		correct    bool
		durationMs int
		level      int
		days       int
	}{
		{"0, correct in 1500 ms", 0, true, 1500, 2, 3},
		{"2, correct in 3000 ms", 2, true, 3000, 3, 7},
		{"3, correct in 1000 ms caps at 4", 3, true, 1000, 4, 14},
		{"4, correct fast stays 4", 4, true, 500, 4, 14},
		{"0, correct in 8000 ms floors at 1", 0, true, 8000, 1, 1},
		{"wrong from 4", 4, false, 1000, 1, 1},
		{"wrong from 0", 0, false, 9000, 1, 1},
		{"exactly 2000 ms is normal", 1, true, 2000, 2, 3},
		{"exactly 6000 ms is normal", 1, true, 6000, 2, 3},
		{"6001 ms is no growth", 3, true, 6001, 3, 7},
		{"1999 ms is fast", 1, true, 1999, 3, 7},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			level, next := ClassicReview(c.current, c.correct, c.durationMs, classicNow)
			check(t, "level", level, c.level)
			check(t, "next", next, classicNow.AddDate(0, 0, c.days))
		})
	}
}

// Rule A: attempts > 1 → 1 (due now); < 2 s → 4 (7 d); < 5 s → 3 (4 d); else 2 (2 d).
func TestClassicLesson(t *testing.T) {
	cases := []struct {
		name                 string
		durationMs, attempts int
		level, days          int
	}{
		{"retried", 1000, 2, 1, 0},
		{"fast", 1999, 1, 4, 7},
		{"2000 ms is good", 2000, 1, 3, 4},
		{"4999 ms is good", 4999, 1, 3, 4},
		{"5000 ms is hard", 5000, 1, 2, 2},
		{"missing duration counts as 3000 ms", 0, 1, 3, 4},
		{"missing attempts count as 1", 1000, 0, 4, 7},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			level, next := ClassicLesson(c.durationMs, c.attempts, classicNow)
			check(t, "level", level, c.level)
			check(t, "next", next, classicNow.AddDate(0, 0, c.days))
		})
	}
}

func TestClassicIntervalDays(t *testing.T) {
	for level, want := range map[int]int{0: 1, 1: 1, 2: 3, 3: 7, 4: 14, 5: 1} {
		check(t, "interval", ClassicIntervalDays(level), want)
	}
}
