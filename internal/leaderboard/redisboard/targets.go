package redisboard

import (
	"slices"
	"time"

	"memora/internal/leaderboard"
	"memora/internal/store"
)

// target is a set and the player's score in it.
type target struct {
	key string
	xp  int64
}

// targets are the dated sets a credit on days changes, in a subject (nil: overall), with
// the player's scores summed from rows (their ledger per day and subject): the day itself,
// the 7 rolling weeks that contain it and its month.
func targets(institutionID string, subject *string, days []time.Time, rows []store.UserDayXP) []target {
	sum := func(from, to time.Time) int64 {
		var n int64
		for _, r := range rows {
			if (subject == nil || (r.SubjectID != nil && *r.SubjectID == *subject)) &&
				!r.Day.Before(from) && !r.Day.After(to) {
				n += r.XP
			}
		}
		return n
	}
	var out []target
	seen := map[string]bool{}
	add := func(period leaderboard.Period, on time.Time) {
		sc := leaderboard.Scope{InstitutionID: institutionID, SubjectID: subject, Period: period, Today: on}
		key := boardKey(sc)
		if seen[key] {
			return
		}
		seen[key] = true
		from, to, _ := sc.Days()
		out = append(out, target{key: key, xp: sum(from, to)})
	}
	for _, d := range days {
		add(leaderboard.Daily, d)
		for i := range 7 {
			add(leaderboard.Weekly, d.AddDate(0, 0, i))
		}
		add(leaderboard.Monthly, d)
	}
	return out
}

func monthStart(d time.Time) time.Time {
	return time.Date(d.Year(), d.Month(), 1, 0, 0, 0, 0, time.UTC)
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func sortDays(days []time.Time) {
	slices.SortFunc(days, func(a, b time.Time) int { return a.Compare(b) })
}
