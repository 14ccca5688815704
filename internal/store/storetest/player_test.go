package storetest

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/store"
)

func TestProfiles(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		w := seed(t, s, "")
		require.NoError(t, s.StreamUpsert(ctx, store.Stream{ID: "lit", Title: "Literary"}))
		require.NoError(t, s.SeasonUpsert(ctx, season("s2027")))
		uid := w.User.ID

		_, err := s.ProfileGet(ctx, uid)
		require.ErrorIs(t, err, store.ErrNotFound)
		require.ErrorIs(t, s.ProfileAddXP(ctx, uid, 5, t0), store.ErrNotFound, "no profile yet")

		require.NoError(t, s.ProfileSetAcademic(ctx, store.ProfileSetAcademicParams{UserID: uid, GradeID: w.Grade, StreamID: &w.Stream, SeasonID: &w.Season, Now: t0}))
		p, err := s.ProfileGet(ctx, uid)
		require.NoError(t, err)
		require.Equal(t, store.PlayerProfile{
			UserID: uid, GradeID: &w.Grade, StreamID: &w.Stream, SeasonID: &w.Season, TotalXP: 0, Gems: 0, Hearts: 5,
			CreatedAt: t0, UpdatedAt: t0,
		}, p)

		require.NoError(t, s.ProfileAddXP(ctx, uid, 30, t0.Add(time.Minute)))
		require.NoError(t, s.ProfileAddXP(ctx, uid, 12, t0.Add(2*time.Minute)))

		// Setting the academic fields again keeps XP, gems, hearts and creation time.
		later := t0.Add(time.Hour)
		require.NoError(t, s.ProfileSetAcademic(ctx, store.ProfileSetAcademicParams{UserID: uid, GradeID: w.Grade, StreamID: ptr("lit"), SeasonID: ptr("s2027"), Now: later}))
		p, err = s.ProfileGet(ctx, uid)
		require.NoError(t, err)
		require.Equal(t, store.PlayerProfile{
			UserID: uid, GradeID: &w.Grade, StreamID: ptr("lit"), SeasonID: ptr("s2027"), TotalXP: 42, Gems: 0, Hearts: 5,
			CreatedAt: t0, UpdatedAt: later,
		}, p)

		// ProfileUpsert writes every field (but the creation time of an existing profile).
		full := store.PlayerProfile{UserID: uid, GradeID: &w.Grade, TotalXP: 1000, Gems: 7, Hearts: 2, CreatedAt: later, UpdatedAt: later.Add(time.Hour)}
		require.NoError(t, s.ProfileUpsert(ctx, full))
		require.NoError(t, s.ProfileUpsert(ctx, full), "upsert twice")
		p, err = s.ProfileGet(ctx, uid)
		require.NoError(t, err)
		full.CreatedAt = t0
		require.Equal(t, full, p)

		// ProfileUpsert creates, too.
		other, err := s.UserUpsert(ctx, store.UserUpsertParams{InstitutionID: w.Inst, Email: "other@example.org", CreatedAt: t0})
		require.NoError(t, err)
		imported := store.PlayerProfile{UserID: other.ID, TotalXP: 5, Gems: 1, Hearts: 3, CreatedAt: t0, UpdatedAt: t0}
		require.NoError(t, s.ProfileUpsert(ctx, imported))
		p, err = s.ProfileGet(ctx, other.ID)
		require.NoError(t, err)
		require.Equal(t, imported, p)

		// Unknown grade: a foreign key error. Negative XP: a check error.
		require.Error(t, s.ProfileSetAcademic(ctx, store.ProfileSetAcademicParams{UserID: uid, GradeID: "nope", Now: t0}))
		require.Error(t, s.ProfileAddXP(ctx, uid, -5000, t0))
	})
}

