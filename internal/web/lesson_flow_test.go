package web_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"memora/internal/i18n"
	"memora/internal/identity"
	"memora/internal/webtest"
)

const layla = "layla@demo.memora.test"

// english makes the tab's pages English (the lang cookie the language switch sets), so the
// tests read the words a person reads.
func english(t *testing.T, ctx context.Context, srv *webtest.Server) {
	t.Helper()
	_, err := chromedp.Call(ctx, network.SetCookie, network.SetCookieParams{Name: i18n.CookieName, Value: "en", URL: srv.URL + "/", Path: "/"})
	require.NoError(t, err)
}

// apiMessage calls a read of the JSON API as the holder of sid and decodes its message.
func apiMessage(t *testing.T, srv *webtest.Server, sid, method string, out any) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, srv.URL+"/api/method/memora.api."+method, nil)
	require.NoError(t, err)
	req.AddCookie(&http.Cookie{Name: "sid", Value: sid})
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	require.Equal(t, http.StatusOK, res.StatusCode, method)
	require.NoError(t, json.NewDecoder(res.Body).Decode(&struct{ Message any }{Message: out}))
}

// profileXP is the student's total XP as the API's profile says.
func profileXP(t *testing.T, srv *webtest.Server, sid string) int64 {
	t.Helper()
	var p struct{ XP int64 }
	apiMessage(t, srv, sid, "profile.get_player_profile", &p)
	return p.XP
}

// xpState is the student's total XP and the part of it today's quests rewarded (read after
// the quests, which credit a completed quest when they are read).
type xpState struct{ total, quests int64 }

func readXP(t *testing.T, srv *webtest.Server, sid string) xpState {
	t.Helper()
	var quests []struct {
		Reward   *struct{ Amount int64 }
		Rewarded bool
	}
	apiMessage(t, srv, sid, "quests.get_daily_quests", &quests)
	var s xpState
	for _, q := range quests {
		if q.Rewarded && q.Reward != nil {
			s.quests += q.Reward.Amount
		}
	}
	s.total = profileXP(t, srv, sid)
	return s
}

// requireCredited checks that between before and now the student's XP rose by exactly xp,
// besides the rewards of quests the session completed.
func requireCredited(t *testing.T, srv *webtest.Server, sid string, before xpState, xp int64) xpState {
	t.Helper()
	now := readXP(t, srv, sid)
	require.Equal(t, xp, (now.total-before.total)-(now.quests-before.quests),
		"the screen shows the XP the server credited (XP %d → %d, quest rewards %d → %d)", before.total, now.total, before.quests, now.quests)
	return now
}

// lessonPlays counts the student's recorded sessions of a lesson.
func lessonPlays(t *testing.T, srv *webtest.Server, email, lessonID string) int {
	t.Helper()
	ctx := context.Background()
	u, err := srv.App.Store.UserGetByEmail(ctx, identity.NormalizeEmail(email))
	require.NoError(t, err)
	plays, err := srv.App.Store.LessonPlayList(ctx, u.ID, lessonID)
	require.NoError(t, err)
	return len(plays)
}

// intercept pauses the tab's requests whose URL matches pattern at stage and hands each to
// handle, on a goroutine of its own (handle must continue, fulfil or fail it).
func intercept(t *testing.T, ctx context.Context, pattern string, stage fetch.RequestStage, handle func(*fetch.EventRequestPaused)) {
	t.Helper()
	events := make(chan *fetch.EventRequestPaused, 64)
	require.NoError(t, chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*fetch.EventRequestPaused); ok {
			select {
			case events <- e:
			default:
			}
		}
	}))
	_, err := chromedp.Call(ctx, fetch.Enable, fetch.EnableParams{Patterns: []*fetch.RequestPattern{{URLPattern: pattern, RequestStage: stage}}})
	require.NoError(t, err)
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case e := <-events:
				handle(e)
			}
		}
	}()
}

func evalJS[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	require.NoError(t, err, js)
	return v
}

func css(sel string) chromedp.CSS { return chromedp.CSS(sel) }

// shownXP reads the number of the result screen's "+N XP" (English digits).
func shownXP(t *testing.T, ctx context.Context) int64 {
	t.Helper()
	text := evalJS[string](t, ctx, `document.querySelector('.result .xp').textContent`)
	var n int64
	for _, r := range strings.TrimPrefix(strings.Fields(text)[0], "+") {
		require.True(t, r >= '0' && r <= '9', "XP text %q", text)
		n = n*10 + int64(r-'0')
	}
	return n
}

