package storetest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/store"
)

func TestWorkloadForecastReads(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		var users []int64
		for i, inst := range []string{"a", "a", "a", "b"} {
			require.NoError(t, s.InstitutionUpsert(ctx, store.Institution{ID: inst, Name: inst, TimeZone: "UTC"}))
			u, err := s.UserUpsert(ctx, store.UserUpsertParams{InstitutionID: inst, Email: fmt.Sprintf("u%d@example.org", i),
				Enabled: true, CreatedAt: t0})
			require.NoError(t, err)
			users = append(users, u.ID)
		}
		// memoryItem: even items are reviewed, items 0, 50, … retired.
		for _, u := range users[:3] {
			items := make([]store.MemoryState, 6)
			for i := range items {
				items[i] = memoryItem(u, "s2026", i)
			}
			require.NoError(t, s.MemoryUpsert(ctx, items))
		}
		require.NoError(t, s.MemoryUpsert(ctx, []store.MemoryState{memoryItem(users[3], "s2026", 2), memoryItem(users[0], "s2027", 2)}))

		got, err := s.ForecastStudents(ctx, "s2026", "a", 10)
		require.NoError(t, err)
		require.ElementsMatch(t, users[:3], got, "institution a's students with a live reviewed item")
		again, err := s.ForecastStudents(ctx, "s2026", "a", 10)
		require.NoError(t, err)
		require.Equal(t, got, again, "a fixed order")
		sample, err := s.ForecastStudents(ctx, "s2026", "a", 2)
		require.NoError(t, err)
		require.Equal(t, got[:2], sample)
		all, err := s.ForecastStudents(ctx, "s2026", "", 10)
		require.NoError(t, err)
		require.ElementsMatch(t, users, all, "every institution")

		mem, err := s.ForecastMemory(ctx, "s2026", users[:2], 100)
		require.NoError(t, err)
		require.Len(t, mem, 4, "items 2 and 4 of two students (0 retired, odd ones never reviewed)")
		want := memoryItem(users[0], "s2026", 2)
		require.Equal(t, store.ForecastItem{UserID: users[0], Stability: want.Stability, Difficulty: want.Difficulty,
			State: want.State, Due: want.Due, LastReview: *want.LastReview}, mem[0])
		mem, err = s.ForecastMemory(ctx, "s2026", users[:2], 3)
		require.NoError(t, err)
		require.Len(t, mem, 3, "at most the limit")

		var log []store.ReviewLogEntry
		for i := range 6 {
			src := store.XPFromReview
			if i == 5 {
				src = "lesson"
			}
			log = append(log, store.ReviewLogEntry{UserID: users[i%2], SeasonID: "s2026", QuestionID: "q", Source: src,
				Rating: 1 + i%3, Correct: i%3 != 0, DurationMs: 1000 * i, DueAfter: t0, ReviewedAt: t0.Add(time.Duration(i) * time.Minute)})
		}
		log = append(log, store.ReviewLogEntry{UserID: users[2], SeasonID: "s2026", QuestionID: "q", Source: store.XPFromReview,
			Rating: 3, Correct: true, DurationMs: 9000, DueAfter: t0, ReviewedAt: t0})
		require.NoError(t, s.ReviewLogInsert(ctx, log))
		durs, err := s.ForecastDurations(ctx, "s2026", users[:2], 10)
		require.NoError(t, err)
		require.Equal(t, []store.ForecastDuration{{Rating: 2, DurationMs: 4000}, {Rating: 1, DurationMs: 3000},
			{Rating: 3, DurationMs: 2000}, {Rating: 2, DurationMs: 1000}}, durs, "reviews with a time, latest first; lessons and zero times left out")
		durs, err = s.ForecastDurations(ctx, "s2026", users[:2], 1)
		require.NoError(t, err)
		require.Len(t, durs, 1)

		// The pace of new items: user 0 gets two items created a week after t0.
		later := memoryItem(users[0], "s2026", 10)
		later.CreatedAt = t0.Add(7 * 24 * time.Hour)
		later2 := memoryItem(users[0], "s2026", 12)
		later2.CreatedAt = later.CreatedAt
		require.NoError(t, s.MemoryUpsert(ctx, []store.MemoryState{later, later2}))
		pace, err := s.ForecastPace(ctx, "s2026", []int64{users[1], users[0], users[3]}, t0.Add(24*time.Hour))
		require.NoError(t, err)
		require.Equal(t, []store.ForecastPace{
			{UserID: users[0], Items: 8, Recent: 2, FirstCreated: t0},
			{UserID: users[1], Items: 6, Recent: 0, FirstCreated: t0},
			{UserID: users[3], Items: 1, Recent: 0, FirstCreated: t0},
		}, pace, "every item (retired ones too), by user; other seasons left out")
		pace, err = s.ForecastPace(ctx, "s2026", []int64{users[2]}, t0)
		require.NoError(t, err)
		require.Equal(t, []store.ForecastPace{{UserID: users[2], Items: 6, Recent: 6, FirstCreated: t0}}, pace, "created at since counts")
		n, err := s.ForecastSeasonItems(ctx, "s2026", users[:2])
		require.NoError(t, err)
		require.Equal(t, 8, n, "q0000–q0005, q0010 and q0012")
		n, err = s.ForecastSeasonItems(ctx, "s2026", []int64{users[3]})
		require.NoError(t, err)
		require.Equal(t, 1, n)
	})
}
