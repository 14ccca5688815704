package api_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/apitest"
	"memora/internal/store"
)

type profileStats struct {
	FullName          string `json:"fullName"`
	Level             int    `json:"level"`
	LevelTitle        string `json:"levelTitle"`
	LevelTitleEN      string `json:"levelTitleEn"`
	NextLevelProgress int    `json:"nextLevelProgress"`
	XPInLevel         int64  `json:"xpInLevel"`
	XPToNextLevel     int64  `json:"xpToNextLevel"`
	Streak            int    `json:"streak"`
	Gems              int    `json:"gems"`
	TotalXP           int64  `json:"totalXP"`
	TotalLearned      int64  `json:"totalLearned"`
	WeeklyActivity    []struct {
		Day      string `json:"day"`
		DayEN    string `json:"day_en"`
		FullDate string `json:"full_date"`
		XP       int64  `json:"xp"`
		IsToday  bool   `json:"isToday"`
	} `json:"weeklyActivity"`
	Mastery struct {
		New      int64 `json:"new"`
		Learning int64 `json:"learning"`
		Mature   int64 `json:"mature"`
	} `json:"mastery"`
}

var statsPath = apitest.Method("profile", "get_full_profile_stats")

func stats(t testing.TB, c *apitest.Client, params map[string]string) profileStats {
	t.Helper()
	r := c.Get(statsPath, params)
	require.Equal(t, 200, r.Status, r.Body)
	var st profileStats
	r.Message(t, &st)
	return st
}

// G.70: level titles (Arabic, with English), levels from the formula; gems always 0.
func TestProfileStatsLevelTitles(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		w := newGameWorld(t, env, "x")
		for _, tc := range []struct {
			xp      int64
			level   int
			title   string
			titleEN string
		}{
			{0, 1, "مستكشف مبتدئ", "Beginner Explorer"},
			{1000, 3, "حارس الذاكرة", "Memory Keeper"},
			{15000, 9, "أسطورة الأردن", "Legend of Jordan"},
			{10000, 8, "أسطورة الأردن", "Legend of Jordan"},
		} {
			c, _ := w.player(t, fmt.Sprintf("p%d@x.test", tc.xp), tc.xp)
			st := stats(t, c, nil)
			require.Equal(t, tc.level, st.Level, "%d XP", tc.xp)
			require.Equal(t, tc.title, st.LevelTitle)
			require.Equal(t, tc.titleEN, st.LevelTitleEN)
			require.Equal(t, tc.xp, st.TotalXP)
			require.Zero(t, st.Gems)
		}
		c, _ := w.player(t, "p500@x.test", 500)
		st := stats(t, c, nil)
		require.Equal(t, []any{2, 48, int64(296), int64(612)}, []any{st.Level, st.NextLevelProgress, st.XPInLevel, st.XPToNextLevel})
		require.Equal(t, "p500@x.test", st.FullName)
	})
}

// G.72: the weekly chart ends today with today's XP summed; the day 3 back has its own.
func TestProfileStatsWeeklyActivity(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		w := newGameWorld(t, env, "x")
		c, u := w.player(t, "s@x.test", 0)
		now := env.Clock.Now()
		w.play(t, u, store.SessionLesson, now.Add(-time.Hour), 40, nil)
		w.play(t, u, store.SessionLesson, now.Add(-30*time.Minute), 60, nil)
		w.play(t, u, store.SessionReview, now.AddDate(0, 0, -3), 20, nil)
		w.play(t, u, store.SessionLesson, now.AddDate(0, 0, -8), 99, nil)

		st := stats(t, c, nil)
		require.Len(t, st.WeeklyActivity, 7)
		last := st.WeeklyActivity[6]
		require.Equal(t, "2026-11-25", last.FullDate)
		require.Equal(t, "أربعاء", last.Day)
		require.Equal(t, "Wed", last.DayEN)
		require.Equal(t, int64(100), last.XP)
		require.True(t, last.IsToday)
		require.Equal(t, int64(20), st.WeeklyActivity[3].XP)
		require.Equal(t, "أحد", st.WeeklyActivity[3].Day)
		for _, d := range st.WeeklyActivity[:6] {
			require.False(t, d.IsToday)
		}
		require.Equal(t, int64(219), st.TotalXP)
		require.Equal(t, 1, st.Streak, "today; the day before was not played")
	})
}

