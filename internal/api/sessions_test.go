package api_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/apitest"
	"memora/internal/i18n"
	"memora/internal/store"
	"memora/internal/store/readcache"
)

var (
	quizRight     = json.RawMessage(`{"option":1}`)
	quizWrong     = json.RawMessage(`{"option":0}`)
	matchingRight = json.RawMessage(`{"pairs":{"a":"a","b":"b"}}`)
	matchingWrong = json.RawMessage(`{"pairs":{"a":"b","b":"a"}}`)
)

// answer is one interaction on a fixture lesson's stage ("q" or "m").
func playAnswer(lesson, stage string, a json.RawMessage) map[string]any {
	return map[string]any{"question_id": lesson + "-" + stage, "type": "quiz", "attempts_count": 1, "duration_ms": 1500,
		"is_final_outcome_correct": true, "answer": a}
}

// perfect plays both stages of a fixture lesson right: 10 + 12 stage XP.
func playPerfect(lesson string) []map[string]any {
	return []map[string]any{playAnswer(lesson, "q", quizRight), playAnswer(lesson, "m", matchingRight)}
}

func playBody(sessionID, lesson string, interactions []map[string]any) map[string]any {
	return map[string]any{
		"session_id":           sessionID,
		"session_meta":         map[string]any{"lesson_id": lesson, "start_timestamp": "2026-11-25T10:00:00Z", "device_info": "test"},
		"gamification_results": map[string]any{"xp_earned": 500, "gems_collected": 99},
		"interactions":         interactions,
	}
}

type playResult struct {
	Status          string   `json:"status"`
	Message         string   `json:"message"`
	SessionID       string   `json:"session_id"`
	XPEarned        int      `json:"xp_earned"`
	Correct         int      `json:"correct"`
	Total           int      `json:"total"`
	Completed       bool     `json:"completed"`
	FirstCompletion bool     `json:"first_completion"`
	Ungraded        []string `json:"ungraded"`
}

// streakQuest is the reward of the daily streak quest, credited by the day's first session.
const streakQuest = 100

var playSubmitPath = apitest.Method("sessions", "submit_session")

func playSubmit(t *testing.T, c *apitest.Client, body map[string]any) playResult {
	t.Helper()
	r := c.Post(playSubmitPath, body)
	require.Equal(t, 200, r.Status, r.Body)
	var res playResult
	r.Message(t, &res)
	return res
}

func playXP(t *testing.T, st store.Store, userID int64) int64 {
	t.Helper()
	p, err := st.ProfileGet(context.Background(), userID)
	require.NoError(t, err)
	return p.TotalXP
}

func playSubjectXP(t *testing.T, st store.Store, userID int64, subject string) int64 {
	t.Helper()
	s, err := st.SubjectScoreGet(context.Background(), userID, subject)
	if err != nil {
		require.ErrorIs(t, err, store.ErrNotFound)
		return 0
	}
	return s.TotalXP
}

type lessonDetailsReply struct {
	Name     string `json:"name"`
	Title    string `json:"title"`
	XPReward int    `json:"xp_reward"`
	Stages   []struct {
		ID     string         `json:"id"`
		Title  string         `json:"title"`
		Type   string         `json:"type"`
		Config map[string]any `json:"config"`
	} `json:"stages"`
}

