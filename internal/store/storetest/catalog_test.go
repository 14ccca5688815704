package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/store"
)

func ids[T any](rows []T, id func(T) string) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = id(r)
	}
	return out
}

// seedTree adds to w a second default track (created later), a track created first but not
// default, a lesson-based unit and an unpublished topic, and a second world whose rows must
// never leak into w's lists.
func seedTree(t *testing.T, s store.Store, w world) {
	t.Helper()
	ctx := context.Background()
	later := t0.Add(time.Hour)
	require.NoError(t, s.TrackUpsert(ctx, store.Track{ID: "t-default", SubjectID: w.Subject, Title: "D", IsDefault: true, CreatedAt: later}))
	require.NoError(t, s.TrackUpsert(ctx, store.Track{ID: "t-b", SubjectID: w.Subject, Title: "B", CreatedAt: t0.Add(-time.Hour)}))
	require.NoError(t, s.UnitUpsert(ctx, store.Unit{ID: "u-path", SubjectID: w.Subject, TrackID: "t-b", Title: "Path",
		StructureType: store.LessonBased, IsPublished: true, Position: 2, CreatedAt: t0}))
	require.NoError(t, s.TopicUpsert(ctx, store.Topic{ID: "tp-draft", UnitID: w.Unit, Title: "Draft", Position: 1, CreatedAt: t0}))
	require.NoError(t, s.LessonUpsert(ctx, store.Lesson{ID: "l-path", UnitID: "u-path", Title: "Path 1", XPReward: 20, IsPublished: true, Position: 1, CreatedAt: t0}))
	seed(t, s, "-other")
}

func TestCatalogListsBySubjects(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		w := seed(t, s, "")
		seedTree(t, s, w)

		subjects, err := s.SubjectListByIDs(ctx, []string{w.Subject, "math-other", "nope"})
		require.NoError(t, err)
		require.ElementsMatch(t, []string{"math", "math-other"}, ids(subjects, func(x store.Subject) string { return x.ID }))
		none, err := s.SubjectListByIDs(ctx, nil)
		require.NoError(t, err)
		require.Empty(t, none)

		tracks, err := s.TrackListBySubjects(ctx, []string{w.Subject})
		require.NoError(t, err)
		require.Equal(t, []string{w.Track, "t-default", "t-b"}, ids(tracks, func(x store.Track) string { return x.ID }),
			"default first, then position, creation, id")

		units, err := s.UnitListBySubjects(ctx, []string{w.Subject})
		require.NoError(t, err)
		require.Equal(t, []string{w.Unit, "u-path"}, ids(units, func(x store.Unit) string { return x.ID }))
		require.Equal(t, store.LessonBased, units[1].StructureType)
		require.True(t, units[1].IsPublished)

		topics, err := s.TopicListBySubjects(ctx, []string{w.Subject})
		require.NoError(t, err)
		require.Equal(t, []string{w.Topic, "tp-draft"}, ids(topics, func(x store.Topic) string { return x.ID }))
		require.False(t, topics[1].IsPublished)

		lessons, err := s.LessonListBySubjects(ctx, []string{w.Subject})
		require.NoError(t, err)
		require.Equal(t, []string{w.Lesson, "l-path"}, ids(lessons, func(x store.Lesson) string { return x.ID }))
		require.Nil(t, lessons[1].TopicID)
		require.Equal(t, 20, lessons[1].XPReward)

		both, err := s.LessonListBySubjects(ctx, []string{w.Subject, "math-other"})
		require.NoError(t, err)
		require.Len(t, both, 3)

		u, err := s.UnitGet(ctx, "u-path")
		require.NoError(t, err)
		require.Equal(t, "t-b", u.TrackID)
		_, err = s.UnitGet(ctx, "nope")
		require.ErrorIs(t, err, store.ErrNotFound)
		tp, err := s.TopicGet(ctx, w.Topic)
		require.NoError(t, err)
		require.True(t, tp.IsLinear)
		_, err = s.TopicGet(ctx, "nope")
		require.ErrorIs(t, err, store.ErrNotFound)
	})
}

