package storetest

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/store"
)

// reviewItems writes n items of (user, season) due one hour apart from t0 (item i due at
// t0 + i h), with levels 1..4 in turn; item 3 is retired and items 5.. are in "physics".
func reviewItems(t *testing.T, s store.Store, user int64, season string, n int) []store.MemoryState {
	t.Helper()
	items := make([]store.MemoryState, n)
	for i := range items {
		m := memoryItem(user, season, i)
		m.Retired = i == 3
		m.Level = 1 + i%4
		if i >= 5 {
			m.SubjectID = ptr("physics")
		}
		items[i] = m
	}
	require.NoError(t, s.MemoryUpsert(context.Background(), items))
	return items
}

func questionIDs(rows []store.MemoryState) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = r.QuestionID
	}
	return out
}

func TestReviewDue(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		items := reviewItems(t, s, 7, "s2026", 10)
		reviewItems(t, s, 8, "s2026", 10)
		reviewItems(t, s, 7, "s2027", 10)

		// Due at or before now, soonest first, retired left out, at most Limit.
		now := t0.Add(6 * time.Hour)
		got, err := s.ReviewDue(ctx, store.ReviewDueParams{UserID: 7, SeasonID: "s2026", Now: now, Limit: 15})
		require.NoError(t, err)
		require.Equal(t, []string{"q0000", "q0001", "q0002", "q0004", "q0005", "q0006"}, questionIDs(got))
		require.Equal(t, items[6], got[5])

		got, err = s.ReviewDue(ctx, store.ReviewDueParams{UserID: 7, SeasonID: "s2026", Now: now, Limit: 2})
		require.NoError(t, err)
		require.Equal(t, []string{"q0000", "q0001"}, questionIDs(got))

		got, err = s.ReviewDue(ctx, store.ReviewDueParams{UserID: 7, SeasonID: "s2026", SubjectID: ptr("physics"), Now: now, Limit: 15})
		require.NoError(t, err)
		require.Equal(t, []string{"q0005", "q0006"}, questionIDs(got))

		got, err = s.ReviewDue(ctx, store.ReviewDueParams{UserID: 7, SeasonID: "s2026", Now: t0.Add(-time.Second), Limit: 15})
		require.NoError(t, err)
		require.Empty(t, got)
		got, err = s.ReviewDue(ctx, store.ReviewDueParams{UserID: 9, SeasonID: "s2026", Now: now, Limit: 15})
		require.NoError(t, err)
		require.Empty(t, got)
	})
}

func TestReviewTopicItemsAndSchedule(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		items := reviewItems(t, s, 7, "s2026", 12)
		reviewItems(t, s, 7, "s2027", 12)

		// memoryItem leaves every 5th item without a topic; item 3 is retired.
		got, err := s.ReviewTopicItems(ctx, 7, "s2026", "linear")
		require.NoError(t, err)
		require.ElementsMatch(t, []string{"q0001", "q0002", "q0004", "q0006", "q0007", "q0008", "q0009", "q0011"}, questionIDs(got))
		got, err = s.ReviewTopicItems(ctx, 7, "s2026", "nope")
		require.NoError(t, err)
		require.Empty(t, got)

		schedule, err := s.ReviewScheduleLoad(ctx, 7, "s2026")
		require.NoError(t, err)
		require.Len(t, schedule, 11)
		want := map[string]time.Time{}
		for _, m := range items {
			if !m.Retired {
				want[m.QuestionID] = m.Due
			}
		}
		for _, it := range schedule {
			sameTime(t, want[it.QuestionID], it.Due, it.QuestionID)
		}
		schedule, err = s.ReviewScheduleLoad(ctx, 99, "s2026")
		require.NoError(t, err)
		require.Empty(t, schedule)
	})
}