// D.31, and lessons the caller cannot open (weak point 2).
func TestGetLessonDetails(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		f := seedCatalog(t, env)
		require.NoError(t, env.Store.StagesReplace(context.Background(), "l-path-1", []store.Stage{
			{ID: "l-path-1-r", Title: "اكتشف", Type: "reveal", Config: json.RawMessage(`{"sentence":"تقع البتراء في الأردن","highlights":[{"word":"البتراء","explanation":"مدينة"}]}`)},
			{ID: "l-path-1-q", Title: "سؤال", Type: "quiz", Config: json.RawMessage(`{"question":"؟","options":["3","4"],"correct_index":1}`)},
		}))
		c, _ := f.student("s@x.test")
		get := apitest.Method("sessions", "get_lesson_details")
		var d lessonDetailsReply
		r := c.Get(get, map[string]string{"lesson_id": "l-path-1"})
		require.Equal(t, 200, r.Status, r.Body)
		r.Message(t, &d)
		require.Equal(t, "l-path-1", d.Name)
		require.Equal(t, "درس l-path-1", d.Title)
		require.Equal(t, 20, d.XPReward)
		require.Len(t, d.Stages, 2)
		require.Equal(t, "l-path-1-r", d.Stages[0].ID)
		require.Equal(t, "reveal", d.Stages[0].Type)
		require.Equal(t, "تقع البتراء في الأردن", d.Stages[0].Config["sentence"], "config is parsed JSON")
		require.Equal(t, "quiz", d.Stages[1].Type)

		expectProblem(t, c.Get(get, nil), 400, "Lesson ID is missing")
		for _, id := range []string{"l-path-draft", "nope", "l-theirs-1", "bad\x01id"} {
			expectProblem(t, c.Get(get, map[string]string{"lesson_id": id}), 404, "Lesson not found or access denied.")
		}
		expectProblem(t, c.Get(get, map[string]string{"lesson_id": "l-path-2"}), 403, "Complete the previous lessons first.")
		expectProblem(t, c.Get(get, map[string]string{"lesson_id": "l-t2-1"}), 403, "Complete the previous lessons first.")
		expectProblem(t, c.Get(get, map[string]string{"lesson_id": "l-m-1"}), 403,
			"This lesson is part of paid content: subscribe to open it.")
		expectProblem(t, c.Get(get, map[string]string{"lesson_id": "l-oly-1"}), 403,
			"This lesson is part of paid content: subscribe to open it.")
		expectProblem(t, c.Get(get, map[string]string{"lesson_id": "l-out-1"}), 403, "This content is not part of your academic plan.")
		r = c.Get(get, map[string]string{"lesson_id": "l-free-1"})
		require.Equal(t, 200, r.Status, "a free-preview lesson of a paid subject opens")
	})
}

