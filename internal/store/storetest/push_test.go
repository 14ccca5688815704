package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/store"
)

// A push moves only the due time of live items not yet due, records every pushed question,
// and reads back; candidates are the institution's live items of profile seasons.
func TestReviewPushMovesOnlyTheDueTimeOfLiveItemsNotYetDue(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		w := seed(t, s, "")
		other := seed(t, s, "-other")
		require.NoError(t, s.ProfileSetAcademic(ctx, store.ProfileSetAcademicParams{UserID: w.User.ID, GradeID: w.Grade,
			StreamID: &w.Stream, SeasonID: &w.Season, Now: t0}))
		require.NoError(t, s.ProfileSetAcademic(ctx, store.ProfileSetAcademicParams{UserID: other.User.ID, GradeID: other.Grade,
			StreamID: &other.Stream, SeasonID: &other.Season, Now: t0}))
		last, later, past := t0.AddDate(0, 0, -20), t0.AddDate(0, 0, 5), t0.Add(-time.Hour)
		item := func(user int64, season, q string, due time.Time, retired bool) store.MemoryState {
			return store.MemoryState{UserID: user, SeasonID: season, QuestionID: q, SubjectID: &w.Subject, TopicID: &w.Topic,
				Stability: 4.5, Difficulty: 6.25, State: 2, Level: 3, Due: due, LastReview: &last, Reps: 4, Lapses: 1,
				Retired: retired, CreatedAt: last, UpdatedAt: last}
		}
		require.NoError(t, s.MemoryUpsert(ctx, []store.MemoryState{
			item(w.User.ID, w.Season, "later", later, false), item(w.User.ID, w.Season, "due", past, false),
			item(w.User.ID, w.Season, "retired", later, true), item(w.User.ID, "s2026-elsewhere", "later", later, false),
			item(other.User.ID, other.Season, "later", later, false),
		}))

		cands, err := s.PushCandidates(ctx, w.Inst, w.Topic)
		require.NoError(t, err)
		require.Equal(t, []string{"due", "later"}, ids(cands, func(c store.PushCandidate) string { return c.QuestionID }),
			"live items of the profile season of the institution's users, by question")
		require.Equal(t, last.Unix(), cands[1].LastReview.Unix())
		none, err := s.PushCandidates(ctx, w.Inst, "no-such-topic")
		require.NoError(t, err)
		require.Empty(t, none)

		teacher := int64(77)
		moved, err := s.ReviewPush(ctx, store.ReviewPushParams{UserID: w.User.ID, SeasonID: w.Season,
			QuestionIDs: []string{"later", "due", "retired", "missing"}, PushedBy: teacher, Now: t0})
		require.NoError(t, err)
		require.Equal(t, []string{"later"}, moved)
		before, after := item(w.User.ID, w.Season, "later", later, false), getMemory(t, s, w.User.ID, w.Season, "later")
		require.Equal(t, t0.Unix(), after.Due.Unix())
		require.Equal(t, t0.Unix(), after.UpdatedAt.Unix())
		after.Due, after.UpdatedAt, after.CreatedAt, after.LastReview = before.Due, before.UpdatedAt, before.CreatedAt, before.LastReview
		require.Equal(t, before, after, "nothing else of the state changes")
		require.Equal(t, past.Unix(), getMemory(t, s, w.User.ID, w.Season, "due").Due.Unix(), "already due: kept")
		require.Equal(t, later.Unix(), getMemory(t, s, w.User.ID, w.Season, "retired").Due.Unix(), "retired: kept")
		require.Equal(t, later.Unix(), getMemory(t, s, w.User.ID, "s2026-elsewhere", "later").Due.Unix(), "another season: kept")

		at, err := s.PushedAt(ctx, w.User.ID, w.Season, []string{"later", "due", "elsewhere"})
		require.NoError(t, err)
		require.Len(t, at, 2)
		require.Equal(t, t0.Unix(), at["due"].Unix())

		// Again an hour later: nothing moves, the push time is the latest.
		moved, err = s.ReviewPush(ctx, store.ReviewPushParams{UserID: w.User.ID, SeasonID: w.Season,
			QuestionIDs: []string{"later"}, PushedBy: teacher, Now: t0.Add(time.Hour)})
		require.NoError(t, err)
		require.Empty(t, moved)
		at, err = s.PushedAt(ctx, w.User.ID, w.Season, []string{"later"})
		require.NoError(t, err)
		require.Equal(t, t0.Add(time.Hour).Unix(), at["later"].Unix())
		require.Equal(t, t0.Unix(), getMemory(t, s, w.User.ID, w.Season, "later").Due.Unix())
	})
}

