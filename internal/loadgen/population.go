package loadgen

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"memora/internal/clock"
	"memora/internal/srs"
	"memora/internal/store"
)

// Password is the password of every synthetic student (hashed once per population).
const Password = "loadgen-password-1"

// Email is the login of synthetic student n (1-based).
func Email(n int) string { return fmt.Sprintf("lg-%d@loadgen.memora.test", n) }

// The due-date spread of a student's records: about 10 % overdue (by default), a few due
// later today, the rest in the coming days and weeks, as a school term looks.
const (
	DefaultOverdue = 0.10
	dueTodayShare  = 0.03
)

// Shape is the size and randomness of a population.
type Shape struct {
	Students int    // N
	Records  int    // M memory records per student
	Sessions int    // gameplay sessions of history per student
	Seed     uint64 // the same seed gives the same population
	// Overdue is the share of records already due (0: DefaultOverdue). Long runs drain due
	// items as students answer them; a larger share keeps review sessions full for longer.
	Overdue float64
}

func (s Shape) overdue() float64 {
	if s.Overdue <= 0 {
		return DefaultOverdue
	}
	return min(s.Overdue, 1-dueTodayShare)
}

// Student is every row of one synthetic student.
type Student struct {
	N        int
	UserID   int64
	Email    string
	TotalXP  int64
	Scores   []SubjectXP // in the catalogue's subject order
	Sessions []HistorySession
	Memory   []store.MemoryState
	// Completed is how many of the catalogue's free lessons the student has completed (a prefix).
	Completed int
}

// SubjectXP is a student's XP in one subject.
type SubjectXP struct {
	Subject string
	XP      int64
}

// HistorySession is one played lesson or review of the student's past.
type HistorySession struct {
	ClientID  string // also the XP ledger ref
	Kind      string // store.SessionLesson or store.SessionReview
	LessonID  string
	SubjectID string
	TopicID   string
	XP        int
	At        time.Time
	LocalDay  time.Time
}

// generator makes students deterministically from (seed, n): the loader and the driver agree
// on each student's lessons and questions without asking the database.
type generator struct {
	shape Shape
	cat   *Catalog
	now   time.Time
	loc   *time.Location
	perm  []int // scratch: a permutation of the atoms
}

func newGenerator(shape Shape, cat *Catalog, now time.Time, loc *time.Location) *generator {
	return &generator{shape: shape, cat: cat, now: now.UTC(), loc: loc, perm: make([]int, len(cat.Atoms))}
}

func studentRand(seed uint64, n int) *rand.Rand { return rand.New(rand.NewPCG(seed, uint64(n))) }

// completedLessons is how many free lessons student n has completed (at least one, so every
// student has a lesson to replay).
func completedLessons(shape Shape, cat *Catalog, n int) int {
	rng := studentRand(shape.Seed^0x5eed, n)
	return 1 + rng.IntN(min(max(shape.Sessions, 1), len(cat.FreeLessons)))
}

// student builds student n with the given user id.
func (g *generator) student(n int, userID int64) Student {
	rng := studentRand(g.shape.Seed, n)
	s := Student{N: n, UserID: userID, Email: Email(n), Completed: completedLessons(g.shape, g.cat, n)}
	s.Memory = g.memory(rng, userID)
	s.Sessions = g.history(rng, &s)
	return s
}

// memory picks Records distinct atoms and gives each a plausible FSRS state.
func (g *generator) memory(rng *rand.Rand, userID int64) []store.MemoryState {
	m := min(g.shape.Records, len(g.perm))
	for i := range g.perm {
		g.perm[i] = i
	}
	overdue := int(math.Round(float64(m) * g.shape.overdue()))
	today := int(math.Ceil(float64(m) * dueTodayShare))
	out := make([]store.MemoryState, m)
	for i := range m {
		j := i + rng.IntN(len(g.perm)-i) // partial Fisher–Yates: the first m are a random subset
		g.perm[i], g.perm[j] = g.perm[j], g.perm[i]
		a := g.cat.Atoms[g.perm[i]]
		var due time.Time
		switch {
		case i < overdue:
			due = g.now.Add(-time.Hour - days(min(rng.ExpFloat64()*4, 30)))
		case i < overdue+today:
			due = g.now.Add(time.Minute + time.Duration(rng.Int64N(int64(g.untilMidnight())+1)))
		default:
			due = g.now.Add(days(1 + min(rng.ExpFloat64()*14, 120)))
		}
		out[i] = g.state(rng, userID, a, due)
	}
	return out
}

