package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/store"
)

// ProgressStatsRead answers what its single reads answer (one pgx batch on PostgreSQL): of the
// whole season, of one subject (with a score and without one), and without a season.
func TestProgressStatsReadIsItsSingleReads(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		w := seed(t, s, "")
		for i := range 5 {
			addSession(t, s, w, store.SessionReview, day0.AddDate(0, 0, -i), i)
		}
		require.NoError(t, s.ProfileSetAcademic(ctx, store.ProfileSetAcademicParams{UserID: w.User.ID, GradeID: w.Grade,
			StreamID: &w.Stream, SeasonID: &w.Season, Now: t0}))
		for i, amount := range []int{40, 25} {
			_, err := s.XPCredit(ctx, store.XPEntry{UserID: w.User.ID, InstitutionID: w.Inst, Source: store.XPFromReview,
				Ref: string(rune('1' + i)), Amount: amount, LocalDay: day0.AddDate(0, 0, -i), CreatedAt: day0})
			require.NoError(t, err)
		}
		require.NoError(t, s.SubjectScoreAdd(ctx, w.User.ID, w.Subject, 65))
		now := day0.Add(12 * time.Hour)
		require.NoError(t, s.MemoryUpsert(ctx, []store.MemoryState{
			memoryRow(w, "a", &w.Subject, 2, now), memoryRow(w, "b", &w.Subject, 1, now),
			memoryRow(w, "c", nil, 3, now), memoryRow(w, "d", nil, 3, now),
		}))
		before, from := day0.AddDate(0, 0, 1), day0.AddDate(0, 0, -6)
		q := store.ProgressStatsReads{UserID: w.User.ID, ActivityBefore: before, ActivityLimit: 3, From: from, To: day0,
			SeasonID: w.Season}

		var got store.ProgressStats
		require.NoError(t, s.InTx(ctx, func(tx store.Executor) (err error) {
			got, err = tx.ProgressStatsRead(ctx, q)
			return err
		}))
		prof, err := s.ProfileGet(ctx, w.User.ID)
		require.NoError(t, err)
		require.Equal(t, int64(65), prof.TotalXP)
		require.Equal(t, prof.TotalXP, got.TotalXP)
		activity, err := s.ProgressActivityDays(ctx, w.User.ID, before, 3)
		require.NoError(t, err)
		require.Len(t, activity, 3, "the page's limit")
		require.Equal(t, activity, got.Activity)
		xp, err := s.ProgressXPByDay(ctx, w.User.ID, from, day0)
		require.NoError(t, err)
		require.Len(t, xp, 2)
		require.Equal(t, xp, got.XP)
		mastery, err := s.ProgressMastery(ctx, q.Scope())
		require.NoError(t, err)
		require.ElementsMatch(t, []store.MasteryCount{{Level: 1, Count: 1}, {Level: 2, Count: 1}, {Level: 3, Count: 2}}, mastery)
		require.ElementsMatch(t, mastery, got.Mastery)
		require.Zero(t, got.SubjectXP, "no subject asked")

		// One subject: its score and its items' levels.
		q.SubjectID = &w.Subject
		got, err = s.ProgressStatsRead(ctx, q)
		require.NoError(t, err)
		require.Equal(t, int64(65), got.SubjectXP)
		require.Equal(t, activity, got.Activity)
		require.ElementsMatch(t, []store.MasteryCount{{Level: 1, Count: 1}, {Level: 2, Count: 1}}, got.Mastery)

		// A subject without a score reads 0 XP, not an error.
		other := "no-score-subject"
		q.SubjectID = &other
		got, err = s.ProgressStatsRead(ctx, q)
		require.NoError(t, err)
		require.Zero(t, got.SubjectXP)
		require.Empty(t, got.Mastery)
		require.Equal(t, xp, got.XP)

		// Without a season: no mastery read.
		q.SeasonID, q.SubjectID = "", nil
		got, err = s.ProgressStatsRead(ctx, q)
		require.NoError(t, err)
		require.Equal(t, activity, got.Activity)
		require.Nil(t, got.Mastery)
		require.Equal(t, int64(65), got.TotalXP)

		// A player without a profile has 0 XP, not an error.
		nobody := seed(t, s, "-np")
		got, err = s.ProgressStatsRead(ctx, store.ProgressStatsReads{UserID: nobody.User.ID, ActivityBefore: before,
			ActivityLimit: 3, From: from, To: day0})
		require.NoError(t, err)
		require.Zero(t, got.TotalXP)
		require.Empty(t, got.Activity)
	})
}