// playStage plays the stage on screen, right or wrong, the way a person does: taps on the
// words, the pairs and the options, number keys and Enter for a quiz. It returns after the
// stage's answer is given (and its feedback, if any, continued).
func playStage(t *testing.T, ctx context.Context, right bool) {
	t.Helper()
	kind := evalJS[string](t, ctx, `[...document.getElementById('stage').classList].find(c => c.startsWith('stage-')) || ''`)
	switch kind {
	case "stage-video", "stage-reading":
		webtest.Do(t, ctx, chromedp.Click(css("#foot button")))
		return
	case "stage-reveal":
		if right {
			n := evalJS[int](t, ctx, `document.querySelectorAll('#stage .chip').length`)
			for i := 1; i <= n; i++ {
				webtest.Do(t, ctx, chromedp.Click(css("#stage .chip:not(.revealed)")))
			}
			webtest.Do(t, ctx, chromedp.WaitVisible(css("#foot .btn-good")))
		}
		webtest.Do(t, ctx, chromedp.Click(css("#foot button")))
		if right {
			return // a fully revealed stage moves on by itself
		}
	case "stage-matching":
		if right {
			ids := evalJS[[]string](t, ctx, `[...document.querySelectorAll('#stage [data-side=left]')].map(b => b.dataset.id)`)
			for _, id := range ids {
				webtest.Do(t, ctx, chromedp.Click(css(`#stage [data-side=left][data-id="`+id+`"]`)),
					chromedp.Click(css(`#stage [data-side=right][data-id="`+id+`"]`)))
			}
		} else {
			webtest.Do(t, ctx, chromedp.Click(css("#foot button"))) // skip
		}
	case "stage-quiz":
		correct := evalJS[int](t, ctx, `(() => { const d = JSON.parse(document.getElementById('lesson-data').textContent);
			return d.stages.find(s => s.id === document.getElementById('stage').dataset.stage).config.correct_index; })()`)
		pick := correct
		if !right {
			pick = (correct + 1) % evalJS[int](t, ctx, `document.querySelectorAll('#stage .option').length`)
		}
		// The number key chooses and moves focus to "check"; Enter checks.
		webtest.Do(t, ctx, chromedp.KeyEvent(string(rune('1'+pick))), chromedp.WaitEnabled(css("#foot button")), chromedp.KeyEvent("\r"))
	default:
		t.Fatalf("no stage on screen (class %q)", kind)
	}
	webtest.Do(t, ctx, chromedp.WaitVisible(css("#foot .feedback")))
	if right {
		require.Contains(t, evalJS[string](t, ctx, `document.querySelector('#foot .feedback').className`), "right")
	} else {
		require.Contains(t, evalJS[string](t, ctx, `document.querySelector('#foot .feedback').className`), "wrong")
	}
	// Focus is on "continue": Enter goes on.
	require.True(t, evalJS[bool](t, ctx, `document.activeElement === document.querySelector('#foot button')`))
	webtest.Do(t, ctx, chromedp.KeyEvent("\r"))
}

// playToTheEnd answers every stage right until the result screen shows.
func playToTheEnd(t *testing.T, ctx context.Context) {
	t.Helper()
	for range 40 {
		if evalJS[bool](t, ctx, `!!document.querySelector('.stage.result')`) {
			webtest.Do(t, ctx, chromedp.WaitVisible(css(".result .xp")))
			return
		}
		webtest.Do(t, ctx, chromedp.WaitVisible(css("#stage-title")))
		playStage(t, ctx, true)
	}
	t.Fatal("the lesson never ended")
}