// D.38 (the client's XP is ignored), idempotent retries, replays, D.35.
func TestSubmitSession(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		f := seedCatalog(t, env)
		ctx := context.Background()
		c, u := f.student("s@x.test")

		body := playBody("sess-1", "l-path-1", playPerfect("l-path-1"))
		original := c.Post(playSubmitPath, body)
		require.Equal(t, 200, original.Status, original.Body)
		var res playResult
		original.Message(t, &res)
		require.Equal(t, playResult{Status: "success", Message: "Session Saved ✅", SessionID: "sess-1", XPEarned: 10 + 12 + 20,
			Correct: 2, Total: 2, Completed: true, FirstCompletion: true, Ungraded: []string{}}, res, "D.38: 500 claimed, 42 earned")
		require.Equal(t, int64(42+streakQuest), playXP(t, env.Store, u.ID), "and the streak quest it completes")
		require.Equal(t, int64(42), playSubjectXP(t, env.Store, u.ID, "hist"))
		sess, err := env.Store.SessionGetByClientID(ctx, u.ID, "sess-1")
		require.NoError(t, err)
		require.Equal(t, 42, sess.XPEarned)
		require.Equal(t, "l-path-1", *sess.LessonID)
		require.Equal(t, "hist", *sess.SubjectID)
		require.Equal(t, catSeason, *sess.SeasonID)
		require.True(t, calDay(2026, 11, 25).Equal(sess.LocalDay))
		var raw map[string]any
		require.NoError(t, json.Unmarshal(sess.RawData, &raw))
		require.Equal(t, "sess-1", raw["session_id"])
		require.Contains(t, raw, "interactions")
		mem, err := env.Store.MemoryGet(ctx, u.ID, catSeason, "l-path-1-q")
		require.NoError(t, err)
		require.Equal(t, "hist", *mem.SubjectID)
		require.Equal(t, 1, mem.Reps)

		// A retry: the same answer, byte for byte; nothing written.
		first := c.Post(playSubmitPath, body)
		retry := c.Post(playSubmitPath, playBody("sess-1", "l-path-1", nil))
		require.Equal(t, first.Body, retry.Body, "the first answer, even for different answers")
		require.Equal(t, original.Body, retry.Body)
		plays, err := env.Store.LessonPlayList(ctx, u.ID, "l-path-1")
		require.NoError(t, err)
		require.Len(t, plays, 1)
		require.Equal(t, int64(42+streakQuest), playXP(t, env.Store, u.ID))
		mem, err = env.Store.MemoryGet(ctx, u.ID, catSeason, "l-path-1-q")
		require.NoError(t, err)
		require.Equal(t, 1, mem.Reps, "memory not updated twice")

		// The next lesson opened. A wrong answer resets the combo and the retry completes.
		res = playSubmit(t, c, playBody("sess-2", "l-path-2", []map[string]any{
			playAnswer("l-path-2", "q", quizWrong), playAnswer("l-path-2", "q", quizRight), playAnswer("l-path-2", "m", matchingRight)}))
		require.Equal(t, 10+12+20, res.XPEarned)
		require.True(t, res.FirstCompletion)

		// Replays of l-path-1 the same day: half, then a tenth.
		require.Equal(t, 21, playSubmit(t, c, playBody("sess-3", "l-path-1", playPerfect("l-path-1"))).XPEarned)
		res = playSubmit(t, c, playBody("sess-4", "l-path-1", playPerfect("l-path-1")))
		require.Equal(t, 4, res.XPEarned)
		require.False(t, res.FirstCompletion)
		require.Equal(t, int64(42+42+21+4+streakQuest), playXP(t, env.Store, u.ID))
		env.Clock.Advance(24 * time.Hour)
		require.Equal(t, 21, playSubmit(t, c, playBody("sess-5", "l-path-1", playPerfect("l-path-1"))).XPEarned, "a new day")

		// D.35: nothing right: a session without XP; the lesson is not completed.
		before := playXP(t, env.Store, u.ID)
		res = playSubmit(t, c, playBody("sess-6", "l-path-3", []map[string]any{
			playAnswer("l-path-3", "q", quizWrong), playAnswer("l-path-3", "m", matchingWrong)}))
		require.Equal(t, playResult{Status: "success", Message: "Session Saved ✅", SessionID: "sess-6", Total: 2, Ungraded: []string{}}, res)
		_, err = env.Store.SessionGetByClientID(ctx, u.ID, "sess-6")
		require.NoError(t, err, "the session is recorded")
		require.Equal(t, before, playXP(t, env.Store, u.ID))
		require.Equal(t, stOpen, mapStatuses(t, c, "hist")["l-path-3"], "an incomplete session completes nothing")
		// The original client: string arguments, session_id inside session_meta, no answers.
		r := c.Post(playSubmitPath, map[string]any{
			"session_meta": `{"lesson_id":"l-path-3","session_id":"sess-7"}`,
			"interactions": `[{"question_id":"l-path-3-q","attempts_count":1,"duration_ms":900,"is_final_outcome_correct":true}]`,
		})
		require.Equal(t, 200, r.Status, r.Body)
		r.Message(t, &res)
		require.Equal(t, 0, res.XPEarned, "an answer the server cannot check earns nothing")
		require.Equal(t, []string{"l-path-3-q"}, res.Ungraded)
		require.Equal(t, "sess-7", res.SessionID)
	})
}

// D.33: XP goes to the player's total and to each subject's score.
func TestSubmitSessionSubjectXP(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		f := seedCatalog(t, env)
		c, u := f.student("s@x.test")
		f.subscribe(u.ID, catSeason, store.SubscriptionGlobal, store.SubscriptionActive)
		playSubmit(t, c, playBody("a", "l-path-1", playPerfect("l-path-1")))
		playSubmit(t, c, playBody("b", "l-path-2", playPerfect("l-path-2")))
		playSubmit(t, c, playBody("c", "l-m-1", []map[string]any{playAnswer("l-m-1", "q", quizRight)}))
		require.Equal(t, int64(42+42+10+streakQuest), playXP(t, env.Store, u.ID))
		require.Equal(t, int64(84), playSubjectXP(t, env.Store, u.ID, "hist"))
		require.Equal(t, int64(10), playSubjectXP(t, env.Store, u.ID, "math"))
	})
}

