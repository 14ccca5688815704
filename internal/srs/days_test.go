package srs

import (
	"testing"
	"time"
)

func TestClockRollover(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Skip("no tzdata:", err)
	}
	c := Clock{Location: paris, RolloverHour: 4}
	evening := time.Date(2024, 3, 29, 23, 30, 0, 0, paris)
	lateNight := time.Date(2024, 3, 30, 3, 59, 0, 0, paris)
	morning := time.Date(2024, 3, 30, 4, 0, 0, 0, paris)
	check(t, "03:59 is still the evening's day", c.Day(lateNight), c.Day(evening))
	check(t, "04:00 starts the next day", c.Day(morning), c.Day(evening)+1)
	check(t, "day start", c.DayStart(c.Day(morning)), morning)
	check(t, "days between", c.DaysBetween(evening, morning), 1)
}

func TestClockAcrossDST(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Skip("no tzdata:", err)
	}
	c := Clock{Location: paris, RolloverHour: 4}
	// Clocks go forward on 2024-03-31 at 02:00: that learner day has 23 hours.
	before := time.Date(2024, 3, 30, 12, 0, 0, 0, paris)
	after := time.Date(2024, 3, 31, 12, 0, 0, 0, paris)
	check(t, "one learner day across the DST change", c.DaysBetween(before, after), 1)
	start := c.DayStart(c.Day(after))
	check(t, "day starts at 04:00 local", start.Hour(), 4)
}

func TestClockSameInstantDifferentZones(t *testing.T) {
	utc := Clock{RolloverHour: 4}
	tokyo := Clock{Location: time.FixedZone("JST", 9*3600), RolloverHour: 4}
	at := time.Date(2024, 5, 1, 20, 0, 0, 0, time.UTC) // 05:00 on May 2 in Tokyo
	check(t, "tokyo is a day ahead", tokyo.Day(at), utc.Day(at)+1)
	if err := (Clock{RolloverHour: 24}).Validate(); err == nil {
		t.Error("hour 24 accepted")
	}
}
