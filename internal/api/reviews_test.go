package api_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/apitest"
	"memora/internal/review"
	"memora/internal/store"
)

func cardByID(t *testing.T, s review.Session, id string) review.Card {
	t.Helper()
	for _, c := range s.Questions {
		if c.ID == id {
			return c
		}
	}
	t.Fatalf("no card %s in %v", id, reviewCardIDs(s))
	return review.Card{}
}

// Cards of the three scored stage types, from the due items only, in the embedded mode (no
// Redis): not degraded. E.41 is the matching card.
func TestReviewSessionCards(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		w := seedReview(t, env, store.SchedulerFSRS)
		c, u := w.student("s@x.test")
		now := apitest.Start
		w.put(w.item(u.ID, "l1-reveal:1", 1, now.Add(-time.Hour), nil),
			w.item(u.ID, "l1-match:1", 2, now.Add(-48*time.Hour), nil),
			w.item(u.ID, "l1-quiz", 3, now, nil),
			w.item(u.ID, "l1-reveal:0", 1, now.Add(24*time.Hour), nil))

		s := reviewGet(t, c, nil)
		require.False(t, s.IsDegraded)
		require.Equal(t, w.season, s.Season)
		require.ElementsMatch(t, []string{"l1-reveal:1", "l1-match:1", "l1-quiz"}, reviewCardIDs(s), "not-yet-due items wait")

		reveal := cardByID(t, s, "l1-reveal:1")
		require.Equal(t, "quiz", reveal.Type)
		require.Equal(t, "reveal", reveal.OriginType)
		require.Equal(t, "The Great Arab Revolt began in ____ in Mecca", reveal.Question)
		require.Equal(t, "1916", reveal.CorrectAnswer)
		require.ElementsMatch(t, []string{"1916", "Revolt", "Mecca", "..."}, reveal.Options,
			"the lesson's other highlight words, padded")

		match := cardByID(t, s, "l1-match:1")
		require.Equal(t, "matching", match.OriginType)
		require.Equal(t, "ما هو المرادف لـ: b؟", match.Question)
		require.Equal(t, "b", match.MatchItem, "the pair's item, for clients that word the question themselves")
		require.Equal(t, "B", match.CorrectAnswer)
		require.ElementsMatch(t, []string{"A", "B", "C", "..."}, match.Options)

		quiz := cardByID(t, s, "l1-quiz")
		require.Equal(t, "quiz", quiz.OriginType)
		require.Equal(t, "Who led the revolt?", quiz.Question)
		require.Equal(t, quizCorrect, quiz.CorrectAnswer)
		require.ElementsMatch(t, []string{"Sharif Hussein", "Napoleon", "Caesar"}, quiz.Options)
		require.Empty(t, reveal.MatchItem+quiz.MatchItem, "only a matching card has an item")

		// Subject filter: the same items are all in hist; another subject has none.
		require.Len(t, reviewGet(t, c, map[string]string{"subject": "hist"}).Questions, 3)
		require.Empty(t, reviewGet(t, c, map[string]string{"subject": "math"}).Questions)

		// A legacy whole-stage item of a reveal stage becomes one card per highlight.
		w.put(w.item(u.ID, "l1-reveal", 1, now.Add(-time.Hour), nil))
		ids := reviewCardIDs(reviewGet(t, c, nil))
		require.Subset(t, ids, []string{"l1-reveal:0", "l1-reveal:2"})

		// Without a profile season there is nothing to review.
		c2, _ := env.LoginAs("new@x.test", w.inst)
		empty := reviewGet(t, c2, nil)
		require.Empty(t, empty.Questions)
		require.NotNil(t, empty.Questions)
		require.Equal(t, "", empty.Season)
	})
}

// A general review has at most 15 cards, the soonest due.
func TestReviewSessionLimit(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		w := seedReview(t, env, store.SchedulerFSRS)
		stage := w.bigReveal("many", 40)
		c, u := w.student("s@x.test")
		for i := range 40 {
			w.put(w.item(u.ID, fmt.Sprintf("%s:%d", stage, i), 2, apitest.Start.Add(-time.Duration(i)*time.Hour), nil))
		}
		ids := reviewCardIDs(reviewGet(t, c, nil))
		require.Len(t, ids, 15)
		for i := 25; i < 40; i++ {
			require.Contains(t, ids, fmt.Sprintf("%s:%d", stage, i), "the 15 longest overdue")
		}
	})
}

