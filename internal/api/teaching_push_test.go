package api_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/apitest"
	"memora/internal/cache"
	"memora/internal/cache/rediscache"
	"memora/internal/redistest"
	"memora/internal/store"
	"memora/internal/store/storetest"
	"memora/internal/teaching"
)

var pushPath = apitest.Method("teaching", "push_review")

// A Teacher pushes a topic to two students: the learned item not yet due becomes due now
// with its FSRS state untouched, the one already due keeps its due time, the student who
// never learned the topic is counted, and the push is audited. The student's session marks
// both items "from your teacher"; a second push changes nothing; answering the pushed item
// schedules it exactly as a review of a naturally due twin item (elapsed time since the
// last real review), and the label is gone once it is reviewed.
func TestTeacherPushesATopicIntoReviewQueues(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, env *apitest.Env) { pushTopicScenario(t, env, false) })
}

// The same with the Redis schedule: the pushed item is due now in Redis as in the database.
func TestTeacherPushesATopicIntoReviewQueuesRedis(t *testing.T) {
	t.Parallel()
	eachWithRedis(t, func(t *testing.T, env *apitest.Env) { pushTopicScenario(t, env, true) })
}

func pushTopicScenario(t *testing.T, env *apitest.Env, withRedis bool) {
	w := seedReview(t, env, store.SchedulerFSRS)
	teacher, _ := env.LoginAs("teacher@x.test", w.inst, store.RoleTeacher)
	layla, u := w.student("layla@x.test")
	twin, u2 := w.student("twin@x.test")
	_, omar := w.student("omar@x.test")
	now := apitest.Start
	last := now.Add(-30 * 24 * time.Hour)
	later, past := now.Add(5*24*time.Hour), now.Add(-time.Hour)
	other := "other-topic"
	elsewhere := w.item(u.ID, "l1-reveal:1", 2, later, &last)
	elsewhere.TopicID = &other
	w.put(w.item(u.ID, "l1-quiz", 2, later, &last), w.item(u.ID, "l1-match:0", 2, past, &last), elsewhere,
		w.item(u2.ID, "l1-quiz", 2, past, &last))
	before := w.memory(u.ID, "l1-quiz")

	var key string
	if withRedis {
		rdb := redistest.Client(t)
		key = rediscache.Key(cache.ScheduleKey{UserID: u.ID, SeasonID: w.season})
		t.Cleanup(func() { rdb.Del(w.ctx, key) })
		s := reviewGet(t, layla, nil) // builds the cached schedule
		require.Equal(t, []string{"l1-match:0"}, reviewCardIDs(s))
		require.EqualValues(t, later.Unix(), rdb.ZScore(w.ctx, key, "l1-quiz").Val())
	} else {
		s := reviewGet(t, layla, nil)
		require.False(t, cardByID(t, s, "l1-match:0").FromTeacher, "nothing pushed yet")
	}

	r := teacher.Post(pushPath, map[string]any{"topic": "revolt", "students": []int64{u.ID, omar.ID}})
	require.Equal(t, 200, r.Status, r.Body)
	var res teaching.PushResult
	r.Message(t, &res)
	require.Equal(t, teaching.PushResult{Students: 2, Reached: 1, WithoutItems: 1, Items: 2, Pushed: 1, AlreadyDue: 1}, res)

	after := w.memory(u.ID, "l1-quiz")
	require.Equal(t, now.Unix(), after.Due.Unix(), "due now")
	require.Equal(t, before.Stability, after.Stability, "stability untouched")
	require.Equal(t, before.Difficulty, after.Difficulty, "difficulty untouched")
	require.Equal(t, before.State, after.State)
	require.Equal(t, before.Reps, after.Reps)
	require.Equal(t, before.Level, after.Level)
	require.Equal(t, last.Unix(), after.LastReview.Unix(), "the last real review is kept")
	require.Equal(t, past.Unix(), w.memory(u.ID, "l1-match:0").Due.Unix(), "an item already due keeps its due time")
	require.Equal(t, later.Unix(), w.memory(u.ID, "l1-reveal:1").Due.Unix(), "another topic is not pushed")
	require.Equal(t, past.Unix(), w.memory(u2.ID, "l1-quiz").Due.Unix(), "a student not listed is not pushed")
	require.EqualValues(t, 1, storetest.CountRows(t, env.Store, "SELECT count(*) FROM audit_log WHERE action = 'review.pushed'"))
	if withRedis {
		rdb := redistest.Client(t)
		require.EqualValues(t, now.Unix(), rdb.ZScore(w.ctx, key, "l1-quiz").Val(), "the cached schedule follows the push")
	}

	s := reviewGet(t, layla, nil)
	require.ElementsMatch(t, []string{"l1-quiz", "l1-match:0"}, reviewCardIDs(s))
	require.True(t, cardByID(t, s, "l1-quiz").FromTeacher)
	require.True(t, cardByID(t, s, "l1-match:0").FromTeacher)
	require.False(t, cardByID(t, reviewGet(t, twin, nil), "l1-quiz").FromTeacher, "the twin was not pushed")

	// Idempotent: everything pushed is due already.
	r = teacher.Post(pushPath, map[string]any{"topic": "revolt", "students": []int64{u.ID}})
	require.Equal(t, 200, r.Status, r.Body)
	r.Message(t, &res)
	require.Equal(t, 0, res.Pushed)
	require.Equal(t, 2, res.AlreadyDue)
	require.Equal(t, now.Unix(), w.memory(u.ID, "l1-quiz").Due.Unix())

	// Answering: the pushed item and its naturally due twin end in the same FSRS state.
	env.Clock.Advance(time.Minute)
	reviewSubmit(t, layla, reviewBody("p1", "", reviewAnswer{QuestionID: "l1-quiz", Answer: quizCorrect, TimeSpentMs: reviewMs(4000)}))
	reviewSubmit(t, twin, reviewBody("t1", "", reviewAnswer{QuestionID: "l1-quiz", Answer: quizCorrect, TimeSpentMs: reviewMs(4000)}))
	pushed, natural := w.memory(u.ID, "l1-quiz"), w.memory(u2.ID, "l1-quiz")
	require.Greater(t, pushed.Stability, before.Stability, "a successful review after 30 days grows stability")
	require.InDelta(t, natural.Stability, pushed.Stability, 1e-9)
	require.InDelta(t, natural.Difficulty, pushed.Difficulty, 1e-9)
	require.Equal(t, natural.State, pushed.State)
	require.Equal(t, natural.Reps, pushed.Reps)
	require.True(t, pushed.Due.After(env.Clock.Now()), "scheduled ahead like any review")
	s = reviewGet(t, layla, nil)
	require.Equal(t, []string{"l1-match:0"}, reviewCardIDs(s), "the reviewed item left the queue")
	require.True(t, s.Questions[0].FromTeacher, "the pushed item not yet reviewed keeps its label")
}

