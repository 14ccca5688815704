package srs

import (
	"errors"
	"fmt"
	"math"
	"testing"
	"time"
)

func TestGoldenSequenceStates(t *testing.T) {
	// States before each review of the golden sequence (go-fsrs's test of
	// the same py-fsrs vector).
	want := []State{New, Learning, Review, Review, Review, Review, Review, Relearning, Relearning, Review, Review, Review, Review}
	g := loadGolden(t)
	s := goldenScheduler(t)
	card, now := NewCard(goldenStart), goldenStart
	for i, r := range g.IntervalSequence.Ratings {
		next, log, err := s.Review(card, Rating(r), now)
		noErr(t, err)
		check(t, fmt.Sprintf("state before review %d", i), log.StateBefore, want[i])
		card, now = next, next.Due
	}
	check(t, "reps", card.Reps, 13)
	check(t, "lapses", card.Lapses, 1)
}

func TestLearningSteps(t *testing.T) {
	s := goldenScheduler(t)
	cases := []struct {
		rating    Rating
		state     State
		step      int
		wantAfter time.Duration
	}{
		{Again, Learning, 0, time.Minute},
		{Hard, Learning, 0, 330 * time.Second}, // halfway between 1 and 10 min
		{Good, Learning, 1, 10 * time.Minute},
		{Easy, Review, 0, 24 * time.Hour * time.Duration(s.NextInterval(defaultWeights[3]))},
	}
	for _, c := range cases {
		t.Run(c.rating.String(), func(t *testing.T) {
			card, log, err := s.Review(NewCard(goldenStart), c.rating, goldenStart)
			noErr(t, err)
			check(t, "state", card.State, c.state)
			check(t, "step", card.Step, c.step)
			check(t, "due after", card.Due.Sub(goldenStart), c.wantAfter)
			check(t, "log interval", log.Interval, c.wantAfter)
		})
	}
}

func TestRelearningSteps(t *testing.T) {
	s := goldenScheduler(t)
	card := NewCard(goldenStart)
	for _, r := range []Rating{Good, Good, Good} {
		card = mustReview(t, s, card, r, card.Due)
	}
	check(t, "state", card.State, Review)
	card = mustReview(t, s, card, Again, card.Due)
	check(t, "state", card.State, Relearning)
	check(t, "relearning step", card.Due.Sub(card.LastReview), 10*time.Minute)
	hard := mustReview(t, s, card, Hard, card.Due)
	check(t, "hard with one relearning step (1.5x)", hard.Due.Sub(hard.LastReview), 15*time.Minute)
	good := mustReview(t, s, card, Good, card.Due)
	check(t, "state after good", good.State, Review)
}

func TestShortTermOffGraduatesImmediately(t *testing.T) {
	p := DefaultParams()
	p.EnableShortTerm = false
	s, err := NewScheduler(p)
	noErr(t, err)
	card := mustReview(t, s, NewCard(goldenStart), Again, goldenStart)
	check(t, "state", card.State, Review)
	check(t, "at least a day", card.Due.Sub(goldenStart) >= 24*time.Hour, true)
}

func TestLeftoverStepGraduates(t *testing.T) {
	// A card on a step the current steps do not have graduates on a pass (py-fsrs edge case).
	s := goldenScheduler(t)
	card := Card{Memory: Memory{Stability: 1, Difficulty: 5}, State: Learning, Step: 7, LastReview: goldenStart}
	next := mustReview(t, s, card, Hard, goldenStart.Add(time.Hour))
	check(t, "state", next.State, Review)
	again := mustReview(t, s, card, Again, goldenStart.Add(time.Hour))
	check(t, "state", again.State, Learning)
	check(t, "step", again.Step, 0)
}

func TestRetrievability(t *testing.T) {
	s := goldenScheduler(t)
	check(t, "new card R", s.Retrievability(NewCard(goldenStart), goldenStart), 0)
	card := Card{Memory: Memory{Stability: 10, Difficulty: 5}, State: Review, LastReview: goldenStart}
	near(t, "R(S, S)", s.Retrievability(card, goldenStart.Add(10*24*time.Hour)), 0.9, 1e-12)
	check(t, "R under a day (whole days only)", s.Retrievability(card, goldenStart.Add(23*time.Hour)), 1.0)
	check(t, "R before last review", s.Retrievability(card, goldenStart.Add(-48*time.Hour)), 1.0)
}