func (g *generator) untilMidnight() time.Duration {
	local := g.now.In(g.loc)
	y, mo, d := local.Date()
	left := time.Date(y, mo, d+1, 0, 0, 0, 0, g.loc).Sub(local) - 2*time.Minute
	return max(left, 0)
}

func days(d float64) time.Duration { return time.Duration(d * float64(24*time.Hour)) }

// state is a review-state card whose interval (last review → due) is about its stability, as
// FSRS schedules at 90 % retention.
func (g *generator) state(rng *rand.Rand, userID int64, a Atom, due time.Time) store.MemoryState {
	stability := 0.5 + rng.ExpFloat64()*8
	if ahead := due.Sub(g.now).Hours() / 24; ahead > stability {
		stability = ahead * (1 + rng.Float64()/2)
	}
	last := due.Add(-days(stability))
	card := srs.Card{Memory: srs.Memory{Stability: stability, Difficulty: 3 + rng.Float64()*5}, State: srs.Review}
	if stability < 1 {
		card.State = srs.Learning
	}
	reps := 1 + int(math.Log2(stability+1)) + rng.IntN(3)
	m := store.MemoryState{UserID: userID, SeasonID: g.cat.Season, QuestionID: a.QuestionID, SubjectID: ptr(a.SubjectID),
		TopicID: ptr(a.TopicID), Stability: stability, Difficulty: card.Difficulty, State: int(card.State),
		Level: srs.StabilityLevel(card), Due: due, LastReview: &last, Reps: reps, Lapses: rng.IntN(reps) / 3,
		CreatedAt: last.Add(-days(float64(reps) * stability / 2)), UpdatedAt: last}
	return m
}

func ptr(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// history is the student's played sessions of the last 30 days: the completed lessons in map
// order, the rest reviews, with their XP.
func (g *generator) history(rng *rand.Rand, s *Student) []HistorySession {
	total := max(g.shape.Sessions, s.Completed)
	times := make([]time.Time, total)
	for i := range times {
		times[i] = g.now.Add(-days(rng.Float64() * 30))
	}
	slices.SortFunc(times, time.Time.Compare)
	out := make([]HistorySession, total)
	lessons := 0
	for i, at := range times {
		h := HistorySession{ClientID: fmt.Sprintf("loadgen:%d", i+1), At: at, LocalDay: clock.Day(at, g.loc)}
		if lessons < s.Completed && (rng.IntN(total-i) < s.Completed-lessons) {
			l := g.cat.FreeLessons[lessons]
			lessons++
			h.Kind, h.LessonID, h.SubjectID, h.TopicID = store.SessionLesson, l.ID, l.SubjectID, l.TopicID
			h.XP = l.XPReward/2 + rng.IntN(l.XPReward/2+1)
		} else {
			h.Kind, h.SubjectID = store.SessionReview, g.cat.Subjects[rng.IntN(len(g.cat.Subjects))]
			correct := 3 + rng.IntN(13)
			h.XP = 10*correct + 2*rng.IntN(correct+1)
		}
		s.TotalXP += int64(h.XP)
		s.addScore(h.SubjectID, h.XP)
		out[i] = h
	}
	slices.SortFunc(s.Scores, func(a, b SubjectXP) int {
		return cmp.Compare(slices.Index(g.cat.Subjects, a.Subject), slices.Index(g.cat.Subjects, b.Subject))
	})
	return out
}

func (s *Student) addScore(subject string, xp int) {
	for i := range s.Scores {
		if s.Scores[i].Subject == subject {
			s.Scores[i].XP += int64(xp)
			return
		}
	}
	s.Scores = append(s.Scores, SubjectXP{Subject: subject, XP: int64(xp)})
}