func TestSubjectScores(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		w := seed(t, s, "")
		uid := w.User.ID
		_, err := s.SubjectScoreGet(ctx, uid, w.Subject)
		require.ErrorIs(t, err, store.ErrNotFound)

		require.NoError(t, s.SubjectScoreAdd(ctx, uid, w.Subject, 10))
		require.NoError(t, s.SubjectScoreAdd(ctx, uid, w.Subject, 5))
		got, err := s.SubjectScoreGet(ctx, uid, w.Subject)
		require.NoError(t, err)
		require.Equal(t, store.SubjectScore{UserID: uid, SubjectID: w.Subject, TotalXP: 15, Level: 1}, got)

		set := store.SubjectScore{UserID: uid, SubjectID: w.Subject, TotalXP: 500, Level: 4}
		require.NoError(t, s.SubjectScoreSet(ctx, set))
		require.NoError(t, s.SubjectScoreSet(ctx, set), "set twice")
		require.NoError(t, s.SubjectScoreAdd(ctx, uid, w.Subject, 1))
		got, err = s.SubjectScoreGet(ctx, uid, w.Subject)
		require.NoError(t, err)
		require.Equal(t, store.SubjectScore{UserID: uid, SubjectID: w.Subject, TotalXP: 501, Level: 4}, got)

		require.Error(t, s.SubjectScoreAdd(ctx, uid, "nope", 1), "unknown subject")
	})
}

func TestGameplaySessions(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		w := seed(t, s, "")
		other, err := s.UserUpsert(ctx, store.UserUpsertParams{InstitutionID: w.Inst, Email: "other@example.org", CreatedAt: t0})
		require.NoError(t, err)

		day := time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC)
		sess := store.GameplaySession{
			UserID: w.User.ID, InstitutionID: w.Inst, ClientSessionID: "c-1", Kind: store.SessionLesson,
			LessonID: &w.Lesson, SubjectID: &w.Subject, TopicID: &w.Topic, SeasonID: &w.Season, XPEarned: 10, Score: 90,
			LocalDay: day, RawData: json.RawMessage(`{"answers":[1,2,3]}`), Response: json.RawMessage(`{"xp":10}`), CreatedAt: t0,
		}
		id, inserted, err := s.SessionInsert(ctx, sess)
		require.NoError(t, err)
		require.True(t, inserted)
		require.Positive(t, id)

		// A retry with the same client session id is a no-op that returns the first id.
		retry := sess
		retry.XPEarned, retry.Response = 99, json.RawMessage(`{"xp":99}`)
		id2, inserted, err := s.SessionInsert(ctx, retry)
		require.NoError(t, err)
		require.False(t, inserted)
		require.Equal(t, id, id2)

		// Inside a transaction too (on PostgreSQL, the empty RETURNING must not abort it).
		require.NoError(t, s.InTx(ctx, func(tx store.Executor) error {
			id3, inserted, err := tx.SessionInsert(ctx, retry)
			require.NoError(t, err)
			require.False(t, inserted)
			require.Equal(t, id, id3)
			_, err = tx.XPInsert(ctx, store.XPEntry{UserID: w.User.ID, InstitutionID: w.Inst, Source: store.XPFromLesson, Ref: "in-tx", Amount: 1, LocalDay: day, CreatedAt: t0})
			return err
		}))

		got, err := s.SessionGetByClientID(ctx, w.User.ID, "c-1")
		require.NoError(t, err)
		require.JSONEq(t, string(sess.RawData), string(got.RawData))
		require.JSONEq(t, string(sess.Response), string(got.Response), "the first response is kept")
		got.RawData, got.Response = sess.RawData, sess.Response
		want := sess
		want.ID = id
		require.Equal(t, want, got)

		// The client session id is per user.
		review := store.GameplaySession{UserID: other.ID, InstitutionID: w.Inst, ClientSessionID: "c-1", Kind: store.SessionReview, LocalDay: day, CreatedAt: t0}
		id4, inserted, err := s.SessionInsert(ctx, review)
		require.NoError(t, err)
		require.True(t, inserted)
		require.NotEqual(t, id, id4)
		got, err = s.SessionGetByClientID(ctx, other.ID, "c-1")
		require.NoError(t, err)
		require.Nil(t, got.LessonID)
		require.JSONEq(t, `{}`, string(got.RawData), "empty JSON reads back as {}")
		require.JSONEq(t, `{}`, string(got.Response))

		_, err = s.SessionGetByClientID(ctx, w.User.ID, "nope")
		require.ErrorIs(t, err, store.ErrNotFound)
		bad := review
		bad.ClientSessionID, bad.Kind = "c-bad", "nonsense"
		_, _, err = s.SessionInsert(ctx, bad)
		require.Error(t, err)
	})
}

