package progress

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/clock"
	"memora/internal/identity"
	"memora/internal/store"
	"memora/internal/store/storetest"
)

// forecastWorld is a student of an institution in zone with a profile in season "s".
func forecastWorld(t *testing.T, st store.Store, zone string, now time.Time) identity.Principal {
	t.Helper()
	ctx := context.Background()
	require.NoError(t, st.InstitutionUpsert(ctx, store.Institution{ID: "i", Name: "i", TimeZone: zone}))
	u, err := st.UserUpsert(ctx, store.UserUpsertParams{InstitutionID: "i", Email: "s@example.org", Enabled: true, CreatedAt: now})
	require.NoError(t, err)
	require.NoError(t, st.SeasonUpsert(ctx, store.Season{ID: "s", Title: "s", StartDate: now.AddDate(0, -2, 0),
		EndDate: now.AddDate(0, 6, 0), IsActive: true, Scheduler: store.SchedulerFSRS, DesiredRetention: 0.9,
		GradeMapping: "binary", CreatedAt: now}))
	loc, err := time.LoadLocation(zone)
	require.NoError(t, err)
	return identity.Principal{UserID: u.ID, InstitutionID: "i", Email: u.Email, Location: loc}
}

func dueItem(user int64, season, q string, due time.Time, retired bool) store.MemoryState {
	return store.MemoryState{UserID: user, SeasonID: season, QuestionID: q, Level: 1, Due: due, Retired: retired,
		CreatedAt: due, UpdatedAt: due}
}

// Days are the institution's: in New York, an item due at 04:30 UTC on 2 November is due on
// the evening of 1 November; the week of the change to winter time has a 25-hour day.
func TestTheReviewForecastCountsDueItemsPerLocalDayWithOverdueOnToday(t *testing.T) {
	for _, e := range storetest.Engines() {
		t.Run(string(e), func(t *testing.T) {
			ctx := context.Background()
			st := storetest.Open(t, e)
			ny, err := time.LoadLocation("America/New_York")
			require.NoError(t, err)
			now := time.Date(2026, 10, 30, 20, 0, 0, 0, ny) // Friday evening, EDT (UTC-4)
			who := forecastWorld(t, st, "America/New_York", now)
			svc := &Service{Store: st, Clock: clock.NewFake(now)}

			days, err := svc.ReviewForecast(ctx, who, 0)
			require.NoError(t, err)
			require.Len(t, days, ForecastDays, "without a profile: every day, all zero")
			for _, d := range days {
				require.Zero(t, d.Count)
			}

			require.NoError(t, st.ProfileUpsert(ctx, store.PlayerProfile{UserID: who.UserID, SeasonID: seasonID("s"), Hearts: 5, CreatedAt: now, UpdatedAt: now}))
			local := func(m time.Month, d, h, min int) time.Time { return time.Date(2026, m, d, h, min, 0, 0, ny) }
			require.NoError(t, st.MemoryUpsert(ctx, []store.MemoryState{
				dueItem(who.UserID, "s", "overdue-long", local(9, 1, 8, 0), false),
				dueItem(who.UserID, "s", "overdue-today", local(10, 30, 6, 0), false),
				dueItem(who.UserID, "s", "later-today", local(10, 30, 23, 59), false),
				dueItem(who.UserID, "s", "tomorrow-first", local(10, 31, 0, 0), false),
				dueItem(who.UserID, "s", "sunday-evening", local(11, 1, 23, 30), false), // 04:30 UTC on the 2nd (EST)
				dueItem(who.UserID, "s", "monday", local(11, 2, 0, 15), false),
				dueItem(who.UserID, "s", "last-day", local(11, 12, 23, 45), false),
				dueItem(who.UserID, "s", "past-the-end", local(11, 13, 0, 0), false),
				dueItem(who.UserID, "s", "retired", local(10, 31, 9, 0), true),
				dueItem(who.UserID, "other-season", "elsewhere", local(10, 31, 9, 0), false),
			}))

			days, err = svc.ReviewForecast(ctx, who, 0)
			require.NoError(t, err)
			require.Len(t, days, 14)
			want := map[string]int64{"2026-10-30": 3, "2026-10-31": 1, "2026-11-01": 1, "2026-11-02": 1, "2026-11-12": 1}
			for i, d := range days {
				require.Equal(t, time.Date(2026, 10, 30+i, 0, 0, 0, 0, time.UTC), d.Day)
				require.Equal(t, d.Day.Format(time.DateOnly), d.Date)
				require.Equal(t, want[d.Date], d.Count, d.Date)
			}

			three, err := svc.ReviewForecast(ctx, who, 3)
			require.NoError(t, err)
			require.Equal(t, []int64{3, 1, 1}, []int64{three[0].Count, three[1].Count, three[2].Count})
		})
	}
}

func seasonID(id string) *string { return &id }
