package api_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/apitest"
	"memora/internal/review"
	"memora/internal/store"
)

// E.47, XP and the write-set of a submission, on a classic season: durations default to
// 3000 ms (normal speed: +1 level), a fast correct answer gains 2 levels, a wrong one falls
// to level 1; XP = 10 × correct + 2 × combo. A retry returns the first answer and writes
// nothing.
func TestSubmitReviewClassic(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		w := seedReview(t, env, store.SchedulerClassic)
		c, u := w.student("s@x.test")
		putHistoryDue(w, u.ID)
		wrongClaimedRight := true
		body := reviewBody("r-1", "",
			reviewAnswer{QuestionID: "l1-quiz", Answer: quizCorrect, TimeSpentMs: reviewMs(1500)},
			reviewAnswer{QuestionID: "l1-match:0", Answer: "A"}, // no duration: 3000 ms
			reviewAnswer{QuestionID: "l1-reveal:0", Answer: "Mecca", IsCorrect: &wrongClaimedRight})
		res := reviewSubmit(t, c, body)
		require.Equal(t, review.Result{Status: "success", Processed: 3, XPEarned: 22, RemainingItems: 0,
			NewStabilityCounts: review.Mastery{New: 1, Learning: 0, Mature: 2}, Ungraded: []string{}}, res)

		now := apitest.Start
		for q, want := range map[string]struct{ level, days int }{
			"l1-quiz": {4, 14}, "l1-match:0": {3, 7}, "l1-reveal:0": {1, 1},
		} {
			m := w.memory(u.ID, q)
			require.Equal(t, want.level, m.Level, q)
			require.True(t, now.AddDate(0, 0, want.days).Equal(m.Due), "%s due %s", q, m.Due)
			require.True(t, now.Equal(*m.LastReview), q)
		}
		require.Equal(t, 3, reviewCount(t, env, "SELECT count(*) FROM review_log WHERE user_id = $1 AND session_id IS NOT NULL AND source = 'review'", u.ID))
		require.Equal(t, 1, reviewCount(t, env, "SELECT count(*) FROM gameplay_sessions WHERE user_id = $1 AND kind = 'review' AND xp_earned = 22", u.ID))
		// The session completes the day's streak quest (100) and the history review quest
		// (10 per item reviewed, to the subject): credited with it.
		prof, err := env.Store.ProfileGet(w.ctx, u.ID)
		require.NoError(t, err)
		require.EqualValues(t, 22+100+30, prof.TotalXP)
		score, err := env.Store.SubjectScoreGet(w.ctx, u.ID, "hist")
		require.NoError(t, err)
		require.EqualValues(t, 22+30, score.TotalXP)

		// The retry (even with other answers) is answered as the first time; nothing changes.
		again := reviewSubmit(t, c, reviewBody("r-1", "", reviewAnswer{QuestionID: "l1-quiz", Answer: "Napoleon"}))
		require.Equal(t, res, again)
		require.Equal(t, 3, reviewCount(t, env, "SELECT count(*) FROM review_log WHERE user_id = $1", u.ID))
		require.Equal(t, 4, w.memory(u.ID, "l1-quiz").Level)
		prof, err = env.Store.ProfileGet(w.ctx, u.ID)
		require.NoError(t, err)
		require.EqualValues(t, 22+100+30, prof.TotalXP)
	})
}

// A subject's review quest completes with the submission that reviews its last due item,
// not before: the quest is settled from the items due once the submission is written.
func TestSubmitReviewQuestCompletesWithTheLastDueItem(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		w := seedReview(t, env, store.SchedulerClassic)
		c, u := w.student("s@x.test")
		putHistoryDue(w, u.ID)
		xp := func() int64 {
			prof, err := env.Store.ProfileGet(w.ctx, u.ID)
			require.NoError(t, err)
			return prof.TotalXP
		}
		first := reviewSubmit(t, c, reviewBody("q-1", "",
			reviewAnswer{QuestionID: "l1-quiz", Answer: quizCorrect}, reviewAnswer{QuestionID: "l1-match:0", Answer: "A"}))
		require.EqualValues(t, first.XPEarned+100, xp(), "the streak quest only: l1-reveal:0 is still due")
		last := reviewSubmit(t, c, reviewBody("q-2", "", reviewAnswer{QuestionID: "l1-reveal:0", Answer: "Mecca"}))
		require.EqualValues(t, first.XPEarned+100+last.XPEarned+30, xp(), "the history review quest: 10 per item reviewed today")
	})
}