// G.73: with a subject, XP and level come from the subject score and mastery counts only
// that subject's items; totalLearned counts every live item.
func TestProfileStatsSubject(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		w := newGameWorld(t, env, "x")
		c, u := w.player(t, "s@x.test", 1000)
		require.NoError(t, env.Store.SubjectScoreSet(context.Background(), store.SubjectScore{UserID: u.ID, SubjectID: gmMath, TotalXP: 300, Level: 1}))
		math, phys := gmMath, gmPhys
		later := env.Clock.Now().Add(48 * time.Hour)
		w.remember(t, u, &math, 1, 5, later)
		w.remember(t, u, &math, 2, 3, later)
		w.remember(t, u, &math, 3, 2, later)
		w.remember(t, u, &math, 4, 1, later)
		w.remember(t, u, &phys, 1, 7, later)
		w.remember(t, u, nil, 0, 2, later)

		st := stats(t, c, map[string]string{"subject": gmMath})
		require.Equal(t, 2, st.Level)
		require.Equal(t, int64(300), st.TotalXP)
		require.Equal(t, []int64{5, 3, 3}, []int64{st.Mastery.New, st.Mastery.Learning, st.Mastery.Mature})
		require.Equal(t, int64(11), st.TotalLearned)
		require.Zero(t, st.Gems)

		all := stats(t, c, nil)
		require.Equal(t, 3, all.Level)
		require.Equal(t, int64(1000), all.TotalXP)
		require.Equal(t, []int64{12, 3, 3}, []int64{all.Mastery.New, all.Mastery.Learning, all.Mastery.Mature})
		require.Equal(t, int64(20), all.TotalLearned, "level-0 items count in totalLearned only")

		none := stats(t, c, map[string]string{"subject": gmPhys})
		require.Equal(t, int64(0), none.TotalXP, "no phys score yet")
		require.Equal(t, 1, none.Level)

		expectError(t, c.Get(statsPath, map[string]string{"subject": "nope"}), 404, "DoesNotExistError")
		expectError(t, env.Client().Get(statsPath, nil), 401, "AuthenticationError")
	})
}

// The streak follows the institution's days (Asia/Amman, UTC+3), not UTC: a session at
// 00:30 local time (21:30 UTC the day before) counts for the new local day.
func TestProfileStatsStreakAcrossLocalMidnight(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		w := newGameWorld(t, env, "x")
		c, u := w.player(t, "s@x.test", 0)
		w.play(t, u, store.SessionLesson, time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC), 10, nil)   // local 23rd
		w.play(t, u, store.SessionLesson, time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC), 10, nil)  // local 24th
		w.play(t, u, store.SessionLesson, time.Date(2026, 11, 24, 21, 30, 0, 0, time.UTC), 10, nil) // local 25th, 00:30

		env.Clock.Set(time.Date(2026, 11, 24, 21, 45, 0, 0, time.UTC)) // 00:45 on the 25th in Amman
		st := stats(t, c, nil)
		require.Equal(t, 3, st.Streak, "23rd, 24th and 25th local; in UTC it is still the 24th")
		require.Equal(t, "2026-11-25", st.WeeklyActivity[6].FullDate)
		require.Equal(t, int64(10), st.WeeklyActivity[6].XP)

		env.Clock.Set(time.Date(2026, 11, 26, 20, 59, 0, 0, time.UTC)) // 23:59 on the 26th: yesterday was played
		require.Equal(t, 3, stats(t, c, nil).Streak)
		env.Clock.Set(time.Date(2026, 11, 26, 21, 1, 0, 0, time.UTC)) // 00:01 on the 27th: the 26th was missed
		require.Equal(t, 0, stats(t, c, nil).Streak)
	})
}
