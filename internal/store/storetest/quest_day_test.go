package storetest

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/store"
)

// QuestDayRead answers what its single reads answer (one pgx batch on PostgreSQL), with and
// without a season.
func TestQuestDayReadIsItsSingleReads(t *testing.T) {
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
		for _, e := range []store.XPEntry{
			{Source: store.XPFromReview, Ref: "1", Amount: 40, LocalDay: day0},
			{Source: store.XPFromQuest, Ref: "quest_xp:today", Amount: 150, LocalDay: day0},
			{Source: store.XPFromQuest, Ref: "quest_streak:today", Amount: 100, LocalDay: day0},
			{Source: store.XPFromQuest, Ref: "quest_xp:yesterday", Amount: 150, LocalDay: day0.AddDate(0, 0, -1)},
		} {
			e.UserID, e.InstitutionID, e.CreatedAt = w.User.ID, w.Inst, day0
			_, err := s.XPCredit(ctx, e)
			require.NoError(t, err)
		}
		now := day0.Add(12 * time.Hour)
		later := now.Add(24 * time.Hour)
		require.NoError(t, s.MemoryUpsert(ctx, []store.MemoryState{
			memoryRow(w, "a", &w.Subject, 2, later), memoryRow(w, "b", &w.Subject, 1, now.Add(-time.Hour)),
			memoryRow(w, "c", nil, 1, now.Add(-time.Minute)),
		}))
		require.NoError(t, s.ReviewLogInsert(ctx, []store.ReviewLogEntry{{UserID: w.User.ID, SeasonID: w.Season,
			QuestionID: "a", Source: store.SessionReview, Rating: 3, Correct: true, StateBefore: 2, StateAfter: 2,
			DueAfter: later, ReviewedAt: now}}))

		scope := store.ProgressScope{UserID: w.User.ID, SeasonID: w.Season}
		from, to := day0, day0.AddDate(0, 0, 1)
		q := store.QuestDayReads{UserID: w.User.ID, ActivityBefore: to, ActivityLimit: 3, Day: day0, Scope: scope,
			Now: now, From: from, To: to}
		var got store.QuestDay
		require.NoError(t, s.InTx(ctx, func(tx store.Executor) (err error) {
			got, err = tx.QuestDayRead(ctx, q)
			return err
		}))
		activity, err := s.ProgressActivityDays(ctx, w.User.ID, to, 3)
		require.NoError(t, err)
		require.Len(t, activity, 3, "the page's limit")
		require.Equal(t, activity, got.Activity)
		xp, err := s.ProgressXPByDay(ctx, w.User.ID, day0, day0)
		require.NoError(t, err)
		require.NotEmpty(t, xp)
		require.Equal(t, xp, got.XP)
		refs, err := s.ProgressRefsOfDay(ctx, w.User.ID, store.XPFromQuest, day0)
		require.NoError(t, err)
		require.Equal(t, []string{"quest_streak:today", "quest_xp:today"}, refs, "the day's, of the source, in ref order")
		require.Equal(t, refs, got.QuestRefs)
		due, err := s.ProgressDueBySubject(ctx, scope, now)
		require.NoError(t, err)
		require.Len(t, due, 2)
		require.ElementsMatch(t, due, got.Due)
		reviewed, err := s.ProgressReviewedBySubject(ctx, scope, from, to, now)
		require.NoError(t, err)
		require.Len(t, reviewed, 1)
		require.ElementsMatch(t, reviewed, got.Reviewed)

		// Without a season: no review quests, nothing read for them.
		q.Scope = store.ProgressScope{}
		got, err = s.QuestDayRead(ctx, q)
		require.NoError(t, err)
		require.Equal(t, activity, got.Activity)
		require.Equal(t, refs, got.QuestRefs)
		require.Nil(t, got.Due)
		require.Nil(t, got.Reviewed)
	})
}

// ProgressStageSubjects names the subject of each stage that exists (its lesson's unit's);
// QuestDayRead with DueKnown reads no due counts and the rest as without it.
func TestProgressStageSubjectsAndDueKnown(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		w := seed(t, s, "")
		require.NoError(t, s.StagesReplace(ctx, w.Lesson, []store.Stage{
			{ID: "st1", LessonID: w.Lesson, Position: 0, Title: "one", Type: "reading", Config: json.RawMessage(`{"text":"x"}`)},
			{ID: "st2", LessonID: w.Lesson, Position: 1, Title: "two", Type: "reading", Config: json.RawMessage(`{"text":"y"}`)},
		}))
		got, err := s.ProgressStageSubjects(ctx, []string{"st2", "missing", "st1"})
		require.NoError(t, err)
		want := []store.StageSubject{
			{StageID: "st1", SubjectID: w.Subject, SubjectTitle: "رياضيات", SubjectTitleEN: "Math"},
			{StageID: "st2", SubjectID: w.Subject, SubjectTitle: "رياضيات", SubjectTitleEN: "Math"},
		}
		require.ElementsMatch(t, want, got)
		got, err = s.ProgressStageSubjects(ctx, nil)
		require.NoError(t, err)
		require.Empty(t, got)

		now := day0.Add(12 * time.Hour)
		require.NoError(t, s.MemoryUpsert(ctx, []store.MemoryState{memoryRow(w, "st1", &w.Subject, 1, now.Add(-time.Hour)),
			memoryRow(w, "st2", &w.Subject, 2, now.Add(time.Hour))}))
		require.NoError(t, s.ReviewLogInsert(ctx, []store.ReviewLogEntry{{UserID: w.User.ID, SeasonID: w.Season,
			QuestionID: "st2", Source: store.SessionReview, Rating: 3, Correct: true, StateBefore: 1, StateAfter: 2,
			DueAfter: now.Add(time.Hour), ReviewedAt: now}}))
		q := store.QuestDayReads{UserID: w.User.ID, ActivityBefore: day0.AddDate(0, 0, 1), ActivityLimit: 3, Day: day0,
			Scope: store.ProgressScope{UserID: w.User.ID, SeasonID: w.Season}, Now: now, From: day0, To: day0.AddDate(0, 0, 1)}
		all, err := s.QuestDayRead(ctx, q)
		require.NoError(t, err)
		require.Len(t, all.Due, 1)
		require.Len(t, all.Reviewed, 1)
		q.DueKnown = true
		known, err := s.QuestDayRead(ctx, q)
		require.NoError(t, err)
		require.Nil(t, known.Due)
		all.Due = nil
		require.Equal(t, all, known)
	})
}