func TestAStudentPlaysALessonToTheWinScreenAndSeesXPRiseOnTheProfile(t *testing.T) {
	srv := webtest.Start(t)
	ctx := webtest.Browser(t)
	webtest.Phone(t, ctx)
	sid := srv.Login(t, ctx, layla)
	english(t, ctx, srv)
	before := readXP(t, srv, sid)

	// From the topic, the student opens the next lesson.
	webtest.Do(t, ctx, chromedp.Navigate(srv.URL+"/topics/hist-t-modern"), chromedp.Click(css(`a[href="/lessons/hist-modern-2"]`)),
		chromedp.WaitVisible(css("#stage-title")))
	require.Equal(t, "3 of 3 hearts left", evalJS[string](t, ctx, `document.getElementById('hearts').getAttribute('aria-label')`))
	webtest.RequireNoSeriousAxe(t, ctx, "lesson")
	// Once the student answers, each new stage's heading takes the focus.
	playStage(t, ctx, true)
	require.True(t, evalJS[bool](t, ctx, `document.activeElement.id === 'stage-title'`))
	playToTheEnd(t, ctx)
	webtest.RequireNoSeriousAxe(t, ctx, "lesson won")

	require.Equal(t, "Lesson complete!", evalJS[string](t, ctx, `document.querySelector('.result h2').textContent`))
	got := shownXP(t, ctx)
	require.Positive(t, got)
	after := requireCredited(t, srv, sid, before, got)
	require.Contains(t, evalJS[string](t, ctx, `document.querySelector('.result').textContent`), "First completion")
	require.Equal(t, 1, lessonPlays(t, srv, layla, "hist-modern-2"))

	// The profile shows the new total.
	webtest.Do(t, ctx, chromedp.Navigate(srv.URL+"/profile"), chromedp.WaitVisible(css("main")))
	require.Contains(t, evalJS[string](t, ctx, `document.querySelector('main').textContent`), i18n.Number(i18n.English, after.total))

	// A replay earns the decayed XP the server answers, and says so.
	webtest.Do(t, ctx, chromedp.Navigate(srv.URL+"/lessons/hist-modern-2"), chromedp.WaitVisible(css("#stage-title")))
	playToTheEnd(t, ctx)
	again := shownXP(t, ctx)
	requireCredited(t, srv, sid, after, again)
	require.Less(t, again, got)
	require.Contains(t, evalJS[string](t, ctx, `document.querySelector('.result').textContent`), "earn less XP")
}

func TestAStudentLosesAllHeartsAndTriesAgain(t *testing.T) {
	srv := webtest.Start(t)
	ctx := webtest.Browser(t)
	webtest.Desktop(t, ctx)
	sid := srv.Login(t, ctx, layla)
	english(t, ctx, srv)
	before := readXP(t, srv, sid)
	plays := lessonPlays(t, srv, layla, "hist-revolt-2")

	webtest.Do(t, ctx, chromedp.Navigate(srv.URL+"/lessons/hist-revolt-2"), chromedp.WaitVisible(css("#stage-title")))
	playStage(t, ctx, false)
	require.Equal(t, "2 of 3 hearts left", evalJS[string](t, ctx, `document.getElementById('hearts').getAttribute('aria-label')`))
	webtest.Do(t, ctx, chromedp.Poll[chromedp.Void](`document.getElementById('announce').textContent.includes('2 hearts left')`))
	for range 2 {
		playStage(t, ctx, false)
	}
	webtest.Do(t, ctx, chromedp.WaitVisible(css(".result .actions")))
	require.Equal(t, "Out of hearts", evalJS[string](t, ctx, `document.querySelector('.result h2').textContent`))
	webtest.RequireNoSeriousAxe(t, ctx, "lesson lost")
	require.False(t, evalJS[bool](t, ctx, `!!document.querySelector('.result .xp')`), "nothing right, nothing earned")
	before = requireCredited(t, srv, sid, before, 0)
	require.Equal(t, plays+1, lessonPlays(t, srv, layla, "hist-revolt-2"), "the lost attempt is recorded")

	// "Try again" starts a new attempt with full hearts, which can be won.
	webtest.Do(t, ctx, chromedp.Click(css(".result .actions button")), chromedp.WaitVisible(css("#stage-title")))
	require.Equal(t, "3 of 3 hearts left", evalJS[string](t, ctx, `document.getElementById('hearts').getAttribute('aria-label')`))
	playToTheEnd(t, ctx)
	require.Equal(t, "Lesson complete!", evalJS[string](t, ctx, `document.querySelector('.result h2').textContent`))
	requireCredited(t, srv, sid, before, shownXP(t, ctx))
	require.Equal(t, plays+2, lessonPlays(t, srv, layla, "hist-revolt-2"), "each attempt is its own session")
}