func TestNextIntervalRoundsHalfToEven(t *testing.T) {
	s := goldenScheduler(t)
	check(t, "min interval", s.NextInterval(StabilityMin), 1)
	check(t, "max interval", s.NextInterval(StabilityMax*10), DefaultMaximumInterval)
	// At DR 0.9 the interval equals the stability: 2.5 → 2 and 3.5 → 4 as Python's round.
	check(t, "interval(2.5)", s.NextInterval(2.5), 2)
	check(t, "interval(3.5)", s.NextInterval(3.5), 4)
}

func TestCurveShapeTable(t *testing.T) {
	// srs.md §1.1: the FSRS-6 default curve at DR 0.95/0.80/0.70 relative to 0.90.
	m, err := newModel(DefaultWeights())
	noErr(t, err)
	base := m.rawInterval(100, 0.9)
	near(t, "DR 0.95", m.rawInterval(100, 0.95)/base, 0.40, 0.005)
	near(t, "DR 0.80", m.rawInterval(100, 0.80)/base, 3.3, 0.05)
	near(t, "DR 0.70", m.rawInterval(100, 0.70)/base, 9.3, 0.05)
	near(t, "R(10 S)", m.retrievability(1000, 100), 0.69, 0.005)
}

func TestParamsValidation(t *testing.T) {
	bad := []func(*Params){
		func(p *Params) { p.Weights = p.Weights[:20] },
		func(p *Params) { p.Weights[20] = 0.9 },
		func(p *Params) { p.Weights[0] = math.NaN() },
		func(p *Params) { p.DesiredRetention = 0.5 },
		func(p *Params) { p.DesiredRetention = math.NaN() },
		func(p *Params) { p.MaximumInterval = 0 },
		func(p *Params) { p.LearningSteps = []time.Duration{0} },
		func(p *Params) { p.RelearningSteps = []time.Duration{-time.Minute} },
	}
	for i, mutate := range bad {
		p := DefaultParams()
		mutate(&p)
		_, err := NewScheduler(p)
		if err == nil {
			t.Errorf("case %d: no error", i)
		}
	}
	_, err := MigrateWeights(make([]float64, 18))
	check(t, "is ErrWeightCount", errors.Is(err, ErrWeightCount), true)
}

func TestMigrateWeights(t *testing.T) {
	fsrs5 := []float64{0.40255, 1.18385, 3.173, 15.69105, 7.1949, 0.5345, 1.4604, 0.0046, 1.54575, 0.1192, 1.01925, 1.9395, 0.11, 0.29605, 2.2698, 0.2315, 2.9898, 0.51655, 0.6621}
	w, err := MigrateWeights(fsrs5)
	noErr(t, err)
	check(t, "len", len(w), 21)
	check(t, "w19", w[19], 0)
	check(t, "w20", w[20], 0.5)
	m, err := newModel(fsrs5)
	noErr(t, err)
	near(t, "FSRS-5 factor", m.factor, 19.0/81, 1e-12)

	fsrs45 := []float64{0.4872, 1.4003, 3.7145, 13.8206, 5.1618, 1.2298, 0.8975, 0.031, 1.6474, 0.1367, 1.0461, 2.1072, 0.0793, 0.3246, 1.587, 0.2272, 2.8755}
	w, err = MigrateWeights(fsrs45)
	noErr(t, err)
	check(t, "len", len(w), 21)
	near(t, "w4", w[4], 5.1618+2*1.2298, 1e-12)
}

func TestSchedulerOwnsItsParams(t *testing.T) {
	p := DefaultParams()
	s, err := NewScheduler(p)
	noErr(t, err)
	before := mustReview(t, s, NewCard(goldenStart), Good, goldenStart)
	p.Weights[2] = 50
	p.LearningSteps[1] = time.Hour
	after := mustReview(t, s, NewCard(goldenStart), Good, goldenStart)
	check(t, "review after caller mutated params", after, before)
	got := s.Params()
	got.Weights[0] = 99
	check(t, "w0", s.Params().Weights[0], defaultWeights[0])
}

func TestInvalidRating(t *testing.T) {
	s := goldenScheduler(t)
	_, _, err := s.Review(NewCard(goldenStart), 5, goldenStart)
	if err == nil {
		t.Error("invalid rating accepted")
	}
	_, _, err = s.ReviewDaily(NewCard(goldenStart), 0, goldenStart, DayRules{})
	if err == nil {
		t.Error("invalid rating accepted")
	}
}

func TestUnusableMemoryIsReinitialised(t *testing.T) {
	s := goldenScheduler(t)
	card := Card{Memory: Memory{Stability: math.NaN(), Difficulty: 5}, State: Review, LastReview: goldenStart}
	next := mustReview(t, s, card, Good, goldenStart.Add(72*time.Hour))
	check(t, "memory", next.Memory, s.InitialMemory(Good))
}
