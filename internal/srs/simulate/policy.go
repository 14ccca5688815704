package simulate

import (
	"errors"
	"math"
	"time"

	"memora/internal/srs"
	"memora/internal/srs/optimize"
)

// Kind is a family of schedulers.
type Kind int

const (
	Classic Kind = iota
	SM2
	FSRSDefaults
	FSRSOptimized
	// FSRSOracle schedules with the student's true weights (FSRS ground
	// truth only): the upper bound of what fitting can give.
	FSRSOracle
	// FSRSExam is FSRS-6 defaults at the desired retention plus the exam
	// rule (srs.Scheduler.ExamInterval): items whose next review would fall after the exam get
	// one placed before it when the exam-day recall would miss the target.
	FSRSExam
)

// Policy is one scheduler under test; DR is its desired retention (FSRS only).
type Policy struct {
	Kind Kind
	DR   float64
}

// Name is the policy as the report prints it.
func (p Policy) Name() string {
	switch p.Kind {
	case Classic:
		return "Classic rules"
	case SM2:
		return "SM-2"
	case FSRSDefaults:
		return "FSRS-6 defaults"
	case FSRSOracle:
		return "FSRS-6 oracle (true weights)"
	case FSRSExam:
		return "FSRS-6 exam-aware"
	}
	return "FSRS-6 optimized"
}

// scheduler is a policy running for one student: it returns the simulation
// day an item is next due.
type scheduler interface {
	learn(item, day int, now time.Time, correct bool, durMs int) int
	review(item, day int, now time.Time, correct bool, durMs int) int
	startDay(day int)
}

// world is what schedulers share about one student's run: the product's
// learner-day clock and day numbering.
type world struct {
	clock srs.Clock
	base  int // clock day of simulation day 0
}

func (w world) day(t time.Time) int { return w.clock.Day(t) - w.base }

// classicSched is the original's rules (original-memora.md §3.1): rule A
// after the lesson, rule B after each review, both driven by answer time.
// Rule A's "due now" for a failed lesson (level 1) becomes the next day: in
// the simulation the day's reviews come before its lessons.
type classicSched struct {
	w     world
	level []int
}

func (c *classicSched) learn(item, day int, now time.Time, correct bool, durMs int) int {
	attempts := 1
	if !correct {
		attempts = 2
	}
	level, next := srs.ClassicLesson(durMs, attempts, now)
	c.level[item] = level
	return max(c.w.day(next), day+1)
}

func (c *classicSched) review(item, day int, now time.Time, correct bool, durMs int) int {
	level, next := srs.ClassicReview(c.level[item], correct, durMs, now)
	c.level[item] = level
	return max(c.w.day(next), day+1)
}

func (c *classicSched) startDay(int) {}

// sm2Sched is SM-2 with binary grades (right → quality 4, wrong → 2), as the
// evaluator's SM-2 with grades Good and Again.
type sm2Sched struct {
	ef, ivl []float64
	reps    []int
}

func (s *sm2Sched) learn(item, day int, now time.Time, correct bool, durMs int) int {
	s.ef[item] = 2.5
	return s.review(item, day, now, correct, durMs)
}

func (s *sm2Sched) review(item, day int, _ time.Time, correct bool, _ int) int {
	q := 2.0
	if correct {
		q = 4
	}
	switch {
	case !correct:
		s.ivl[item], s.reps[item] = 1, 0
	case s.reps[item] == 0:
		s.ivl[item], s.reps[item] = 1, 1
	case s.reps[item] == 1:
		s.ivl[item], s.reps[item] = 6, 2
	default:
		s.ivl[item] *= s.ef[item]
		s.reps[item]++
	}
	s.ef[item] = math.Max(1.3, s.ef[item]+(0.1-(5-q)*(0.08+(5-q)*0.02)))
	s.ivl[item] = math.Min(math.Max(1, math.Round(s.ivl[item])), srs.StabilityMax)
	return day + int(s.ivl[item])
}

func (s *sm2Sched) startDay(int) {}