// Items whose question is gone are retired — kept, marked, never served again — and only
// them: a missing stage, an unpublished lesson, an index past the highlights, a stage that
// is not scored.
func TestReviewRetiresGoneQuestions(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		w := seedReview(t, env, store.SchedulerFSRS)
		c, u := w.student("s@x.test")
		past := apitest.Start.Add(-time.Hour)
		gone := []string{"no-such-stage:0", "l2-quiz", "l1-reveal:9", "l1-read", "l1-quiz:0"}
		for _, q := range gone {
			w.put(w.item(u.ID, q, 1, past, nil))
		}
		w.put(w.item(u.ID, "l1-quiz", 1, past, nil))

		require.Equal(t, []string{"l1-quiz"}, reviewCardIDs(reviewGet(t, c, nil)))
		for _, q := range gone {
			m := w.memory(u.ID, q)
			require.True(t, m.Retired, q)
		}
		require.False(t, w.memory(u.ID, "l1-quiz").Retired)
		require.Equal(t, []string{"l1-quiz"}, reviewCardIDs(reviewGet(t, c, nil)))
		require.Equal(t, 6, reviewCount(t, env, "SELECT count(*) FROM memory_state WHERE user_id = $1", u.ID), "nothing deleted")
	})
}

// E.43: focus mode takes 10 % of the player's items in the topic, clamped to 10…30; an empty
// topic gives an empty session.
func TestReviewFocusLimits(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		w := seedReview(t, env, store.SchedulerClassic)
		c, u := w.student("s@x.test")
		yesterday := apitest.Start.Add(-24 * time.Hour)
		for _, n := range []int{15, 200, 500} {
			topic := fmt.Sprintf("t%d", n)
			stage := w.bigReveal(topic, n)
			items := make([]store.MemoryState, n)
			for i := range items {
				items[i] = w.item(u.ID, fmt.Sprintf("%s:%d", stage, i), 1+i%4, apitest.Start.Add(time.Hour), &yesterday)
				items[i].TopicID = &topic
			}
			w.put(items...)
		}
		for n, want := range map[int]int{15: 10, 200: 20, 500: 30} {
			s := reviewGet(t, c, map[string]string{"topic_id": fmt.Sprintf("t%d", n)})
			require.Len(t, s.Questions, want, "topic of %d", n)
			require.False(t, s.IsDegraded)
		}
		w.topic("empty")
		s := reviewGet(t, c, map[string]string{"topic_id": "empty"})
		require.Equal(t, review.Session{Questions: []review.Card{}, Season: w.season}, s)
		require.Empty(t, reviewGet(t, c, map[string]string{"topic_id": "no-such-topic"}).Questions)
	})
}

// Focus mode serves the red zone (level 1, or not reviewed today in Amman), weakest first,
// then the least recently reviewed; with nothing in it (E.44), ten random items.
func TestReviewFocusRedZoneAndFallback(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		w := seedReview(t, env, store.SchedulerClassic)
		c, u := w.student("s@x.test")
		stage := w.bigReveal("focus", 40)
		// Amman's day began at 21:00 UTC the day before apitest.Start (10:00 in Amman).
		today := apitest.Start.Add(-10 * time.Hour)
		var items []store.MemoryState
		for i := range 40 {
			last := today.Add(time.Duration(i) * time.Minute)
			level := 3
			if i < 12 {
				level, last = 1, today.Add(-time.Duration(i+1)*time.Hour) // older as i grows
			}
			m := w.item(u.ID, fmt.Sprintf("%s:%d", stage, i), level, apitest.Start.Add(time.Hour), &last)
			topic := "focus"
			m.TopicID = &topic
			items = append(items, m)
		}
		w.put(items...)
		ids := reviewCardIDs(reviewGet(t, c, map[string]string{"topic_id": "focus"}))
		want := make([]string, 0, 10)
		for i := 2; i < 12; i++ {
			want = append(want, fmt.Sprintf("%s:%d", stage, i))
		}
		require.ElementsMatch(t, want, ids, "the ten oldest of the twelve level-1 items")

		// E.44: everything strong and reviewed today → ten random items of the topic.
		for i := range items[:12] {
			items[i].Level, items[i].LastReview = 2, &today
		}
		w.put(items[:12]...)
		seen := map[string]bool{}
		for range 5 {
			ids := reviewCardIDs(reviewGet(t, c, map[string]string{"topic_id": "focus"}))
			require.Len(t, ids, 10)
			for _, id := range ids {
				require.True(t, strings.HasPrefix(id, stage+":"), id)
				seen[id] = true
			}
		}
		require.Greater(t, len(seen), 10, "random picks differ between sessions")
	})
}