func TestLessonCompletionAndPlays(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		w := seed(t, s, "")
		day := time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC)
		insert := func(client string, at time.Time) int64 {
			id, inserted, err := s.SessionInsert(ctx, store.GameplaySession{UserID: w.User.ID, InstitutionID: w.Inst,
				ClientSessionID: client, Kind: store.SessionLesson, LessonID: &w.Lesson, LocalDay: day, CreatedAt: at})
			require.NoError(t, err)
			require.True(t, inserted)
			return id
		}
		done, err := s.LessonCompletedIDs(ctx, w.User.ID)
		require.NoError(t, err)
		require.Empty(t, done)

		first := insert("a", t0.Add(time.Minute))
		require.NoError(t, s.SessionSetCompleted(ctx, first, false))
		done, err = s.LessonCompletedIDs(ctx, w.User.ID)
		require.NoError(t, err)
		require.Empty(t, done, "an incomplete session completes nothing")

		second := insert("b", t0)
		insert("c", t0.Add(2*time.Minute))
		// A review session has no lesson and is not a lesson play.
		_, _, err = s.SessionInsert(ctx, store.GameplaySession{UserID: w.User.ID, InstitutionID: w.Inst,
			ClientSessionID: "r", Kind: store.SessionReview, LocalDay: day, CreatedAt: t0})
		require.NoError(t, err)
		done, err = s.LessonCompletedIDs(ctx, w.User.ID)
		require.NoError(t, err)
		require.Equal(t, []string{w.Lesson}, done, "sessions are completed unless marked otherwise; listed once")

		plays, err := s.LessonPlayList(ctx, w.User.ID, w.Lesson)
		require.NoError(t, err)
		require.Len(t, plays, 3)
		require.Equal(t, second, plays[0].SessionID, "oldest first")
		require.Equal(t, first, plays[1].SessionID)
		require.False(t, plays[1].Completed)
		require.True(t, plays[0].Completed)
		require.True(t, day.Equal(plays[0].LocalDay))
		sameTime(t, t0, plays[0].CreatedAt)

		require.ErrorIs(t, s.SessionSetCompleted(ctx, 999999, true), store.ErrNotFound)
		require.ErrorIs(t, s.PlayerLock(ctx, w.User.ID), store.ErrNotFound, "no profile yet")
		require.NoError(t, s.ProfileSetAcademic(ctx, store.ProfileSetAcademicParams{UserID: w.User.ID, GradeID: w.Grade, Now: t0}))
		require.NoError(t, s.InTx(ctx, func(tx store.Executor) error { return tx.PlayerLock(ctx, w.User.ID) }))
		require.NoError(t, s.InTx(ctx, func(tx store.Executor) error { return tx.SessionSetCompleted(ctx, first, true) }))
		plays, err = s.LessonPlayList(ctx, w.User.ID, w.Lesson)
		require.NoError(t, err)
		require.True(t, plays[1].Completed)
	})
}

func TestAccessGrantsActive(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		w := seed(t, s, "")
		future := season("s-future")
		future.StartDate, future.EndDate = time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC), time.Date(2027, 6, 30, 0, 0, 0, 0, time.UTC)
		require.NoError(t, s.SeasonUpsert(ctx, future))
		sub := func(seasonID, typ, status string, access ...store.AccessRow) {
			_, err := s.SubscriptionInsert(ctx, store.Subscription{UserID: w.User.ID, SeasonID: seasonID, Type: typ,
				Status: status, Access: access, CreatedAt: t0})
			require.NoError(t, err)
		}
		sub(w.Season, store.SubscriptionSpecific, store.SubscriptionActive,
			store.AccessRow{Type: store.AccessSubject, SubjectID: &w.Subject}, store.AccessRow{Type: store.AccessTrack, TrackID: &w.Track})
		sub(w.Season, store.SubscriptionSpecific, store.SubscriptionSuspended, store.AccessRow{Type: store.AccessTrack, TrackID: &w.Track})
		sub(w.Season, store.SubscriptionSpecific, store.SubscriptionActive) // no rows: grants nothing
		sub(future.ID, store.SubscriptionGlobal, store.SubscriptionActive)

		grants := func(day time.Time) []store.AccessGrant {
			g, err := s.AccessGrantsActive(ctx, w.User.ID, day)
			require.NoError(t, err)
			return g
		}
		// The first season runs 2025-09-01 … 2026-06-30, both ends included.
		want := []store.AccessGrant{{Type: store.AccessSubject, SubjectID: &w.Subject}, {Type: store.AccessTrack, TrackID: &w.Track}}
		require.Equal(t, want, grants(time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)))
		require.Equal(t, want, grants(time.Date(2025, 9, 1, 0, 0, 0, 0, time.UTC)))
		require.Empty(t, grants(time.Date(2025, 8, 31, 0, 0, 0, 0, time.UTC)), "a season not started grants nothing")
		require.Empty(t, grants(time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)), "an ended season grants nothing")
		require.Equal(t, []store.AccessGrant{{Type: store.AccessGlobal}}, grants(time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC)))

		other, err := s.AccessGrantsActive(ctx, w.User.ID+1000, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
		require.NoError(t, err)
		require.Empty(t, other)
	})
}
