package storetest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/store"
)

var day0 = time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC)

func addSession(t *testing.T, s store.Store, w world, kind string, day time.Time, n int) {
	t.Helper()
	_, _, err := s.SessionInsert(context.Background(), store.GameplaySession{UserID: w.User.ID, InstitutionID: w.Inst,
		ClientSessionID: fmt.Sprintf("%s-%s-%d", kind, day.Format(time.DateOnly), n), Kind: kind, LocalDay: day,
		CreatedAt: day.Add(10 * time.Hour)})
	require.NoError(t, err)
}

func TestProgressActivityDays(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		w := seed(t, s, "")
		addSession(t, s, w, store.SessionLesson, day0, 1)
		addSession(t, s, w, store.SessionReview, day0, 2)
		addSession(t, s, w, store.SessionLesson, day0.AddDate(0, 0, -1), 3)
		addSession(t, s, w, store.SessionLesson, day0.AddDate(0, 0, -1), 4)
		addSession(t, s, w, store.SessionLesson, day0.AddDate(0, 0, -3), 5)
		other := seed(t, s, "-o")
		addSession(t, s, other, store.SessionReview, day0.AddDate(0, 0, -2), 6)

		days, err := s.ProgressActivityDays(ctx, w.User.ID, day0.AddDate(0, 0, 1), 10)
		require.NoError(t, err)
		require.Equal(t, []store.ActivityDay{
			{Day: day0, Reviewed: true}, {Day: day0.AddDate(0, 0, -1)}, {Day: day0.AddDate(0, 0, -3)},
		}, days)

		days, err = s.ProgressActivityDays(ctx, w.User.ID, day0, 1)
		require.NoError(t, err)
		require.Equal(t, []store.ActivityDay{{Day: day0.AddDate(0, 0, -1)}}, days, "before is exclusive; limit holds")

		days, err = s.ProgressActivityDays(ctx, w.User.ID+1000, day0, 5)
		require.NoError(t, err)
		require.Empty(t, days)
	})
}

func TestProgressXPByDayAndCreditedRefs(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		w := seed(t, s, "")
		credit := func(source, ref string, amount int, day time.Time) {
			_, err := s.XPInsert(ctx, store.XPEntry{UserID: w.User.ID, InstitutionID: w.Inst, SubjectID: &w.Subject,
				Source: source, Ref: ref, Amount: amount, LocalDay: day, CreatedAt: day})
			require.NoError(t, err)
		}
		credit(store.XPFromLesson, "a", 40, day0)
		credit(store.XPFromLesson, "b", 60, day0)
		credit(store.XPFromQuest, "quest_xp:x", 150, day0)
		credit(store.XPFromReview, "c", 20, day0.AddDate(0, 0, -3))
		credit(store.XPFromReview, "d", 7, day0.AddDate(0, 0, -7))

		got, err := s.ProgressXPByDay(ctx, w.User.ID, day0.AddDate(0, 0, -6), day0)
		require.NoError(t, err)
		require.Equal(t, []store.DayXP{
			{Day: day0.AddDate(0, 0, -3), Source: store.XPFromReview, XP: 20},
			{Day: day0, Source: store.XPFromLesson, XP: 100},
			{Day: day0, Source: store.XPFromQuest, XP: 150},
		}, got)

		refs, err := s.ProgressCreditedRefs(ctx, w.User.ID, store.XPFromQuest, []string{"quest_xp:x", "quest_streak:x"})
		require.NoError(t, err)
		require.Equal(t, []string{"quest_xp:x"}, refs)
		refs, err = s.ProgressCreditedRefs(ctx, w.User.ID, store.XPFromLesson, []string{"quest_xp:x"})
		require.NoError(t, err)
		require.Empty(t, refs, "the source is part of the key")
		refs, err = s.ProgressCreditedRefs(ctx, w.User.ID, store.XPFromQuest, nil)
		require.NoError(t, err)
		require.Empty(t, refs)
	})
}

// memoryRow is a live item of w's season due at due with a level.
func memoryRow(w world, q string, subject *string, level int, due time.Time) store.MemoryState {
	return store.MemoryState{UserID: w.User.ID, SeasonID: w.Season, QuestionID: q, SubjectID: subject, Level: level,
		Due: due, CreatedAt: t0, UpdatedAt: t0}
}