// Locked lessons, bad input and D.34: refused, nothing written.
func TestSubmitSessionRefusals(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		f := seedCatalog(t, env)
		ctx := context.Background()
		c, u := f.student("s@x.test")
		nothingWritten := func(lesson string) {
			t.Helper()
			require.Equal(t, int64(0), playXP(t, env.Store, u.ID))
			plays, err := env.Store.LessonPlayList(ctx, u.ID, lesson)
			require.NoError(t, err)
			require.Empty(t, plays)
			_, err = env.Store.MemoryGet(ctx, u.ID, catSeason, lesson+"-q")
			require.ErrorIs(t, err, store.ErrNotFound)
		}
		expectProblem(t, c.Post(playSubmitPath, playBody("s1", "l-m-1", playPerfect("l-m-1"))), 403,
			"This lesson is part of paid content: subscribe to open it.")
		nothingWritten("l-m-1")
		expectProblem(t, c.Post(playSubmitPath, playBody("s2", "l-path-2", playPerfect("l-path-2"))), 403,
			"Complete the previous lessons first.")
		nothingWritten("l-path-2")
		expectProblem(t, c.Post(playSubmitPath, playBody("s3", "l-out-1", playPerfect("l-out-1"))), 403,
			"This content is not part of your academic plan.")
		expectProblem(t, c.Post(playSubmitPath, playBody("s4", "nope", nil)), 404, "Lesson not found or access denied.")

		noLesson := playBody("s5", "", nil)
		expectProblem(t, c.Post(playSubmitPath, noLesson), 400, "Missing lesson_id")
		bad := []map[string]any{playAnswer("l-path-1", "q", json.RawMessage(`{"option":"x"}`))}
		expectProblem(t, c.Post(playSubmitPath, playBody("s6", "l-path-1", bad)), 400,
			`interactions[0]: a quiz answer is {"option": <index>}`)
		expectProblem(t, c.Post(playSubmitPath, playBody("s7", "l-path-1", []map[string]any{playAnswer("l-m-1", "q", quizRight)})), 400,
			`interactions[0]: question_id "l-m-1-q" is not a stage of this lesson`)
		r := c.Post(playSubmitPath, map[string]any{"session_id": "s8", "session_meta": map[string]any{"lesson_id": "l-path-1"},
			"interactions": "not json"})
		require.Equal(t, 400, r.Status, r.Body)
		nothingWritten("l-path-1")

		req, _ := http.NewRequest(http.MethodGet, env.URL()+playSubmitPath+"?session_id=s9", nil)
		require.Equal(t, http.StatusMethodNotAllowed, c.Do(req).Status, "a mutation is POST only")
	})
}

// D.37: a known item answered with attempts 2 is the same row, back to level 1; under the
// original's rules (a classic season) it is due again at once.
func TestSubmitSessionUpdatesMemory(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		f := seedCatalog(t, env)
		ctx := context.Background()
		c, u := f.student("s@x.test")
		now := env.Clock.Now()
		last := now.AddDate(0, 0, -30)
		mature := func(question string) {
			require.NoError(t, env.Store.MemoryUpsert(ctx, []store.MemoryState{{UserID: u.ID, SeasonID: catSeason,
				QuestionID: question, Stability: 40, Difficulty: 5, State: 2, Level: 4, Due: now.AddDate(0, 0, 10),
				LastReview: &last, Reps: 5, CreatedAt: last, UpdatedAt: last}}))
		}
		twice := func(lesson string) []map[string]any {
			in := playAnswer(lesson, "q", quizRight)
			in["attempts_count"] = 2
			return []map[string]any{in}
		}
		mature("l-path-1-q")
		playSubmit(t, c, playBody("s1", "l-path-1", append(twice("l-path-1"), playAnswer("l-path-1", "m", matchingRight))))
		got, err := env.Store.MemoryGetMany(ctx, u.ID, catSeason, []string{"l-path-1-q"})
		require.NoError(t, err)
		require.Len(t, got, 1, "the same row")
		require.Equal(t, 1, got[0].Level)
		require.Equal(t, 6, got[0].Reps)
		require.Equal(t, 1, got[0].Lapses, "FSRS: a lapse")
		require.True(t, got[0].Due.Before(now.AddDate(0, 0, 4)), "due again soon: %s", got[0].Due)
		require.Equal(t, "hist", *got[0].SubjectID)

		season, err := env.Store.SeasonGet(ctx, catSeason)
		require.NoError(t, err)
		season.Scheduler = store.SchedulerClassic
		require.NoError(t, env.Store.SeasonUpsert(ctx, season))
		env.Clock.Advance(readcache.TTL) // a season changed outside the API is seen within the read cache's TTL
		now = env.Clock.Now()
		mature("l-path-2-q")
		playSubmit(t, c, playBody("s2", "l-path-2", twice("l-path-2")))
		m, err := env.Store.MemoryGet(ctx, u.ID, catSeason, "l-path-2-q")
		require.NoError(t, err)
		require.Equal(t, 1, m.Level)
		require.True(t, now.Equal(m.Due), "classic rule A: due now, got %s", m.Due)
	})
}

