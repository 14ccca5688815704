package srs

import (
	"fmt"
	"testing"
	"time"
)

// examSettings is a season with an exam on examDate and the product defaults
// otherwise (fuzz and load balancing on).
func examSettings(examDate time.Time, target float64) Settings {
	s := DefaultSettings()
	s.ExamDate, s.ExamTarget = examDate, target
	return s
}

var examZone = time.FixedZone("UTC+3", 3*3600)

// A student who passes every review on its due day: with an exam date, every
// interval that would pass the exam is shortened until the predicted recall on
// the exam day reaches the target; intervals ending before the exam are the
// season's own.
func TestExamDateShortensIntervalsThatPassTheExam(t *testing.T) {
	clock := Clock{Location: examZone, RolloverHour: DefaultRolloverHour}
	start := time.Date(2026, 9, 1, 18, 0, 0, 0, examZone)
	exam := time.Date(2027, 1, 20, 0, 0, 0, 0, time.UTC) // a calendar date
	examDay := CalendarDay(exam)
	const target = 0.95
	with, without := examSettings(exam, target), DefaultSettings()
	sch := with.normalized().scheduler()
	shortened := 0
	for q := range 40 {
		item := MemoryItem{}
		now := start.AddDate(0, 0, q)
		for range 60 {
			a := Answer{Correct: true, Source: SourceReview, Seed: FuzzSeed("7", fmt.Sprint(q), item.Reps)}
			next := Next(with, item, a, now, examZone)
			ref := Next(without, item, a, now, examZone)
			today, due, refDue := clock.Day(now), clock.Day(next.Due), clock.Day(ref.Due)
			switch {
			case refDue < examDay:
				check(t, "an interval that ends before the exam", next.Due, ref.Due)
			case due != refDue:
				shortened++
				if !(due < examDay && due > today) {
					t.Fatalf("item %d: review moved to day %d, not between today %d and the exam %d", q, due, today, examDay)
				}
			default: // kept: the exam-day recall is predicted to reach the target
				r := sch.RetrievabilityAt(next.Stability, float64(examDay-today))
				if r < target && examDay-today >= 2 {
					t.Fatalf("item %d: kept a review after the exam with R(exam) = %.3f < %.2f", q, r, target)
				}
			}
			if due >= examDay {
				r := sch.RetrievabilityAt(next.Stability, float64(examDay-today))
				if r < target {
					t.Fatalf("item %d: last review before the exam leaves R(exam) = %.3f < %.2f", q, r, target)
				}
				break
			}
			item = next
			now = clock.DayStart(due).Add(14 * time.Hour)
		}
	}
	if shortened < 10 {
		t.Errorf("%d intervals of 40 items shortened, want most items to need one", shortened)
	}
}

func TestExamIntervalLeavesOtherIntervalsAlone(t *testing.T) {
	sch := DefaultSettings().normalized().scheduler()
	m := Memory{Stability: 20, Difficulty: 5}
	check(t, "interval ending before the exam", sch.ExamInterval(m, 10, 30, 0.95), 10)
	check(t, "exam tomorrow", sch.ExamInterval(m, 10, 1, 0.95), 10)
	check(t, "exam passed", sch.ExamInterval(m, 10, -3, 0.95), 10)
	check(t, "target already reached", sch.ExamInterval(Memory{Stability: 400, Difficulty: 5}, 300, 30, 0.95), 300)
	got := sch.ExamInterval(m, 40, 30, 0.95)
	if !(got >= 1 && got < 30) {
		t.Errorf("interval 40 with the exam in 30 days and R(exam) = %.3f: got %d, want a day before the exam",
			sch.RetrievabilityAt(20, 30), got)
	}
}

// Without an exam date (or with an invalid target) Next is the season's
// scheduler unchanged.
func TestNoExamDateChangesNothing(t *testing.T) {
	now := time.Date(2026, 10, 1, 18, 0, 0, 0, examZone)
	noTarget := examSettings(time.Date(2026, 10, 20, 0, 0, 0, 0, time.UTC), 0)
	for s := 1.0; s < 200; s *= 1.7 {
		item := MemoryItem{Stability: s, Difficulty: 5, State: Review, Reps: 3,
			LastReview: now.AddDate(0, 0, -int(s)), Due: now}
		for _, correct := range []bool{true, false} {
			a := Answer{Correct: correct, Seed: 42}
			want := Next(DefaultSettings(), item, a, now, examZone)
			check(t, "no exam date", Next(examSettings(time.Time{}, 0.95), item, a, now, examZone), want)
			check(t, "exam date without a valid target", Next(noTarget, item, a, now, examZone), want)
		}
	}
	if err := noTarget.Validate(); err == nil {
		t.Error("an exam date without a target in 0.70–0.97 validated")
	}
	noErr(t, examSettings(time.Date(2026, 10, 20, 0, 0, 0, 0, time.UTC), 0.95).Validate())
}
