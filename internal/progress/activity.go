package progress

import (
	"context"
	"fmt"
	"time"

	"memora/internal/store"
)

// activityPage is how many active days one query reads; most streaks fit in the first.
const activityPage = 64

// Activity is what a player's gameplay days say about today.
type Activity struct {
	Streak        int
	PlayedToday   bool
	ReviewedToday bool
}

// streakCounter counts the run of consecutive days (§3.7-A), fed newest first: it starts
// only on today or yesterday and stops at the first gap. Unlike the original it is not cut
// at 30 days.
type streakCounter struct {
	today, prev time.Time
	n           int
	done        bool
}

func (c *streakCounter) add(day time.Time) {
	if c.done {
		return
	}
	switch {
	case c.n == 0 && (day.Equal(c.today) || day.Equal(c.today.AddDate(0, 0, -1))):
		c.n = 1
	case c.n > 0 && day.Equal(c.prev.AddDate(0, 0, -1)):
		c.n++
	default:
		c.done = true
		return
	}
	c.prev = day
}

// Streak counts the consecutive days ending today or yesterday in days (distinct local
// days, newest first).
func Streak(days []time.Time, today time.Time) int {
	c := streakCounter{today: today}
	for _, d := range days {
		c.add(d)
	}
	return c.n
}

// loadActivity reads the user's active days page by page until the streak breaks.
func loadActivity(ctx context.Context, exec store.Executor, userID int64, today time.Time) (Activity, error) {
	return activityFrom(ctx, exec, userID, today, nil)
}

// activityBefore is where the first page of a day's activity starts (exclusive).
func activityBefore(today time.Time) time.Time { return today.AddDate(0, 0, 1) }

// activityFrom is loadActivity from a first page already read (nil: read it too).
func activityFrom(ctx context.Context, exec store.Executor, userID int64, today time.Time, firstPage []store.ActivityDay) (Activity, error) {
	var a Activity
	c := streakCounter{today: today}
	before := activityBefore(today)
	for first := true; ; first = false {
		page := firstPage
		if !first || page == nil {
			var err error
			if page, err = exec.ProgressActivityDays(ctx, userID, before, activityPage); err != nil {
				return Activity{}, fmt.Errorf("activity: %w", err)
			}
		}
		if first && len(page) > 0 && page[0].Day.Equal(today) {
			a.PlayedToday, a.ReviewedToday = true, page[0].Reviewed
		}
		for _, d := range page {
			c.add(d.Day)
		}
		if c.done || len(page) < activityPage {
			a.Streak = c.n
			return a, nil
		}
		before = page[len(page)-1].Day
	}
}

// DayActivity is one day of the weekly chart.
type DayActivity struct {
	Day      string `json:"day"`
	DayEN    string `json:"day_en"`
	FullDate string `json:"full_date"`
	XP       int64  `json:"xp"`
	IsToday  bool   `json:"isToday"`
}

var weekdayAR = [...]string{
	time.Sunday: "أحد", time.Monday: "إثنين", time.Tuesday: "ثلاثاء", time.Wednesday: "أربعاء",
	time.Thursday: "خميس", time.Friday: "جمعة", time.Saturday: "سبت",
}

// Week lays out the 7 local days ending today (oldest first) with the XP credited on each.
func Week(today time.Time, xp []store.DayXP) []DayActivity {
	byDay := make(map[time.Time]int64, len(xp))
	for _, x := range xp {
		byDay[x.Day] += x.XP
	}
	out := make([]DayActivity, 7)
	for i := range out {
		d := today.AddDate(0, 0, i-6)
		out[i] = DayActivity{Day: weekdayAR[d.Weekday()], DayEN: d.Weekday().String()[:3],
			FullDate: d.Format(time.DateOnly), XP: byDay[d], IsToday: d.Equal(today)}
	}
	return out
}