// Concurrent submissions of one player: exactly one first completion, the replays decay in
// order, and a duplicated session id is recorded once.
func TestSubmitSessionConcurrent(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		f := seedCatalog(t, env)
		c, u := f.student("s@x.test")
		ids := []string{"a", "b", "c", "d", "e", "e"}
		responses := make([]apitest.Response, len(ids))
		var wg sync.WaitGroup
		for i, id := range ids {
			wg.Go(func() { responses[i] = c.Post(playSubmitPath, playBody(id, "l-path-1", playPerfect("l-path-1"))) })
		}
		wg.Wait()
		firsts, sum := 0, 0
		for _, r := range responses[:len(ids)-1] { // the last one repeats session "e"
			require.Equal(t, 200, r.Status, r.Body)
			var res playResult
			r.Message(t, &res)
			if res.FirstCompletion {
				firsts++
			}
			sum += res.XPEarned
		}
		require.Equal(t, 1, firsts, "%v", responses)
		require.Equal(t, responses[4].Body, responses[5].Body, "the repeated session answers the first answer")
		require.Equal(t, 42+21+4+4+0, sum, "the fourth replay of the day pays nothing")
		require.Equal(t, int64(sum+streakQuest), playXP(t, env.Store, u.ID), "the streak quest credited once")
		plays, err := env.Store.LessonPlayList(context.Background(), u.ID, "l-path-1")
		require.NoError(t, err)
		require.Len(t, plays, 5)
	})
}

// Issue 12: a session_id names one session of one kind. Reusing it for another lesson, or
// for a review session, is a 409 that writes nothing; the true retry still gets the first
// answer.
func TestSubmitSessionReusingASessionIDForSomethingElseIsAConflict(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		f := seedCatalog(t, env)
		ctx := context.Background()
		c, u := f.student("s@x.test")
		first := c.Post(playSubmitPath, playBody("same", "l-path-1", playPerfect("l-path-1")))
		require.Equal(t, 200, first.Status, first.Body)
		xp := playXP(t, env.Store, u.ID)

		expectProblem(t, c.Post(playSubmitPath, playBody("same", "l-path-2", playPerfect("l-path-2"))), 409,
			"This session_id was already used for another lesson session.")
		plays, err := env.Store.LessonPlayList(ctx, u.ID, "l-path-2")
		require.NoError(t, err)
		require.Empty(t, plays, "the other lesson is not recorded")
		require.Equal(t, xp, playXP(t, env.Store, u.ID))
		expectError(t, c.Post(apitest.Method("reviews", "submit_review_session"), reviewBody("same", "",
			reviewAnswer{QuestionID: "l-path-1-q", Answer: 1})), 409, "ConflictError")

		_, _, err = env.Store.SessionInsert(ctx, store.GameplaySession{UserID: u.ID, InstitutionID: u.InstitutionID,
			ClientSessionID: "a-review", Kind: store.SessionReview, LocalDay: apitest.Start, CreatedAt: apitest.Start})
		require.NoError(t, err)
		expectProblem(t, c.Post(playSubmitPath, playBody("a-review", "l-path-2", playPerfect("l-path-2"))), 409,
			"This session_id was already used for a review session.")

		// In Arabic for a client that asks for it.
		raw, err := json.Marshal(playBody("same", "l-path-2", playPerfect("l-path-2")))
		require.NoError(t, err)
		req, err := http.NewRequest(http.MethodPost, env.URL()+playSubmitPath, strings.NewReader(string(raw)))
		require.NoError(t, err)
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Accept-Language", "ar")
		ar, ok := i18n.MustLoad().Lookup(i18n.Arabic, "This session_id was already used for another lesson session.")
		require.True(t, ok)
		expectProblem(t, c.Do(req), 409, ar)

		retry := c.Post(playSubmitPath, playBody("same", "l-path-1", nil))
		require.Equal(t, first.Body, retry.Body, "a retry of the same lesson gets the first answer")
		require.Equal(t, xp, playXP(t, env.Store, u.ID))
	})
}

