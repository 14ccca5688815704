package srs

import "time"

// ExamInterval is exam-date-aware scheduling (srs.md §10), in learner days
// counted from the day of the answer. interval is the next review as the
// scheduler placed it, gap the days until the exam day, m the item's memory
// after the answer and target the exam-day recall to reach.
//
// The interval is kept when it ends before the exam day, when the exam is
// tomorrow or has passed (gap < 2), or when the predicted recall on the exam
// day already reaches the target. Otherwise one review is placed before the
// exam, on the day t (1 ≤ t < gap) that maximises the expected exam-day recall
//
//	R(t)·R_exam(S after a pass at t) + (1 − R(t))·R_exam(S after a lapse at t),
//
// the latest such day on ties: a review as late as its risk of failure allows
// gives the biggest stability gain and the shortest gap to the exam, so one
// review does the work of several at a higher season-wide retention. That
// review's own answer applies the rule again, until the item's predicted
// exam-day recall reaches the target. The simulator and the product share it.
func (s Scheduler) ExamInterval(m Memory, interval, gap int, target float64) int {
	if interval < gap || gap < 2 || !m.usable() || s.RetrievabilityAt(m.Stability, float64(gap)) >= target {
		return interval
	}
	best, bestR := interval, -1.0
	for t := 1; t < gap; t++ {
		r := s.RetrievabilityAt(m.Stability, float64(t))
		pass := s.NextMemory(m, Good, t)
		lapse := s.NextMemory(m, Again, t)
		exp := r*s.RetrievabilityAt(pass.Stability, float64(gap-t)) + (1-r)*s.RetrievabilityAt(lapse.Stability, float64(gap-t))
		if exp >= bestR {
			best, bestR = t, exp
		}
	}
	return best
}

// CalendarDay is the learner-day number of a calendar date (its year, month
// and day; the clock and zone of t do not matter), comparable with Clock.Day:
// an exam on that date is on learner day CalendarDay(date).
func CalendarDay(date time.Time) int {
	y, m, d := date.Date()
	return int(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// DefaultExamTarget is the exam-day recall a season aims for when it sets an
// exam date without a target.
const DefaultExamTarget = 0.95
