// Package leaderboard ranks an institution's players by XP over a period (all time, today,
// the last 7 days, this month), optionally in one subject (§3.11, product §3.5). Two boards
// give the same answers: SQLBoard (indexed SQL) and redisboard.Board (Redis sorted sets kept
// current by the XP observer). Ranks are competition ranks: ties share a rank (1, 2, 2, 4).
package leaderboard

import (
	"time"

	"memora/internal/problem"
	"memora/internal/store"
)

// Period is a leaderboard's time window.
type Period string

// Periods. Days are institution-local. Weekly is rolling (the last 7 days including today,
// as the original), monthly the current calendar month.
const (
	AllTime Period = "all_time"
	Daily   Period = "daily"
	Weekly  Period = "weekly"
	Monthly Period = "monthly"
)

// ParsePeriod reads a period parameter; empty is all_time.
func ParsePeriod(s string) (Period, error) {
	switch p := Period(s); p {
	case "":
		return AllTime, nil
	case AllTime, Daily, Weekly, Monthly:
		return p, nil
	}
	return "", problem.Invalidf("Invalid period '{period}': use all_time, daily, weekly or monthly", "period", s)
}

// Scope is one board: an institution, an optional subject and a period read on a day.
type Scope struct {
	InstitutionID string
	SubjectID     *string
	Period        Period
	Today         time.Time // the institution-local day, as clock.Day returns it
}

// Days is the window of local days of a dated period; ok is false for all time.
func (sc Scope) Days() (from, to time.Time, ok bool) {
	switch sc.Period {
	case Daily:
		return sc.Today, sc.Today, true
	case Weekly:
		return sc.Today.AddDate(0, 0, -6), sc.Today, true
	case Monthly:
		first := time.Date(sc.Today.Year(), sc.Today.Month(), 1, 0, 0, 0, 0, time.UTC)
		return first, first.AddDate(0, 1, -1), true
	}
	return time.Time{}, time.Time{}, false
}

// StoreScope is the scope as the store queries it.
func (sc Scope) StoreScope() store.BoardScope {
	bs := store.BoardScope{InstitutionID: sc.InstitutionID, SubjectID: sc.SubjectID}
	if from, to, ok := sc.Days(); ok {
		bs.From, bs.To = &from, &to
	}
	return bs
}
