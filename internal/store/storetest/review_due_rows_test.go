package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/store"
)

// ReviewDueRows finds what MemoryGetMany finds (retired items too, nothing of another
// season or player), with whether each item's latest push came after its last review, in
// one call.
func TestReviewDueRowsAreMemoryGetManyWithPushMarks(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		w := seed(t, s, "")
		last, later, past := t0.AddDate(0, 0, -20), t0.AddDate(0, 0, 5), t0.Add(-time.Hour)
		item := func(user int64, season, q string, due time.Time, retired bool) store.MemoryState {
			return store.MemoryState{UserID: user, SeasonID: season, QuestionID: q, SubjectID: &w.Subject, TopicID: &w.Topic,
				Stability: 4.5, Difficulty: 6.25, State: 2, Level: 3, Due: due, LastReview: &last, Reps: 4, Lapses: 1,
				Retired: retired, CreatedAt: last, UpdatedAt: last}
		}
		fresh := item(w.User.ID, w.Season, "new", later, false) // never reviewed
		fresh.LastReview = nil
		recent := item(w.User.ID, w.Season, "reviewed-since", later, false) // reviewed after its push
		at := t0.Add(time.Minute)
		recent.LastReview = &at
		require.NoError(t, s.MemoryUpsert(ctx, []store.MemoryState{
			item(w.User.ID, w.Season, "a", later, false), item(w.User.ID, w.Season, "b", past, false),
			item(w.User.ID, w.Season, "retired", later, true), item(w.User.ID, "s2026-elsewhere", "a", later, false),
			item(w.User.ID+1000, w.Season, "a", later, false), fresh, recent,
		}))
		_, err := s.ReviewPush(ctx, store.ReviewPushParams{UserID: w.User.ID, SeasonID: w.Season,
			QuestionIDs: []string{"a", "retired", "new", "reviewed-since"}, PushedBy: 77, Now: t0})
		require.NoError(t, err)
		_, err = s.ReviewPush(ctx, store.ReviewPushParams{UserID: w.User.ID, SeasonID: "s2026-elsewhere",
			QuestionIDs: []string{"a", "b"}, PushedBy: 77, Now: t0.Add(time.Hour)})
		require.NoError(t, err)

		asked := []string{"a", "b", "retired", "missing", "new", "reviewed-since"}
		rows, err := s.ReviewDueRows(ctx, w.User.ID, w.Season, asked)
		require.NoError(t, err)
		want, err := s.MemoryGetMany(ctx, w.User.ID, w.Season, asked)
		require.NoError(t, err)
		pushed, err := s.PushedAt(ctx, w.User.ID, w.Season, asked)
		require.NoError(t, err)
		require.Len(t, rows, len(want))
		byID := map[string]store.DueRow{}
		for _, r := range rows {
			byID[r.QuestionID] = r
		}
		for _, m := range want {
			r, ok := byID[m.QuestionID]
			require.True(t, ok, m.QuestionID)
			require.True(t, m.Due.Equal(r.Due), m.QuestionID)
			require.Equal(t, m.Retired, r.Retired, m.QuestionID)
			at, ok := pushed[m.QuestionID]
			require.Equal(t, ok && (m.LastReview == nil || m.LastReview.Before(at)), r.Pushed, m.QuestionID)
		}
		require.True(t, byID["a"].Pushed, "pushed after its last review")
		require.False(t, byID["b"].Pushed, "pushed in another season only")
		require.True(t, byID["new"].Pushed, "pushed and never reviewed")
		require.False(t, byID["reviewed-since"].Pushed, "reviewed after its push")
		require.True(t, byID["retired"].Retired)
		require.False(t, byID["a"].Retired)
		require.True(t, t0.Equal(byID["a"].Due), "the push made it due")

		none, err := s.ReviewDueRows(ctx, w.User.ID, w.Season, []string{"missing"})
		require.NoError(t, err)
		require.Empty(t, none)
	})
}