func TestReviewRetireAndLevelCounts(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		reviewItems(t, s, 7, "s2026", 12)
		reviewItems(t, s, 8, "s2026", 12)

		counts := func(user int64) map[int]int {
			rows, err := s.ReviewLevelCounts(ctx, user, "s2026")
			require.NoError(t, err)
			out := map[int]int{}
			for _, r := range rows {
				out[r.Level] = r.Count
			}
			return out
		}
		// Levels cycle 1..4 over 12 items; item 3 (level 4) is retired.
		require.Equal(t, map[int]int{1: 3, 2: 3, 3: 3, 4: 2}, counts(7))

		later := t0.Add(time.Hour)
		require.NoError(t, s.ReviewRetire(ctx, 7, "s2026", nil, later), "nothing to retire")
		require.NoError(t, s.ReviewRetire(ctx, 7, "s2026", []string{"q0000", "q0001", "missing"}, later))
		require.NoError(t, s.ReviewRetire(ctx, 7, "s2026", []string{"q0000"}, later.Add(time.Hour)), "twice")
		require.Equal(t, map[int]int{1: 2, 2: 2, 3: 3, 4: 2}, counts(7))
		require.Equal(t, map[int]int{1: 3, 2: 3, 3: 3, 4: 2}, counts(8), "another player is untouched")

		// Retired rows are kept, marked, and stamped once.
		got, err := s.MemoryGet(ctx, 7, "s2026", "q0000")
		require.NoError(t, err)
		require.True(t, got.Retired)
		sameTime(t, later, got.UpdatedAt)
		require.EqualValues(t, 24, count(t, s, "SELECT count(*) FROM memory_state"))

		// The retired item leaves the due list and the schedule.
		due, err := s.ReviewDue(ctx, store.ReviewDueParams{UserID: 7, SeasonID: "s2026", Now: t0.Add(100 * time.Hour), Limit: 50})
		require.NoError(t, err)
		require.NotContains(t, questionIDs(due), "q0000")
		require.Len(t, due, 9)
	})
}

func TestReviewLessonStages(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		w := seed(t, s, "")
		require.NoError(t, s.LessonUpsert(ctx, store.Lesson{ID: "l2", UnitID: w.Unit, TopicID: &w.Topic, Title: "L2", IsPublished: true, CreatedAt: t0}))
		require.NoError(t, s.LessonUpsert(ctx, store.Lesson{ID: "l3", UnitID: w.Unit, TopicID: &w.Topic, Title: "L3", IsPublished: true, CreatedAt: t0}))
		quiz := json.RawMessage(`{"question":"2+2?","options":["3","4"],"correct_index":1}`)
		stage := func(id, typ string) store.Stage {
			return store.Stage{ID: id, Title: id, Type: typ, Config: quiz}
		}
		require.NoError(t, s.StagesReplace(ctx, w.Lesson, []store.Stage{stage("a1", "quiz"), stage("a2", "reveal"), stage("a3", "quiz")}))
		require.NoError(t, s.StagesReplace(ctx, "l2", []store.Stage{stage("b1", "quiz"), stage("b2", "matching")}))
		require.NoError(t, s.StagesReplace(ctx, "l3", []store.Stage{stage("c1", "quiz")}))

		// Asking for a3 and b1 returns every stage of both lessons (lesson1 is unpublished).
		got, err := s.ReviewLessonStages(ctx, []string{"a3", "b1", "gone"})
		require.NoError(t, err)
		var desc []string
		for _, st := range got {
			desc = append(desc, fmt.Sprintf("%s/%s/%d/%s/%v", st.LessonID, st.ID, st.Position, st.Type, st.LessonPublished))
			require.JSONEq(t, string(quiz), string(st.Config))
		}
		require.Equal(t, []string{"l2/b1/0/quiz/true", "l2/b2/1/matching/true",
			"lesson1/a1/0/quiz/false", "lesson1/a2/1/reveal/false", "lesson1/a3/2/quiz/false"}, desc)

		got, err = s.ReviewLessonStages(ctx, []string{"gone"})
		require.NoError(t, err)
		require.Empty(t, got)
		got, err = s.ReviewLessonStages(ctx, nil)
		require.NoError(t, err)
		require.Empty(t, got)
	})
}

func TestReviewSessionSetResponse(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		w := seed(t, s, "")
		sess := store.GameplaySession{UserID: w.User.ID, InstitutionID: w.Inst, ClientSessionID: "r1", Kind: store.SessionReview,
			LocalDay: time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC), CreatedAt: t0}
		id, inserted, err := s.SessionInsert(ctx, sess)
		require.NoError(t, err)
		require.True(t, inserted)
		err = s.InTx(ctx, func(tx store.Executor) error {
			return tx.ReviewSessionSetResponse(ctx, id, json.RawMessage(`{"status":"success","xp_earned":12}`))
		})
		require.NoError(t, err)
		got, err := s.SessionGetByClientID(ctx, w.User.ID, "r1")
		require.NoError(t, err)
		require.JSONEq(t, `{"status":"success","xp_earned":12}`, string(got.Response))
	})
}