// The answer to the first submission is lost on its way back (the server recorded it); the
// player shows it is retrying, sends the same session again, and the server answers with the
// first result: one session, XP credited once.
func TestADroppedSubmissionIsRetriedAndRecordedOnce(t *testing.T) {
	srv := webtest.Start(t)
	ctx := webtest.Browser(t)
	webtest.Phone(t, ctx)
	sid := srv.Login(t, ctx, layla)
	english(t, ctx, srv)
	before := readXP(t, srv, sid)
	plays := lessonPlays(t, srv, layla, "phys-current-1")

	var (
		mu     sync.Mutex
		bodies []string
		seen   atomic.Int32
	)
	intercept(t, ctx, "*submit_session*", fetch.RequestStageResponse, func(e *fetch.EventRequestPaused) {
		var b []byte
		for _, d := range e.Request.PostDataEntries {
			b = append(b, d.Bytes...)
		}
		mu.Lock()
		bodies = append(bodies, string(b))
		mu.Unlock()
		if seen.Add(1) == 1 { // the server answered; the answer never arrives
			_, _ = chromedp.Call(ctx, fetch.FailRequest, fetch.FailRequestParams{RequestID: e.RequestID, ErrorReason: network.ErrorReasonConnectionReset})
			return
		}
		_, _ = chromedp.Call(ctx, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: e.RequestID})
	})

	webtest.Do(t, ctx, chromedp.Navigate(srv.URL+"/lessons/phys-current-1"), chromedp.WaitVisible(css("#stage-title")))
	for range 40 {
		if evalJS[bool](t, ctx, `!!document.querySelector('.stage.result')`) {
			break
		}
		playStage(t, ctx, true)
	}
	webtest.Do(t, ctx, chromedp.WaitVisible(css(".sync.offline")))
	require.Contains(t, evalJS[string](t, ctx, `document.querySelector('.sync').textContent`), "No connection")
	webtest.Do(t, ctx, chromedp.WaitVisible(css(".result .xp")))

	require.GreaterOrEqual(t, seen.Load(), int32(2), "the session was sent again")
	mu.Lock()
	require.GreaterOrEqual(t, len(bodies), 2)
	var first, second struct {
		SessionID string `json:"session_id"`
	}
	require.NoError(t, json.Unmarshal([]byte(bodies[0]), &first))
	require.NoError(t, json.Unmarshal([]byte(bodies[1]), &second))
	mu.Unlock()
	require.NotEmpty(t, first.SessionID)
	require.Equal(t, first.SessionID, second.SessionID, "one session id per attempt")

	got := shownXP(t, ctx)
	require.Positive(t, got)
	requireCredited(t, srv, sid, before, got) // once
	require.Equal(t, plays+1, lessonPlays(t, srv, layla, "phys-current-1"), "recorded once")
	time.Sleep(200 * time.Millisecond)
	require.Equal(t, int64(0), int64(evalJS[int](t, ctx, `Object.keys(localStorage).filter(k => k.startsWith('memora.pending.')).length`)),
		"nothing is left to resend")
}

func TestALockedLessonSaysWhyItCannotBePlayedAndAnUnknownOneIsNotFound(t *testing.T) {
	srv := webtest.Start(t)
	sid := srv.SID(t, layla)
	get := func(path string) (int, string) {
		req, err := http.NewRequest(http.MethodGet, srv.URL+path, nil)
		require.NoError(t, err)
		req.AddCookie(&http.Cookie{Name: "sid", Value: sid})
		req.AddCookie(&http.Cookie{Name: i18n.CookieName, Value: "en"})
		res, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		defer res.Body.Close()
		body, err := io.ReadAll(res.Body)
		require.NoError(t, err)
		return res.StatusCode, string(body)
	}
	status, body := get("/lessons/phys-current-2") // the lesson before it is not done
	require.Equal(t, http.StatusForbidden, status)
	require.Contains(t, body, `role="alert"`)
	require.NotContains(t, body, `id="lesson-data"`, "a locked lesson's stages are not sent")

	status, _ = get("/lessons/no-such-lesson")
	require.Equal(t, http.StatusNotFound, status)

	status, body = get("/lessons/phys-current-1")
	require.Equal(t, http.StatusOK, status)
	require.Contains(t, body, `<script type="application/json" id="lesson-data">{"user":`)
}
