package progress

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/store"
)

func day(d int) time.Time { return time.Date(2026, 11, 25+d, 0, 0, 0, 0, time.UTC) }

func TestStreak(t *testing.T) {
	today := day(0)
	for name, tc := range map[string]struct {
		days []time.Time
		want int
	}{
		"none":                    {nil, 0},
		"today only":              {[]time.Time{day(0)}, 1},
		"yesterday starts it":     {[]time.Time{day(-1), day(-2)}, 2},
		"two days ago breaks it":  {[]time.Time{day(-2), day(-3)}, 0},
		"stops at the first gap":  {[]time.Time{day(0), day(-1), day(-2), day(-4), day(-5)}, 3},
		"across a month boundary": {[]time.Time{day(0), day(-1), day(-2), day(-3), day(-4), day(-5), day(-6)}, 7},
	} {
		require.Equal(t, tc.want, Streak(tc.days, today), name)
	}
	long := make([]time.Time, 45)
	for i := range long {
		long[i] = day(-i)
	}
	require.Equal(t, 45, Streak(long, today), "not cut at 30 days")
}

// G.72 shape: 7 days ending today, XP summed per day over every source.
func TestWeek(t *testing.T) {
	w := Week(day(0), []store.DayXP{
		{Day: day(0), Source: store.XPFromLesson, XP: 100},
		{Day: day(0), Source: store.XPFromQuest, XP: 150},
		{Day: day(-3), Source: store.XPFromReview, XP: 20},
		{Day: day(-9), Source: store.XPFromReview, XP: 99},
	})
	require.Len(t, w, 7)
	require.Equal(t, DayActivity{Day: "أربعاء", DayEN: "Wed", FullDate: "2026-11-25", XP: 250, IsToday: true}, w[6])
	require.Equal(t, DayActivity{Day: "أحد", DayEN: "Sun", FullDate: "2026-11-22", XP: 20}, w[3])
	require.Equal(t, DayActivity{Day: "خميس", DayEN: "Thu", FullDate: "2026-11-19"}, w[0])
	names := make([]string, 7)
	for i, d := range w {
		names[i] = d.Day
	}
	require.Equal(t, []string{"خميس", "جمعة", "سبت", "أحد", "إثنين", "ثلاثاء", "أربعاء"}, names)
}

// pagedDays answers ProgressActivityDays from days (newest first) and counts the calls.
type pagedDays struct {
	store.Executor
	days  []store.ActivityDay
	calls int
}

func (p *pagedDays) ProgressActivityDays(_ context.Context, _ int64, before time.Time, limit int) ([]store.ActivityDay, error) {
	p.calls++
	var out []store.ActivityDay
	for _, d := range p.days {
		if d.Day.Before(before) && len(out) < limit {
			out = append(out, d)
		}
	}
	return out, nil
}

// A streak longer than the first page (read with the quests' batch) reads on from it.
func TestActivityFromAFirstPageReadsOn(t *testing.T) {
	today := day(0)
	ex := &pagedDays{}
	for i := range 100 {
		ex.days = append(ex.days, store.ActivityDay{Day: day(-i), Reviewed: i == 0})
	}
	first, err := ex.ProgressActivityDays(t.Context(), 1, activityBefore(today), activityPage)
	require.NoError(t, err)
	ex.calls = 0
	a, err := activityFrom(t.Context(), ex, 1, today, first)
	require.NoError(t, err)
	require.Equal(t, Activity{Streak: 100, PlayedToday: true, ReviewedToday: true}, a)
	require.Equal(t, 1, ex.calls, "the first page was given: one more page read")

	a, err = activityFrom(t.Context(), ex, 1, today, []store.ActivityDay{})
	require.NoError(t, err)
	require.Equal(t, Activity{}, a, "an empty first page: no activity, nothing more read")
	require.Equal(t, 1, ex.calls)
	a, err = loadActivity(t.Context(), ex, 1, today)
	require.NoError(t, err)
	require.Equal(t, 100, a.Streak)
	require.Equal(t, 3, ex.calls, "nothing given: both pages read")
}
