package srs

import (
	"encoding/json"
	"math"
	"os"
	"testing"
	"time"
)

// golden mirrors testdata/fsrs/golden.json (values from py-fsrs 6.3.1).
type golden struct {
	DefaultParameters []float64 `json:"fsrs6_default_parameters"`
	LowerBounds       []float64 `json:"parameter_lower_bounds"`
	UpperBounds       []float64 `json:"parameter_upper_bounds"`
	IntervalSequence  struct {
		Ratings      []int `json:"ratings"`
		IntervalDays []int `json:"interval_days"`
	} `json:"interval_sequence"`
	MemoryState struct {
		Ratings    []int   `json:"ratings"`
		DaysAdded  []int   `json:"days_added_before_each_review"`
		Stability  float64 `json:"stability"`
		Difficulty float64 `json:"difficulty"`
		Tolerance  float64 `json:"tolerance"`
	} `json:"memory_state"`
	EasyFloor struct {
		Difficulty float64 `json:"difficulty"`
	} `json:"easy_floor"`
	Optimizer struct {
		Parameters []float64 `json:"parameters"`
	} `json:"optimizer_on_review_log_josh"`
}

var goldenStart = time.Date(2022, 11, 29, 12, 30, 0, 0, time.UTC)

func loadGolden(t testing.TB) golden {
	t.Helper()
	raw, err := os.ReadFile("../../testdata/fsrs/golden.json")
	if err != nil {
		t.Fatalf("read golden: %v", err)
	}
	var g golden
	if err := json.Unmarshal(raw, &g); err != nil {
		t.Fatalf("parse golden: %v", err)
	}
	return g
}

func goldenScheduler(t testing.TB) Scheduler {
	t.Helper()
	s, err := NewScheduler(DefaultParams())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func mustReview(t testing.TB, s Scheduler, c Card, r Rating, now time.Time) Card {
	t.Helper()
	next, _, err := s.Review(c, r, now)
	if err != nil {
		t.Fatal(err)
	}
	return next
}

func TestGoldenParameters(t *testing.T) {
	g := loadGolden(t)
	assertFloats(t, "defaults", DefaultWeights(), g.DefaultParameters)
	assertFloats(t, "lower bounds", weightLower[:], g.LowerBounds)
	assertFloats(t, "upper bounds", weightUpper[:], g.UpperBounds)
	if _, err := MigrateWeights(g.Optimizer.Parameters); err != nil {
		t.Errorf("py-fsrs's fitted parameters rejected: %v", err)
	}
}

func assertFloats(t *testing.T, name string, got, want []float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d values, want %d", name, len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("%s[%d] = %v, want %v", name, i, got[i], want[i])
		}
	}
}

func TestGoldenIntervalSequence(t *testing.T) {
	g := loadGolden(t)
	s := goldenScheduler(t)
	card := NewCard(goldenStart)
	now := goldenStart
	var got []int
	for _, r := range g.IntervalSequence.Ratings {
		card = mustReview(t, s, card, Rating(r), now)
		got = append(got, wholeDays(card.Due.Sub(card.LastReview)))
		now = card.Due
	}
	if !equalInts(got, g.IntervalSequence.IntervalDays) {
		t.Fatalf("intervals = %v, want %v", got, g.IntervalSequence.IntervalDays)
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestGoldenMemoryState(t *testing.T) {
	g := loadGolden(t)
	s := goldenScheduler(t)
	card := NewCard(goldenStart)
	now := goldenStart
	for i, r := range g.MemoryState.Ratings {
		now = now.AddDate(0, 0, g.MemoryState.DaysAdded[i])
		card = mustReview(t, s, card, Rating(r), now)
	}
	tol := g.MemoryState.Tolerance
	if math.Abs(card.Stability-g.MemoryState.Stability) > tol {
		t.Errorf("stability = %.7f, want %.7f", card.Stability, g.MemoryState.Stability)
	}
	if math.Abs(card.Difficulty-g.MemoryState.Difficulty) > tol {
		t.Errorf("difficulty = %.7f, want %.7f", card.Difficulty, g.MemoryState.Difficulty)
	}
}

func TestGoldenEasyFloor(t *testing.T) {
	g := loadGolden(t)
	s := goldenScheduler(t)
	card := NewCard(goldenStart)
	for i := range 10 {
		card = mustReview(t, s, card, Easy, goldenStart.Add(time.Duration(i)*time.Microsecond))
	}
	if card.Difficulty != g.EasyFloor.Difficulty {
		t.Fatalf("difficulty = %v, want exactly %v", card.Difficulty, g.EasyFloor.Difficulty)
	}
}
