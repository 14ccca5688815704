package srs

import (
	"fmt"
	"time"
)

// DefaultRolloverHour is when a learner day starts, local time (Anki's 04:00),
// so a late-night session still counts as the evening's day.
const DefaultRolloverHour = 4

// Clock turns instants into learner days: the local calendar date in Location,
// where a day starts at RolloverHour rather than midnight. Day numbers count
// from 1970-01-01, so they are comparable across learners and time zones.
type Clock struct {
	Location     *time.Location // nil means UTC
	RolloverHour int            // 0..23
}

// Validate rejects an hour outside 0..23.
func (c Clock) Validate() error {
	if c.RolloverHour < 0 || c.RolloverHour > 23 {
		return fmt.Errorf("srs: rollover hour %d out of [0, 23]", c.RolloverHour)
	}
	return nil
}

func (c Clock) loc() *time.Location {
	if c.Location == nil {
		return time.UTC
	}
	return c.Location
}

// Day is the learner day containing t.
func (c Clock) Day(t time.Time) int {
	local := t.In(c.loc())
	y, m, d := local.Date()
	date := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	if local.Hour() < c.RolloverHour {
		date = date.AddDate(0, 0, -1)
	}
	return int(date.Unix() / 86400)
}

// DayStart is the instant learner day day begins.
func (c Clock) DayStart(day int) time.Time {
	y, m, d := time.Unix(int64(day)*86400, 0).UTC().Date()
	return time.Date(y, m, d, c.RolloverHour, 0, 0, 0, c.loc())
}

// DaysBetween is the number of learner days from a to b (negative if b is earlier).
func (c Clock) DaysBetween(a, b time.Time) int { return c.Day(b) - c.Day(a) }