// putHistoryDue gives the player three history items due an hour ago, reviewed then.
func putHistoryDue(w *reviewWorld, userID int64) {
	past := apitest.Start.Add(-time.Hour)
	w.put(w.item(userID, "l1-quiz", 2, past, &past), w.item(userID, "l1-match:0", 2, past, &past),
		w.item(userID, "l1-reveal:0", 3, past, &past))
}

// The combo is the server's: three right in a row pay 10 + 12 + 14, and a wrong answer in
// between resets it; a quiz may be answered by its option index.
func TestSubmitReviewCombo(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		w := seedReview(t, env, store.SchedulerFSRS)
		c, u := w.student("s@x.test")
		past := apitest.Start.Add(-time.Hour)
		for _, q := range []string{"l1-quiz", "l1-match:0", "l1-match:1", "l1-match:2", "l1-reveal:1"} {
			w.put(w.item(u.ID, q, 1, past, nil))
		}
		res := reviewSubmit(t, c, reviewBody("combo-1", "",
			reviewAnswer{QuestionID: "l1-quiz", Answer: 0},
			reviewAnswer{QuestionID: "l1-match:0", Answer: " A "},
			reviewAnswer{QuestionID: "l1-match:1", Answer: "B"}))
		require.Equal(t, 36, res.XPEarned)
		res = reviewSubmit(t, c, reviewBody("combo-2", "",
			reviewAnswer{QuestionID: "l1-match:2", Answer: "C"},
			reviewAnswer{QuestionID: "l1-reveal:1", Answer: "..."},
			reviewAnswer{QuestionID: "l1-quiz", Answer: 2}))
		require.Equal(t, 10, res.XPEarned)

		// FSRS: a right answer moves the item to the review state, due in days.
		m := w.memory(u.ID, "l1-match:0")
		require.Greater(t, m.Stability, 0.0)
		require.True(t, m.Due.After(apitest.Start.Add(12*time.Hour)), "due %s", m.Due)
	})
}

// E.48: with a topic, remaining_items counts the topic's items still at level 1 or not
// reviewed today; without one it is 0.
func TestSubmitReviewRemaining(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		w := seedReview(t, env, store.SchedulerClassic)
		c, u := w.student("s@x.test")
		stage := w.bigReveal("twelve", 12)
		earlierToday := apitest.Start.Add(-time.Hour)
		topic := "twelve"
		for i := range 12 {
			m := w.item(u.ID, fmt.Sprintf("%s:%d", stage, i), 3, apitest.Start.Add(time.Hour), &earlierToday)
			m.TopicID = &topic
			w.put(m)
		}
		var answers []reviewAnswer
		for i := range 4 {
			answers = append(answers, reviewAnswer{QuestionID: fmt.Sprintf("%s:%d", stage, i), Answer: "wrong"})
		}
		res := reviewSubmit(t, c, reviewBody("focus-1", topic, answers...))
		require.Equal(t, 4, res.RemainingItems)
		require.Equal(t, 0, res.XPEarned)
		res = reviewSubmit(t, c, reviewBody("general-1", "", reviewAnswer{QuestionID: stage + ":5", Answer: "w5"}))
		require.Equal(t, 0, res.RemainingItems)
	})
}

// E.50: new_stability_counts are the mastery buckets of the player's season: level 1 new,
// 2 learning, 3 and 4 mature.
func TestSubmitReviewMastery(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		w := seedReview(t, env, store.SchedulerClassic)
		c, u := w.student("s@x.test")
		past := apitest.Start.Add(-time.Hour)
		levels := []int{1, 1, 1, 1, 1, 2, 2, 2, 3, 3, 4}
		for i, level := range levels {
			q := fmt.Sprintf("other-%d", i)
			if i == 0 {
				q = "l1-quiz"
			}
			w.put(w.item(u.ID, q, level, past, &past))
		}
		res := reviewSubmit(t, c, reviewBody("m-1", "", reviewAnswer{QuestionID: "l1-quiz", Answer: "Caesar"}))
		require.Equal(t, review.Mastery{New: 5, Learning: 3, Mature: 3}, res.NewStabilityCounts)
	})
}

