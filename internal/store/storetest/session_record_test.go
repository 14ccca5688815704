package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/store"
)

// SessionOpen and SessionWrite run the same statements as the methods they group (one
// pgx batch each on PostgreSQL), in the caller's transaction.
func TestSessionOpenAndWrite(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		w := seed(t, s, "")
		uid := w.User.ID
		var items []store.MemoryState
		for i := 1; i <= 6; i++ {
			items = append(items, memoryItem(uid, w.Season, i))
		}
		require.NoError(t, s.MemoryUpsert(ctx, items))
		open := store.SessionOpen{UserID: uid, SeasonID: w.Season, QuestionIDs: []string{"q0001", "q0002", "nope"},
			Levels: true, TopicID: w.Topic}

		err := s.InTx(ctx, func(tx store.Executor) error {
			_, err := tx.SessionOpen(ctx, open)
			return err
		})
		require.ErrorIs(t, err, store.ErrNotFound, "no profile: the lock fails")
		require.NoError(t, s.ProfileSetAcademic(ctx, store.ProfileSetAcademicParams{UserID: uid, GradeID: w.Grade,
			StreamID: &w.Stream, SeasonID: &w.Season, Now: t0}))

		var got store.SessionOpened
		require.NoError(t, s.InTx(ctx, func(tx store.Executor) (err error) {
			got, err = tx.SessionOpen(ctx, open)
			return err
		}))
		require.ElementsMatch(t, items[:2], got.Memory)
		levels, err := s.ReviewLevelCounts(ctx, uid, w.Season)
		require.NoError(t, err)
		require.ElementsMatch(t, levels, got.Levels)
		topic, err := s.ReviewTopicItems(ctx, uid, w.Season, w.Topic)
		require.NoError(t, err)
		require.ElementsMatch(t, topic, got.TopicItems)
		require.NoError(t, s.InTx(ctx, func(tx store.Executor) (err error) {
			got, err = tx.SessionOpen(ctx, store.SessionOpen{UserID: uid, SeasonID: w.Season, QuestionIDs: []string{"nope"}})
			return err
		}))
		require.NotNil(t, got.Memory, "never nil")
		require.Empty(t, got.Memory)
		require.Nil(t, got.Levels)
		require.Nil(t, got.TopicItems)

		day := time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC)
		ok, err := s.XPCredit(ctx, store.XPEntry{UserID: uid, InstitutionID: w.Inst, Source: store.XPFromQuest,
			Ref: "quest_streak:2026-03-04", Amount: 100, LocalDay: day, CreatedAt: t0})
		require.NoError(t, err)
		require.True(t, ok)
		moved := items[0]
		moved.Reps, moved.Due = 42, t0.Add(48*time.Hour)
		entry := store.ReviewLogEntry{UserID: uid, SeasonID: w.Season, QuestionID: moved.QuestionID, SessionID: ptr(int64(7)),
			Source: store.XPFromReview, Rating: 3, Correct: true, DurationMs: 1200, DueAfter: moved.Due, ReviewedAt: t0}
		credit := store.XPEntry{UserID: uid, InstitutionID: w.Inst, SubjectID: &w.Subject, Source: store.XPFromReview,
			Ref: "7", Amount: 30, LocalDay: day, CreatedAt: t0}
		now := t0.Add(3 * time.Hour)
		write := store.SessionWrite{States: []store.MemoryState{moved}, Log: []store.ReviewLogEntry{entry},
			Credits: []store.XPEntry{credit, credit},
			Quests: store.QuestReads{UserID: uid, SeasonID: w.Season, Day: day, Now: now,
				Refs: []string{"quest_streak:2026-03-04", "quest_xp:2026-03-04"}, Subjects: []*string{&w.Subject, nil}}}

		bad := write
		badEntry := entry
		badEntry.Rating = 5
		bad.Log = []store.ReviewLogEntry{badEntry}
		require.Error(t, s.InTx(ctx, func(tx store.Executor) error {
			_, err := tx.SessionWrite(ctx, bad)
			return err
		}))
		require.Zero(t, count(t, s, "SELECT count(*) FROM review_log"), "all or nothing")

		var wrote store.SessionWritten
		require.NoError(t, s.InTx(ctx, func(tx store.Executor) (err error) {
			wrote, err = tx.SessionWrite(ctx, write)
			return err
		}))
		require.Equal(t, []bool{true, false}, wrote.Credited, "a credit is written once")
		m, err := s.MemoryGet(ctx, uid, w.Season, moved.QuestionID)
		require.NoError(t, err)
		require.Equal(t, moved, m)
		require.EqualValues(t, 1, count(t, s, "SELECT count(*) FROM review_log WHERE session_id = 7"))
		require.Equal(t, []string{"quest_streak:2026-03-04"}, wrote.Quests.Credited)
		xp, err := s.ProgressXPByDay(ctx, uid, day, day)
		require.NoError(t, err)
		require.Equal(t, xp, wrote.Quests.XP, "read after the credit")
		due, err := s.ProgressDueBySubject(ctx, store.ProgressScope{UserID: uid, SeasonID: w.Season}, now)
		require.NoError(t, err)
		require.Len(t, due, 1)
		require.EqualValues(t, 2, due[0].Count, "q0002 and q0003; q0001 is no longer due")
		require.Len(t, wrote.Quests.Due, 1, "the subject with items due; none without a subject")
		require.Equal(t, &w.Subject, wrote.Quests.Due[0].SubjectID)
		require.Positive(t, wrote.Quests.Due[0].Count)

		// Nothing due any more: no subject is listed.
		require.NoError(t, s.InTx(ctx, func(tx store.Executor) (err error) {
			q := write.Quests
			q.Now = t0
			wrote, err = tx.SessionWrite(ctx, store.SessionWrite{Quests: q})
			return err
		}))
		require.Empty(t, wrote.Quests.Due)
		p, err := s.ProfileGet(ctx, uid)
		require.NoError(t, err)
		require.EqualValues(t, 130, p.TotalXP)

		// A subject whose review quest is credited is not tested, though items are due.
		mathRef := "quest_review_" + w.Subject + ":2026-03-04"
		_, err = s.XPCredit(ctx, store.XPEntry{UserID: uid, InstitutionID: w.Inst, Source: store.XPFromQuest,
			Ref: mathRef, Amount: 30, LocalDay: day, CreatedAt: t0})
		require.NoError(t, err)
		require.NoError(t, s.InTx(ctx, func(tx store.Executor) (err error) {
			q := write.Quests
			q.Refs = append(q.Refs[:2:2], mathRef)
			q.Subjects, q.SubjectRefs = []*string{&w.Subject}, []string{mathRef}
			wrote, err = tx.SessionWrite(ctx, store.SessionWrite{Quests: q})
			return err
		}))
		require.Contains(t, wrote.Quests.Credited, mathRef)
		require.Empty(t, wrote.Quests.Due, "credited: not read")

		require.NoError(t, s.InTx(ctx, func(tx store.Executor) (err error) {
			wrote, err = tx.SessionWrite(ctx, store.SessionWrite{})
			return err
		}))
		require.Empty(t, wrote.Credited)
		require.Zero(t, wrote.Quests, "no refs: nothing read")

		// An item without a subject counts for the general review quest (nil in Subjects).
		general := memoryItem(uid, w.Season, 7)
		general.SubjectID, general.Due = nil, t0
		require.NoError(t, s.MemoryUpsert(ctx, []store.MemoryState{general}))
		require.NoError(t, s.InTx(ctx, func(tx store.Executor) (err error) {
			q := write.Quests
			q.Subjects, q.SubjectRefs = []*string{nil}, []string{"quest_review_general:2026-03-04"}
			wrote, err = tx.SessionWrite(ctx, store.SessionWrite{Quests: q})
			return err
		}))
		general0 := false
		for _, d := range wrote.Quests.Due {
			general0 = general0 || d.SubjectID == nil
		}
		require.True(t, general0, "the item without a subject is due: %v", wrote.Quests.Due)
		require.NoError(t, s.InTx(ctx, func(tx store.Executor) (err error) {
			q := write.Quests
			q.Now = t0.Add(-time.Minute)
			q.Subjects, q.SubjectRefs = []*string{nil, &w.Subject}, []string{"quest_review_general:2026-03-04", "other"}
			wrote, err = tx.SessionWrite(ctx, store.SessionWrite{Quests: q})
			return err
		}))
		require.Empty(t, wrote.Quests.Due, "nothing due a minute before")
	})
}