func TestProgressMasteryAndDue(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		w := seed(t, s, "")
		require.NoError(t, s.SubjectUpsert(ctx, store.Subject{ID: "phys", Title: "فيزياء", TitleEN: "Physics", CreatedAt: t0}))
		now := t0
		past, future := now.Add(-time.Hour), now.Add(time.Hour)
		retired := memoryRow(w, "r", &w.Subject, 1, past)
		retired.Retired = true
		otherSeason := memoryRow(w, "os", &w.Subject, 1, past)
		otherSeason.SeasonID = "s2027"
		require.NoError(t, s.SeasonUpsert(ctx, season("s2027")))
		require.NoError(t, s.MemoryUpsert(ctx, []store.MemoryState{
			memoryRow(w, "m1", &w.Subject, 1, past), memoryRow(w, "m2", &w.Subject, 2, now),
			memoryRow(w, "m3", &w.Subject, 3, future), memoryRow(w, "m4", &w.Subject, 4, future),
			memoryRow(w, "p1", ptr("phys"), 1, past), memoryRow(w, "g0", nil, 0, past), retired, otherSeason,
		}))
		sc := store.ProgressScope{UserID: w.User.ID, SeasonID: w.Season}

		m, err := s.ProgressMastery(ctx, sc)
		require.NoError(t, err)
		require.ElementsMatch(t, []store.MasteryCount{{Level: 0, Count: 1}, {Level: 1, Count: 2}, {Level: 2, Count: 1},
			{Level: 3, Count: 1}, {Level: 4, Count: 1}}, m)
		sc.SubjectID = ptr("phys")
		m, err = s.ProgressMastery(ctx, sc)
		require.NoError(t, err)
		require.Equal(t, []store.MasteryCount{{Level: 1, Count: 1}}, m)

		sc.SubjectID = nil
		due, err := s.ProgressDueBySubject(ctx, sc, now)
		require.NoError(t, err)
		require.ElementsMatch(t, []store.SubjectCount{
			{SubjectID: nil, Count: 1},
			{SubjectID: &w.Subject, SubjectTitle: "رياضيات", SubjectTitleEN: "Math", Count: 2},
			{SubjectID: ptr("phys"), SubjectTitle: "فيزياء", SubjectTitleEN: "Physics", Count: 1},
		}, due, "due at or before now; retired and other seasons left out")
		sc.SubjectID = &w.Subject
		due, err = s.ProgressDueBySubject(ctx, sc, now)
		require.NoError(t, err)
		require.Equal(t, []store.SubjectCount{{SubjectID: &w.Subject, SubjectTitle: "رياضيات", SubjectTitleEN: "Math", Count: 2}}, due)
	})
}

func TestProgressReviewedBySubject(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		w := seed(t, s, "")
		from, to := day0.Add(-2*time.Hour), day0.Add(22*time.Hour) // a local day in UTC+2
		now := day0.Add(12 * time.Hour)
		later := now.Add(24 * time.Hour)
		require.NoError(t, s.MemoryUpsert(ctx, []store.MemoryState{
			memoryRow(w, "a", &w.Subject, 2, later), memoryRow(w, "b", &w.Subject, 2, later),
			memoryRow(w, "c", &w.Subject, 1, now.Add(-time.Minute)), // reviewed but due again
			memoryRow(w, "d", nil, 2, later), memoryRow(w, "e", &w.Subject, 2, later),
			memoryRow(w, "f", &w.Subject, 2, later),
		}))
		answer := func(q, source string, at time.Time) store.ReviewLogEntry {
			return store.ReviewLogEntry{UserID: w.User.ID, SeasonID: w.Season, QuestionID: q, Source: source, Rating: 3,
				Correct: true, StateBefore: 2, StateAfter: 2, DueAfter: later, ReviewedAt: at}
		}
		require.NoError(t, s.ReviewLogInsert(ctx, []store.ReviewLogEntry{
			answer("a", store.SessionReview, from), answer("a", store.SessionReview, now), // twice: one item
			answer("b", store.SessionReview, now), answer("c", store.SessionReview, now),
			answer("d", store.SessionReview, now), answer("e", store.SessionLesson, now), // a lesson answer
			answer("f", store.SessionReview, to), // the next day
		}))
		got, err := s.ProgressReviewedBySubject(ctx, store.ProgressScope{UserID: w.User.ID, SeasonID: w.Season}, from, to, now)
		require.NoError(t, err)
		require.ElementsMatch(t, []store.SubjectCount{
			{SubjectID: nil, Count: 1},
			{SubjectID: &w.Subject, SubjectTitle: "رياضيات", SubjectTitleEN: "Math", Count: 2},
		}, got)
	})
}