func getMemory(t *testing.T, s store.Store, user int64, season, q string) store.MemoryState {
	t.Helper()
	m, err := s.MemoryGet(context.Background(), user, season, q)
	require.NoError(t, err)
	return m
}

// A push to many students is one ReviewPushMany: each student's live items not yet due
// become due, every item is recorded as pushed, and the moved ones come back. An archived
// season's items are no candidates, even while its rows are still in memory_state.
func TestReviewPushManyPushesEveryStudentAtOnceAndNeverAnArchivedSeason(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		w := seed(t, s, "")
		b, err := s.UserUpsert(ctx, store.UserUpsertParams{InstitutionID: w.Inst, Email: "many-b@x.test", Enabled: true})
		require.NoError(t, err)
		for _, u := range []int64{w.User.ID, b.ID} {
			require.NoError(t, s.ProfileSetAcademic(ctx, store.ProfileSetAcademicParams{UserID: u, GradeID: w.Grade,
				StreamID: &w.Stream, SeasonID: &w.Season, Now: t0}))
		}
		last, later, past := t0.AddDate(0, 0, -20), t0.AddDate(0, 0, 5), t0.Add(-time.Hour)
		item := func(user int64, q string, due time.Time, retired bool) store.MemoryState {
			return store.MemoryState{UserID: user, SeasonID: w.Season, QuestionID: q, SubjectID: &w.Subject, TopicID: &w.Topic,
				Stability: 4.5, Difficulty: 6.25, State: 2, Level: 3, Due: due, LastReview: &last, Reps: 4, Lapses: 1,
				Retired: retired, CreatedAt: last, UpdatedAt: last}
		}
		require.NoError(t, s.MemoryUpsert(ctx, []store.MemoryState{
			item(w.User.ID, "q1", later, false), item(w.User.ID, "q2", past, false), item(w.User.ID, "q3", later, true),
			item(b.ID, "q1", later, false), item(b.ID, "q2", later, false),
		}))
		push := func(u int64, q string) store.PushItem {
			return store.PushItem{UserID: u, SeasonID: w.Season, QuestionID: q}
		}
		moved, err := s.ReviewPushMany(ctx, store.ReviewPushManyParams{PushedBy: 77, Now: t0, Items: []store.PushItem{
			push(w.User.ID, "q1"), push(w.User.ID, "q2"), push(w.User.ID, "q3"), push(w.User.ID, "missing"),
			push(b.ID, "q1"), push(b.ID, "q2")}})
		require.NoError(t, err)
		require.ElementsMatch(t, []store.PushItem{push(w.User.ID, "q1"), push(b.ID, "q1"), push(b.ID, "q2")}, moved)
		for _, p := range moved {
			require.Equal(t, t0.Unix(), getMemory(t, s, p.UserID, w.Season, p.QuestionID).Due.Unix())
		}
		require.Equal(t, past.Unix(), getMemory(t, s, w.User.ID, w.Season, "q2").Due.Unix(), "already due: kept")
		require.Equal(t, later.Unix(), getMemory(t, s, w.User.ID, w.Season, "q3").Due.Unix(), "retired: kept")
		at, err := s.PushedAt(ctx, b.ID, w.Season, []string{"q1", "q2"})
		require.NoError(t, err)
		require.Len(t, at, 2)
		at, err = s.PushedAt(ctx, w.User.ID, w.Season, []string{"q1", "q2", "q3", "missing"})
		require.NoError(t, err)
		require.Len(t, at, 4, "every pushed item is recorded")
		moved, err = s.ReviewPushMany(ctx, store.ReviewPushManyParams{PushedBy: 77, Now: t0.Add(time.Hour),
			Items: []store.PushItem{push(b.ID, "q1")}})
		require.NoError(t, err)
		require.Empty(t, moved, "again: nothing moves")
		moved, err = s.ReviewPushMany(ctx, store.ReviewPushManyParams{PushedBy: 77, Now: t0})
		require.NoError(t, err)
		require.Empty(t, moved)

		cands, err := s.PushCandidates(ctx, w.Inst, "")
		require.NoError(t, err)
		require.Len(t, cands, 4, "the live items of both students")
		require.NoError(t, s.SeasonMarkArchived(ctx, w.Season, t0))
		cands, err = s.PushCandidates(ctx, w.Inst, "")
		require.NoError(t, err)
		require.Empty(t, cands, "an archived season's items are never pushed")
	})
}