func TestSessionInsertConcurrent(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		w := seed(t, s, "")
		const n = 8
		var (
			wg       sync.WaitGroup
			mu       sync.Mutex
			ids      = map[int64]bool{}
			inserted int
			errs     []error
		)
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				id, ok, err := s.SessionInsert(ctx, store.GameplaySession{
					UserID: w.User.ID, InstitutionID: w.Inst, ClientSessionID: "same", Kind: store.SessionReview,
					Score: i, LocalDay: t0, CreatedAt: t0,
				})
				mu.Lock()
				defer mu.Unlock()
				if err != nil {
					errs = append(errs, err)
					return
				}
				ids[id] = true
				if ok {
					inserted++
				}
			}()
		}
		wg.Wait()
		require.Empty(t, errs)
		require.Equal(t, 1, inserted, "exactly one insert wins")
		require.Len(t, ids, 1, "every caller gets the same id")
	})
}

func TestXPLedger(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		w := seed(t, s, "")
		day := time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC)
		e := store.XPEntry{UserID: w.User.ID, InstitutionID: w.Inst, SubjectID: &w.Subject, Source: store.XPFromLesson, Ref: "session-1", Amount: 10, LocalDay: day, CreatedAt: t0}
		ok, err := s.XPInsert(ctx, e)
		require.NoError(t, err)
		require.True(t, ok)
		ok, err = s.XPInsert(ctx, e)
		require.NoError(t, err)
		require.False(t, ok, "a credit is applied once")

		for i, src := range []string{store.XPFromReview, store.XPFromQuest, store.XPFromImport} {
			e2 := e
			e2.Source, e2.SubjectID, e2.Amount = src, nil, i
			ok, err = s.XPInsert(ctx, e2)
			require.NoError(t, err)
			require.True(t, ok, "same ref, another source")
		}
		e.Ref = "session-2"
		ok, err = s.XPInsert(ctx, e)
		require.NoError(t, err)
		require.True(t, ok)
		require.EqualValues(t, 5, count(t, s, fmt.Sprintf("SELECT count(*) FROM xp_ledger WHERE user_id = %d", w.User.ID)))
		require.EqualValues(t, 2, count(t, s, "SELECT count(*) FROM xp_ledger WHERE local_day = '2026-03-04' AND subject_id IS NOT NULL"))

		e.Ref, e.Amount = "neg", -1
		_, err = s.XPInsert(ctx, e)
		require.Error(t, err, "amount is checked")
	})
}

func TestXPCredit(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		w := seed(t, s, "")
		day := time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC)
		e := store.XPEntry{UserID: w.User.ID, InstitutionID: w.Inst, SubjectID: &w.Subject, Source: store.XPFromReview, Ref: "s-1", Amount: 25, LocalDay: day, CreatedAt: t0}
		_, err := s.XPCredit(ctx, e)
		require.ErrorIs(t, err, store.ErrNotFound, "no profile yet")
		require.Zero(t, count(t, s, "SELECT count(*) FROM xp_ledger"), "all or nothing")

		require.NoError(t, s.ProfileSetAcademic(ctx, store.ProfileSetAcademicParams{UserID: w.User.ID, GradeID: w.Grade, StreamID: &w.Stream, SeasonID: &w.Season, Now: t0}))
		for range 2 {
			err := s.InTx(ctx, func(tx store.Executor) error {
				_, err := tx.XPCredit(ctx, e)
				return err
			})
			require.NoError(t, err)
		}
		ok, err := s.XPCredit(ctx, e)
		require.NoError(t, err)
		require.False(t, ok, "credited once")
		e.Ref, e.SubjectID, e.Amount = "s-2", nil, 5
		ok, err = s.XPCredit(ctx, e)
		require.NoError(t, err)
		require.True(t, ok)

		p, err := s.ProfileGet(ctx, w.User.ID)
		require.NoError(t, err)
		require.EqualValues(t, 30, p.TotalXP)
		sc, err := s.SubjectScoreGet(ctx, w.User.ID, w.Subject)
		require.NoError(t, err)
		require.EqualValues(t, 25, sc.TotalXP, "only the credit with a subject")
		require.EqualValues(t, 2, count(t, s, "SELECT count(*) FROM xp_ledger"))
	})
}
