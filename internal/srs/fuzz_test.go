package srs

import (
	"encoding/binary"
	"math"
	"testing"
	"time"
)

// maxFuzzSteps bounds a history: longer ones reach no new states and only
// slow the fuzzer's minimisation down.
const maxFuzzSteps = 64

// decodeSteps turns fuzz bytes into reviews: 3 bytes each, a rating and a
// gap in minutes scaled so that both same-day and multi-year gaps occur.
func decodeSteps(data []byte) []step {
	var out []step
	for len(data) >= 3 && len(out) < maxFuzzSteps {
		r := Rating(data[0]%4 + 1)
		gap := time.Duration(binary.LittleEndian.Uint16(data[1:3])) * time.Duration(1+int(data[0]/4)%16) * time.Minute
		out = append(out, step{r, gap})
		data = data[3:]
	}
	return out
}

func fuzzSeeds(f *testing.F) {
	f.Add([]byte{2, 0, 0, 2, 10, 0, 2, 0xa0, 0x05, 0, 0x40, 0x1f})
	f.Add([]byte{3, 1, 0, 3, 1, 0, 3, 1, 0, 3, 1, 0, 3, 1, 0})
	f.Add([]byte{0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0xfe, 0xff, 0xff})
	f.Add([]byte{0x3f, 0xff, 0xff, 0x3c, 0xff, 0xff, 0x3d, 0xff, 0xff})
}

func assertCardSane(t *testing.T, c Card, now time.Time) {
	t.Helper()
	if !c.Memory.usable() {
		t.Fatalf("memory out of bounds: %+v", c.Memory)
	}
	if c.Due.Before(now) {
		t.Fatalf("due %v before now %v", c.Due, now)
	}
	if c.State < New || c.State > Relearning {
		t.Fatalf("state %v", c.State)
	}
}

func FuzzReview(f *testing.F) {
	fuzzSeeds(f)
	s, err := NewScheduler(DefaultParams())
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		card, now := NewCard(propStart), propStart
		for i, st := range decodeSteps(data) {
			now = now.Add(st.gap)
			next, _, err := s.Review(card, st.rating, now)
			if err != nil {
				t.Fatal(err)
			}
			assertCardSane(t, next, now)
			if next.Reps != i+1 {
				t.Fatalf("reps %d after %d reviews", next.Reps, i+1)
			}
			card = next
		}
	})
}

func FuzzReviewDaily(f *testing.F) {
	fuzzSeeds(f)
	s, err := NewScheduler(DefaultParams())
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) < 2 {
			return
		}
		clock := Clock{Location: time.FixedZone("z", (int(data[0])%27-12)*3600), RolloverHour: int(data[1]) % 24}
		rules := DayRules{Clock: clock, Fuzz: data[0]&1 == 1, Seed: uint64(len(data))}
		if data[1]&1 == 1 {
			rules.Load = func(day int) int { return day * 7 % 13 }
		}
		card, now := NewCard(propStart), propStart
		for _, st := range decodeSteps(data[2:]) {
			now = now.Add(st.gap)
			next, _, err := s.ReviewDaily(card, st.rating, now, rules)
			if err != nil {
				t.Fatal(err)
			}
			assertCardSane(t, next, now)
			if clock.Day(next.Due) <= clock.Day(now) {
				t.Fatalf("due on the same learner day")
			}
			card = next
		}
	})
}

// FuzzNext feeds arbitrary stored items and settings: Next must never panic
// and must return a sane item, whatever the database holds.
func FuzzNext(f *testing.F) {
	f.Add("fsrs", 0.9, 4, true, 1500, 1, "review", 3.0, 5.0, 2, int64(0))
	f.Add("classic", 0.0, 0, false, 0, 0, "lesson", 0.0, 0.0, 0, int64(86400))
	f.Add("fsrs", 0.7, 23, true, 9000, 3, "", math.NaN(), math.Inf(1), 7, int64(-86400))
	f.Fuzz(func(t *testing.T, kind string, dr float64, hour int, correct bool, ms, attempts int, source string, stability, difficulty float64, state int, gapSeconds int64) {
		settings := Settings{Kind: Kind(kind), DesiredRetention: dr, RolloverHour: hour, GradeMapping: GradeSpeed, Fuzz: true}
		prev := MemoryItem{Stability: stability, Difficulty: difficulty, State: State(state), LastReview: propStart}
		now := propStart.Add(time.Duration(gapSeconds%(1<<40)) * time.Second)
		item := Next(settings, prev, Answer{Correct: correct, DurationMs: ms, Attempts: attempts, Source: Source(source), Seed: uint64(ms)}, now, nil)
		if item.Level < 1 || item.Level > 4 {
			t.Fatalf("level %d", item.Level)
		}
		if item.Due.Before(now) {
			t.Fatalf("due %v before now %v", item.Due, now)
		}
		if settings.normalized().Kind == KindFSRS && !(Memory{item.Stability, item.Difficulty}).usable() {
			t.Fatalf("memory %v/%v", item.Stability, item.Difficulty)
		}
	})
}
