package progress

import (
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