// Bad submissions get a 400 (a lesson's session id a 409) and write nothing.
func TestSubmitReviewRefusals(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		w := seedReview(t, env, store.SchedulerFSRS)
		c, u := w.student("s@x.test")
		past := apitest.Start.Add(-time.Hour)
		w.put(w.item(u.ID, "l1-quiz", 1, past, nil), w.item(u.ID, "l1-match:0", 1, past, nil))
		_, _, err := env.Store.SessionInsert(w.ctx, store.GameplaySession{UserID: u.ID, InstitutionID: w.inst,
			ClientSessionID: "lesson-1", Kind: store.SessionLesson, LocalDay: apitest.Start, CreatedAt: apitest.Start})
		require.NoError(t, err)
		path := apitest.Method("reviews", "submit_review_session")
		ok := reviewAnswer{QuestionID: "l1-quiz", Answer: quizCorrect}
		for name, body := range map[string]any{
			"unknown question":     reviewBody("b1", "", ok, reviewAnswer{QuestionID: "nope:1", Answer: "x"}),
			"not the player's":     reviewBody("b2", "", reviewAnswer{QuestionID: "l1-match:1", Answer: "B"}),
			"unpublished lesson":   reviewBody("b3", "", reviewAnswer{QuestionID: "l2-quiz", Answer: "b"}),
			"whole matching stage": reviewBody("b4", "", reviewAnswer{QuestionID: "l1-match", Answer: "A"}),
			"answered twice":       reviewBody("b5", "", ok, ok),
			"index on a pair":      reviewBody("b7", "", reviewAnswer{QuestionID: "l1-match:0", Answer: 1}),
			"no answers":           reviewBody("b8", ""),
			"no session id":        reviewBody("", "", ok),
			"unknown subject": map[string]any{"session_data": map[string]any{"answers": []reviewAnswer{ok},
				"session_meta": map[string]any{"session_id": "b9", "subject": "nope"}}},
			"negative time": reviewBody("b10", "", reviewAnswer{QuestionID: "l1-quiz", Answer: 0, TimeSpentMs: reviewMs(-5)}),
			"bad json":      map[string]any{"session_data": "{not json"},
			"wrong type":    map[string]any{"session_data": map[string]any{"answers": "x"}},
			"missing":       map[string]any{},
		} {
			t.Run(name, func(t *testing.T) { expectError(t, c.Post(path, body), 400, "ValidationError") })
		}
		expectError(t, c.Post(path, reviewBody("lesson-1", "", ok)), 409, "ConflictError")
		expectError(t, c.Get(path, map[string]string{"session_data": "{}"}), 405, "MethodNotAllowed")

		require.Equal(t, 0, reviewCount(t, env, "SELECT count(*) FROM review_log WHERE user_id = $1", u.ID))
		require.Equal(t, 1, reviewCount(t, env, "SELECT count(*) FROM gameplay_sessions WHERE user_id = $1", u.ID))
		require.Equal(t, 0, reviewCount(t, env, "SELECT count(*) FROM xp_ledger WHERE user_id = $1", u.ID))
		m := w.memory(u.ID, "l1-quiz")
		require.Nil(t, m.LastReview)
		require.Equal(t, 1, m.Level)
	})
}

// Issue 12: a card sent without an answer is ungraded: no memory update, no review log, no
// XP, not processed — and listed in the answer.
func TestSubmitReviewAnswersWithoutAnAnswerAreUngraded(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		w := seedReview(t, env, store.SchedulerFSRS)
		c, u := w.student("s@x.test")
		past := apitest.Start.Add(-time.Hour)
		w.put(w.item(u.ID, "l1-quiz", 2, past, &past), w.item(u.ID, "l1-match:0", 2, past, &past))
		res := reviewSubmit(t, c, reviewBody("u-1", "", reviewAnswer{QuestionID: "l1-quiz"},
			reviewAnswer{QuestionID: "l1-match:0", Answer: "A"}))
		require.Equal(t, []string{"l1-quiz"}, res.Ungraded)
		require.Equal(t, 1, res.Processed)
		require.Equal(t, 10, res.XPEarned)
		m := w.memory(u.ID, "l1-quiz")
		require.Equal(t, 2, m.Level)
		require.True(t, past.Equal(*m.LastReview), "not rated Again")
		require.Equal(t, 0, reviewCount(t, env, "SELECT count(*) FROM review_log WHERE user_id = $1 AND question_id = 'l1-quiz'", u.ID))
		require.Equal(t, 1, reviewCount(t, env, "SELECT count(*) FROM review_log WHERE user_id = $1", u.ID))
	})
}