// Issue 12: the original's clients send no session_id (original §7.4). The session is then
// keyed by its lesson and start_timestamp, so sending it twice records it once; without a
// start_timestamp either, the same request twice is one session.
func TestSubmitSessionWithoutSessionIDIsRecordedOnce(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		f := seedCatalog(t, env)
		ctx := context.Background()
		c, u := f.student("s@x.test")
		body := playBody("", "l-path-1", playPerfect("l-path-1"))
		delete(body, "session_id")
		first := c.Post(playSubmitPath, body)
		require.Equal(t, 200, first.Status, first.Body)
		var res playResult
		first.Message(t, &res)
		require.Equal(t, 42, res.XPEarned)
		require.NotEmpty(t, res.SessionID, "the derived key is the answer's session_id")
		again := c.Post(playSubmitPath, body)
		require.Equal(t, first.Body, again.Body, "a double submit gets the first answer")
		resent := playBody("", "l-path-1", playPerfect("l-path-1"))
		delete(resent, "session_id")
		resent["session_meta"] = map[string]any{"lesson_id": "l-path-1", "start_timestamp": "2026-11-25T10:00:00Z",
			"end_timestamp": "2026-11-25T10:09:00Z", "device_info": "another"}
		require.Equal(t, first.Body, c.Post(playSubmitPath, resent).Body, "the same start is the same session")
		plays, err := env.Store.LessonPlayList(ctx, u.ID, "l-path-1")
		require.NoError(t, err)
		require.Len(t, plays, 1)
		require.Equal(t, int64(42+streakQuest), playXP(t, env.Store, u.ID))

		later := playBody("", "l-path-1", playPerfect("l-path-1"))
		delete(later, "session_id")
		later["session_meta"] = map[string]any{"lesson_id": "l-path-1", "start_timestamp": "2026-11-25T11:00:00Z"}
		require.Equal(t, 21, playSubmit(t, c, later).XPEarned, "another start is another play (a replay)")

		original := map[string]any{"session_meta": `{"lesson_id":"l-path-2"}`,
			"interactions": `[{"question_id":"l-path-2-q","answer":{"option":1}}]`}
		one, two := c.Post(playSubmitPath, original), c.Post(playSubmitPath, original)
		require.Equal(t, 200, one.Status, one.Body)
		require.Equal(t, one.Body, two.Body)
		plays, err = env.Store.LessonPlayList(ctx, u.ID, "l-path-2")
		require.NoError(t, err)
		require.Len(t, plays, 1)
	})
}

// Issue 12: an interaction without an answer is not graded: it writes no memory state and
// no review log (never a rating of Again), earns nothing, and the answer lists it.
func TestSubmitSessionInteractionsWithoutAnAnswerWriteNoSpacedRepetitionData(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		f := seedCatalog(t, env)
		ctx := context.Background()
		c, u := f.student("s@x.test")
		now := env.Clock.Now()
		last := now.AddDate(0, 0, -30)
		require.NoError(t, env.Store.MemoryUpsert(ctx, []store.MemoryState{{UserID: u.ID, SeasonID: catSeason,
			QuestionID: "l-path-1-q", Stability: 40, Difficulty: 5, State: 2, Level: 4, Due: now.AddDate(0, 0, 10),
			LastReview: &last, Reps: 5, CreatedAt: last, UpdatedAt: last}}))
		blind := playAnswer("l-path-1", "q", nil)
		delete(blind, "answer")
		res := playSubmit(t, c, playBody("u-1", "l-path-1", []map[string]any{blind, playAnswer("l-path-1", "m", matchingRight)}))
		require.Equal(t, []string{"l-path-1-q"}, res.Ungraded)
		require.Equal(t, 10, res.XPEarned, "only the graded stage earns")
		require.False(t, res.Completed)
		m, err := env.Store.MemoryGet(ctx, u.ID, catSeason, "l-path-1-q")
		require.NoError(t, err)
		require.Equal(t, []any{4, 5, 0}, []any{m.Level, m.Reps, m.Lapses}, "the mature item is untouched")
		require.True(t, last.Equal(*m.LastReview))
		require.Equal(t, 0, reviewCount(t, env, "SELECT count(*) FROM review_log WHERE user_id = $1 AND question_id = 'l-path-1-q'", u.ID))
		require.Equal(t, 1, reviewCount(t, env, "SELECT count(*) FROM review_log WHERE user_id = $1 AND question_id = 'l-path-1-m'", u.ID))
	})
}
