package srs

import "time"

// The original Memora rules (original-memora.md §3.1). The level is the
// original's 1–4 "stability" field, not an FSRS stability.

// Rule A constants: lesson rating → days until the next review.
var classicLessonDays = [5]int{1: 0, 2: 2, 3: 4, 4: 7}

// Rule B constants: new level → days until the next review.
var classicReviewDays = [5]int{1: 1, 2: 3, 3: 7, 4: 14}

const (
	classicFastMs          = 2000 // below: fast (rule A Easy, rule B +2)
	classicLessonSlowMs    = 5000 // rule A: at or above is Hard
	classicReviewSlowMs    = 6000 // rule B: above gives no growth
	classicDefaultLessonMs = 3000 // rule A's duration when the client sent none
	classicMaxLevel        = 4
)

// ClassicLesson is rule A, applied after a lesson: more than one attempt is
// Again (level 1, due now, so a failed atom is due immediately); otherwise the
// level is 4 under 2 s, 3 under 5 s, 2 from 5 s. The level overwrites any
// previous one. A missing duration (<= 0) counts as 3000 ms and a missing
// attempt count as 1, as the original did.
func ClassicLesson(durationMs, attempts int, now time.Time) (level int, next time.Time) {
	if durationMs <= 0 {
		durationMs = classicDefaultLessonMs
	}
	switch {
	case attempts > 1:
		level = 1
	case durationMs < classicFastMs:
		level = 4
	case durationMs < classicLessonSlowMs:
		level = 3
	default:
		level = 2
	}
	return level, now.AddDate(0, 0, classicLessonDays[level])
}

// ClassicReview is rule B, applied after a review answer. Correct: +2 under
// 2 s, no growth above 6 s, +1 otherwise (2 s and 6 s included), capped at 4
// and floored at 1. Wrong: 1. Due in 1/3/7/14 days for levels 1/2/3/4.
func ClassicReview(current int, correct bool, durationMs int, now time.Time) (level int, next time.Time) {
	current = min(max(current, 0), classicMaxLevel)
	switch {
	case !correct:
		level = 1
	case durationMs < classicFastMs:
		level = min(current+2, classicMaxLevel)
	case durationMs > classicReviewSlowMs:
		level = current
	default:
		level = min(current+1, classicMaxLevel)
	}
	level = max(level, 1)
	return level, now.AddDate(0, 0, classicReviewDays[level])
}

// ClassicIntervalDays is rule B's interval for a level (1 day for anything
// unknown, as the original's default).
func ClassicIntervalDays(level int) int {
	if level < 1 || level > classicMaxLevel {
		return 1
	}
	return classicReviewDays[level]
}
