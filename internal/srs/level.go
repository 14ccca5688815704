package srs

// StabilityLevel maps a card to the original's 1–4 level for clients that
// expect it (srs.md §2): 1 while new, learning or relearning or S < 2 days,
// 2 while S < 7, 3 while S < 21, 4 from 21 days on.
func StabilityLevel(c Card) int {
	if c.State != Review {
		return 1
	}
	return levelForStability(c.Stability)
}

func levelForStability(s float64) int {
	switch {
	case s < 2:
		return 1
	case s < 7:
		return 2
	case s < 21:
		return 3
	default:
		return 4
	}
}

// MasteryBucket is the original's mastery grouping of a level (§3.6):
// new = level 1, learning = level 2, mature = levels 3–4.
type MasteryBucket string

const (
	MasteryNew      MasteryBucket = "new"
	MasteryLearning MasteryBucket = "learning"
	MasteryMature   MasteryBucket = "mature"
)

// MasteryForLevel groups a 1–4 level; any other level (the original's 0 for
// an untouched tracker) is in no bucket and returns "".
func MasteryForLevel(level int) MasteryBucket {
	switch level {
	case 1:
		return MasteryNew
	case 2:
		return MasteryLearning
	case 3, 4:
		return MasteryMature
	}
	return ""
}