// fsrsSched is the product's FSRS-6 mode (Scheduler.ReviewDaily) with fuzz
// and load balancing on, as seasons run it. With refits set it is the
// optimized scheduler: on those days it fits the weights to the student's own
// reviews so far (optimize.Fit) and recomputes every item's memory with them.
type fsrsSched struct {
	w       world
	s       srs.Scheduler
	dr      float64
	seed    uint64
	student int
	cards   []srs.Card
	due     []int
	load    []int // reviews due per simulation day
	hist    [][]optimize.Review
	last    []int
	refits  map[int]bool
	fits    int
	// examDay > 0 turns the exam rule on, for examTarget.
	examDay    int
	examTarget float64
}

func newFSRSSched(w world, weights []float64, dr float64, items, days int, seed uint64, student int, refitDays []int) (*fsrsSched, error) {
	p := srs.DefaultParams()
	p.DesiredRetention = dr
	if weights != nil {
		p.Weights = weights
	}
	s, err := srs.NewScheduler(p)
	if err != nil {
		return nil, err
	}
	f := &fsrsSched{w: w, s: s, dr: dr, seed: seed, student: student,
		cards: make([]srs.Card, items), due: make([]int, items), load: make([]int, days+1)}
	if refitDays != nil {
		f.refits = map[int]bool{}
		for _, d := range refitDays {
			f.refits[d] = true
		}
		f.hist = make([][]optimize.Review, items)
		f.last = make([]int, items)
	}
	return f, nil
}

func (f *fsrsSched) loadAt(clockDay int) int {
	if i := clockDay - f.w.base; i >= 0 && i < len(f.load) {
		return f.load[i]
	}
	return 0
}

func (f *fsrsSched) answer(item, day int, now time.Time, correct bool) int {
	c := f.cards[item]
	if c.State != srs.New && f.due[item] >= 0 && f.due[item] < len(f.load) {
		f.load[f.due[item]]--
	}
	rules := srs.DayRules{Clock: f.w.clock, Fuzz: true, Seed: hash(f.seed, drawFuzz, f.student, item, c.Reps), Load: f.loadAt}
	next, _, err := f.s.ReviewDaily(c, grade(correct), now, rules)
	if err != nil { // grades and clock are valid by construction
		panic(err)
	}
	f.cards[item] = next
	due := max(f.w.day(next.Due), day+1)
	if f.examDay > day {
		due = day + f.s.ExamInterval(next.Memory, due-day, f.examDay-day, f.examTarget)
	}
	f.due[item] = due
	if due < len(f.load) {
		f.load[due]++
	}
	if f.hist != nil {
		elapsed := 0
		if c.State != srs.New {
			elapsed = day - f.last[item]
		}
		f.hist[item] = append(f.hist[item], optimize.Review{Rating: grade(correct), Elapsed: elapsed})
		f.last[item] = day
	}
	return due
}

func (f *fsrsSched) learn(item, day int, now time.Time, correct bool, _ int) int {
	return f.answer(item, day, now, correct)
}

func (f *fsrsSched) review(item, day int, now time.Time, correct bool, _ int) int {
	return f.answer(item, day, now, correct)
}

func (f *fsrsSched) startDay(day int) {
	if !f.refits[day] {
		return
	}
	var cards [][]optimize.Review
	for _, h := range f.hist {
		if len(h) > 0 {
			cards = append(cards, h)
		}
	}
	res, err := optimize.Fit(cards, optimize.DefaultOptions())
	if errors.Is(err, optimize.ErrNoData) {
		return
	}
	if err != nil {
		panic(err) // histories built here are valid
	}
	p := srs.DefaultParams()
	p.Weights, p.DesiredRetention = res.Weights, f.dr
	s, err := srs.NewScheduler(p)
	if err != nil {
		panic(err) // fitted weights are clipped to the bounds
	}
	f.s = s
	f.fits++
	for i, h := range f.hist {
		if len(h) == 0 {
			continue
		}
		m := s.InitialMemory(h[0].Rating)
		for _, rv := range h[1:] {
			m = s.NextMemory(m, rv.Rating, rv.Elapsed)
		}
		f.cards[i].Memory = m
	}
}
