package api_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/apitest"
	"memora/internal/srs"
	"memora/internal/store"
)

// generalReview is a submission of a general review: no subject, no topic.
func generalReview(sessionID string, answers ...reviewAnswer) map[string]any {
	return map[string]any{"session_data": map[string]any{"answers": answers,
		"session_meta": map[string]any{"session_id": sessionID}}}
}

// Issue 13.1: the cards come with their answers, so resubmitting them under new session_ids
// must not pay full XP again. Only an item that was due pays in full; once reviewed it is
// no longer due, so a general review of it pays nothing, and so does a subject or focus
// review (reviewed earlier that day); an item not due and not yet reviewed today pays half
// there. The schedule of the same-day repeat follows FSRS's same-day rules.
func TestResubmittingTheSameReviewCardsUnderNewSessionIdsDoesNotPayFullXPAgain(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		w := seedReview(t, env, store.SchedulerFSRS)
		c, u := w.student("farmer@x.test")
		lastWeek := apitest.Start.Add(-7 * 24 * time.Hour)
		past := apitest.Start.Add(-time.Hour)
		w.put(w.item(u.ID, "l1-quiz", 2, past, &lastWeek), w.item(u.ID, "l1-match:0", 2, past, &lastWeek),
			w.item(u.ID, "l1-match:1", 2, past, &lastWeek),
			// Not due (tomorrow), last reviewed a week ago.
			w.item(u.ID, "l1-match:2", 2, apitest.Start.Add(24*time.Hour), &lastWeek))
		cards := []reviewAnswer{{QuestionID: "l1-quiz", Answer: quizCorrect}, {QuestionID: "l1-match:0", Answer: "A"},
			{QuestionID: "l1-match:1", Answer: "B"}}

		first := reviewSubmit(t, c, generalReview("farm-0", cards...))
		require.Equal(t, 36, first.XPEarned, "due items pay in full: 10 + 12 + 14")
		afterFirst := w.memory(u.ID, "l1-quiz")

		require.Equal(t, 0, reviewSubmit(t, c, generalReview("farm-1", cards...)).XPEarned)
		afterSecond := w.memory(u.ID, "l1-quiz")
		for i, id := range []string{"farm-2", "farm-3"} {
			again := reviewSubmit(t, c, generalReview(id, cards...))
			require.Equal(t, 0, again.XPEarned, "general resubmission %d", i)
		}
		subject := reviewSubmit(t, c, reviewBody("farm-subject", "", cards...))
		require.Equal(t, 0, subject.XPEarned, "a subject review of items reviewed today pays nothing")
		focus := reviewSubmit(t, c, reviewBody("farm-focus", "revolt", cards...))
		require.Equal(t, 0, focus.XPEarned, "nor does a focus review")
		notDue := reviewSubmit(t, c, reviewBody("not-due", "", reviewAnswer{QuestionID: "l1-match:2", Answer: "C"}))
		require.Equal(t, 5, notDue.XPEarned, "not due, first review of the day: half")
		notDueAgain := reviewSubmit(t, c, generalReview("not-due-2", reviewAnswer{QuestionID: "l1-match:2", Answer: "C"}))
		require.Equal(t, 0, notDueAgain.XPEarned)

		var sum int
		for _, r := range []int{first.XPEarned, subject.XPEarned, focus.XPEarned, notDue.XPEarned} {
			sum += r
		}
		require.Equal(t, sum, reviewCount(t, env, "SELECT coalesce(sum(xp_earned), 0) FROM gameplay_sessions WHERE user_id = $1 AND kind = 'review'", u.ID))

		// The repeat the same day used FSRS's same-day formula (learner days elapsed 0): the
		// state after the first review, answered Good again at the same instant.
		item := srs.MemoryItem{Stability: afterFirst.Stability, Difficulty: afterFirst.Difficulty, State: srs.State(afterFirst.State),
			Due: afterFirst.Due, Reps: afterFirst.Reps, Lapses: afterFirst.Lapses, Level: afterFirst.Level, LastReview: *afterFirst.LastReview}
		loc, err := time.LoadLocation("Asia/Amman")
		require.NoError(t, err)
		want := srs.Next(srs.DefaultSettings(), item, srs.Answer{Correct: true, DurationMs: 3000, Attempts: 1, Source: srs.SourceReview,
			Seed: srs.FuzzSeed(fmt.Sprint(u.ID), "l1-quiz", afterFirst.Reps)}, apitest.Start, loc)
		require.InDelta(t, want.Stability, afterSecond.Stability, 1e-9, "the same-day repeat")
		require.True(t, want.Due.Equal(afterSecond.Due), "due %s, want %s", afterSecond.Due, want.Due)
		require.True(t, afterSecond.Due.After(apitest.Start), "a same-day repeat is due on a later day")
		require.Equal(t, 5, reviewCount(t, env, "SELECT count(*) FROM review_log WHERE user_id = $1 AND question_id = 'l1-quiz' AND elapsed_days < 1", u.ID))
	})
}