// The weakest items: each student's reviewed items of lowest retrievability, N of them;
// never-reviewed items are not candidates.
func TestTeacherPushesTheWeakestItems(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		w := seedReview(t, env, store.SchedulerFSRS)
		teacher, _ := env.LoginAs("teacher@x.test", w.inst, store.RoleTeacher)
		_, u := w.student("layla@x.test")
		now := apitest.Start
		longAgo, recent, later := now.AddDate(0, 0, -60), now.AddDate(0, 0, -1), now.AddDate(0, 0, 10)
		weak, strong, fresh := w.item(u.ID, "l1-quiz", 2, later, &longAgo), w.item(u.ID, "l1-match:0", 2, later, &recent),
			w.item(u.ID, "l1-match:1", 1, later, nil)
		w.put(weak, strong, fresh)

		r := teacher.Post(pushPath, map[string]any{"weakest": 1})
		require.Equal(t, 200, r.Status, r.Body)
		var res teaching.PushResult
		r.Message(t, &res)
		require.Equal(t, teaching.PushResult{Students: 1, Reached: 1, Items: 1, Pushed: 1}, res)
		require.Equal(t, now.Unix(), w.memory(u.ID, "l1-quiz").Due.Unix(), "the forgotten item")
		require.Equal(t, later.Unix(), w.memory(u.ID, "l1-match:0").Due.Unix())
		require.Equal(t, later.Unix(), w.memory(u.ID, "l1-match:1").Due.Unix(), "never reviewed: not a candidate")
	})
}

// Refusals write nothing: a student, another institution's teacher, and bad input (400).
func TestPushRefusalsWriteNothing(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		w := seedReview(t, env, store.SchedulerFSRS)
		teacher, _ := env.LoginAs("teacher@x.test", w.inst, store.RoleTeacher)
		layla, u := w.student("layla@x.test")
		foreign, _ := env.LoginAs("teacher@other.test", "other", store.RoleTeacher)
		_, stranger := env.LoginAs("kid@other.test", "other")
		w.put(w.item(u.ID, "l1-quiz", 2, apitest.Start.AddDate(0, 0, 5), nil))
		valid := map[string]any{"topic": "revolt"}
		for _, tc := range []struct {
			name   string
			c      *apitest.Client
			params map[string]any
			status int
		}{
			{"a student", layla, valid, 403},
			{"another institution's teacher", foreign, map[string]any{"topic": "revolt", "institution": w.inst}, 404},
			{"another institution's student", teacher, map[string]any{"topic": "revolt", "students": []int64{stranger.ID}}, 404},
			{"neither topic nor weakest", teacher, map[string]any{}, 400},
			{"both topic and weakest", teacher, map[string]any{"topic": "revolt", "weakest": 3}, 400},
			{"too many weakest", teacher, map[string]any{"weakest": teaching.MaxPushWeakest + 1}, 400},
			{"negative weakest", teacher, map[string]any{"weakest": -1}, 400},
			{"unknown topic", teacher, map[string]any{"topic": "no-such-topic"}, 400},
			{"students not a list", teacher, map[string]any{"topic": "revolt", "students": "everyone"}, 400},
		} {
			before := digest(t, env.Store)
			r := tc.c.Post(pushPath, tc.params)
			require.Equal(t, tc.status, r.Status, "%s: %s", tc.name, r.Body)
			require.Equal(t, before, digest(t, env.Store), "%s changed the database", tc.name)
		}
	})
}
