package api_test

import (
	"testing"
	"time"

	"memora/internal/apitest"
	"memora/internal/store"
	"memora/internal/store/storetest"
)

// BenchmarkFullProfileStats is get_full_profile_stats over HTTP on loopback for a player
// with a 60-day streak (three sessions a day over 90 days, each credited) and 2,000 memory
// items in two subjects, overall and for one subject; get_daily_quests for the same
// player (rewards already credited: the steady state).
//
//	go test -run '^$' -bench 'BenchmarkFullProfileStats|BenchmarkDailyQuests' -benchtime 2000x ./internal/api/
func BenchmarkFullProfileStats(b *testing.B) {
	for _, e := range storetest.Engines() {
		b.Run(string(e), func(b *testing.B) {
			c := statsPlayer(b, e)
			for _, subject := range []string{"", gmMath} {
				name := "overall"
				if subject != "" {
					name = "subject"
				}
				b.Run(name, func(b *testing.B) {
					params := map[string]string{"subject": subject}
					if st := stats(b, c, params); st.Streak != 60 {
						b.Fatalf("streak %d", st.Streak)
					}
					for b.Loop() {
						if r := c.Get(statsPath, params); r.Status != 200 {
							b.Fatalf("%d %s", r.Status, r.Body)
						}
					}
				})
			}
		})
	}
}

func BenchmarkDailyQuests(b *testing.B) {
	for _, e := range storetest.Engines() {
		b.Run(string(e), func(b *testing.B) {
			c := statsPlayer(b, e)
			c.Get(questsPath, nil) // credits today's rewards once
			for b.Loop() {
				if r := c.Get(questsPath, nil); r.Status != 200 {
					b.Fatalf("%d %s", r.Status, r.Body)
				}
			}
		})
	}
}

func statsPlayer(b *testing.B, e store.Engine) *apitest.Client {
	env := apitest.New(b, e)
	w := newGameWorld(b, env, "x")
	c, u := w.player(b, "s@x.test", 0)
	now := env.Clock.Now()
	math, phys := gmMath, gmPhys
	for d := range 90 {
		if d >= 60 && d%2 == 0 {
			continue // the streak is the last 60 days
		}
		for i := range 3 {
			kind, subject := store.SessionLesson, &math
			if i == 2 {
				kind, subject = store.SessionReview, &phys
			}
			w.play(b, u, kind, now.AddDate(0, 0, -d).Add(-time.Duration(i)*time.Hour), 40+i, subject)
		}
	}
	w.remember(b, u, &math, 2, 1000, now.Add(48*time.Hour))
	w.remember(b, u, &phys, 3, 900, now.Add(48*time.Hour))
	w.remember(b, u, &phys, 1, 100, now.Add(-time.Hour))
	return c
}
