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

// aheadDays is how far ahead of a credit's day the boards of a coming window are created:
// the window starts at least a whole local day (23 h or more) after the credit, so no
// credit of it can have been committed yet, whatever the servers' clocks disagree by.
const aheadDays = 2

// ahead are the dated sets whose window begins aheadDays after one of days, in a subject
// (nil: overall), with how long to keep them: the day aheadDays on, the rolling week
// starting then and, unless that day is already in it, the next calendar month. Created
// empty before their window begins, they are exact from then on: every credit of the
// window is observed while they exist (a set that misses one is replayed or dropped as
// any other), so the first read of the period needs no build.
func ahead(institutionID string, subject *string, days []time.Time) []aheadSet {
	var out []aheadSet
	seen := map[string]bool{}
	add := func(period leaderboard.Period, on, created time.Time) {
		sc := leaderboard.Scope{InstitutionID: institutionID, SubjectID: subject, Period: period, Today: on}
		key := boardKey(sc)
		if seen[key] {
			return
		}
		seen[key] = true
		_, last, _ := sc.Days()
		out = append(out, aheadSet{key: key, scope: sc, ttl: last.Sub(created) + 48*time.Hour})
	}
	for _, d := range days {
		start := d.AddDate(0, 0, aheadDays)
		add(leaderboard.Daily, start, d)
		add(leaderboard.Weekly, start.AddDate(0, 0, 6), d)
		if next := monthStart(d).AddDate(0, 1, 0); !next.Before(start) {
			add(leaderboard.Monthly, next, d)
		}
	}
	return out
}

// aheadSet is a set to create empty before its window begins.
type aheadSet struct {
	key   string
	scope leaderboard.Scope
	ttl   time.Duration
}
