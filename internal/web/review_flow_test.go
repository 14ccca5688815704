package web_test

import (
	"context"
	"strconv"
	"sync/atomic"
	"testing"

	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"memora/internal/i18n"
	"memora/internal/webtest"
)

// answerCards answers the cards on screen with the keyboard (number key, Enter to check,
// Enter to go on) until the completion screen shows; it returns how many were answered.
func answerCards(t *testing.T, ctx context.Context, pick func(card string) string) int {
	t.Helper()
	n := 0
	for range 40 {
		if evalJS[bool](t, ctx, `!!document.querySelector('.stage.result')`) {
			webtest.Do(t, ctx, chromedp.WaitVisible(css(".result .result-stats")))
			return n
		}
		webtest.Do(t, ctx, chromedp.WaitVisible(css(".review-card .option")))
		if n > 0 {
			require.True(t, evalJS[bool](t, ctx, `document.activeElement.id === 'stage-title'`), "focus is on the new card")
		}
		key := "1"
		if pick != nil {
			want := pick(evalJS[string](t, ctx, `document.getElementById('stage').dataset.card`))
			i := evalJS[int](t, ctx, `[...document.querySelectorAll('#stage .option span')].findIndex(s => s.textContent === `+strconv.Quote(want)+`)`)
			require.GreaterOrEqual(t, i, 0, "option %q on screen", want)
			key = strconv.Itoa(i + 1)
		}
		webtest.Do(t, ctx, chromedp.KeyEvent(key), chromedp.WaitEnabled(css("#foot button")), chromedp.KeyEvent("\r"),
			chromedp.WaitVisible(css("#foot .feedback")), chromedp.KeyEvent("\r"))
		n++
	}
	t.Fatal("the review never ended")
	return n
}

func TestAStudentReviewsDueCardsToTheCompletionScreen(t *testing.T) {
	srv := webtest.Start(t)
	ctx := webtest.Browser(t)
	webtest.Phone(t, ctx)
	sid := srv.Login(t, ctx, layla)
	english(t, ctx, srv)
	before := readXP(t, srv, sid)

	// Home's "review now" opens the session.
	webtest.Do(t, ctx, chromedp.Navigate(srv.URL+"/"), chromedp.Click(css(`main a[href="/review"]`)),
		chromedp.WaitVisible(css(".review-card")))
	webtest.RequireNoSeriousAxe(t, ctx, "review card")
	total := evalJS[int](t, ctx, `document.getElementById('progress').max`)
	require.Positive(t, total)
	require.Equal(t, total, answerCards(t, ctx, nil))

	require.Equal(t, "Session complete", evalJS[string](t, ctx, `document.querySelector('.result h2').textContent`))
	webtest.RequireNoSeriousAxe(t, ctx, "review complete")
	got := int64(0)
	if evalJS[bool](t, ctx, `!!document.querySelector('.result .xp')`) {
		got = shownXP(t, ctx)
	}
	requireCredited(t, srv, sid, before, got)
	require.Contains(t, evalJS[string](t, ctx, `document.querySelector('.result').textContent`), "mastered")
}

func TestAFocusReviewOffersToContinueWhileItemsOfTheTopicRemain(t *testing.T) {
	srv := webtest.Start(t)
	ctx := webtest.Browser(t)
	webtest.Desktop(t, ctx)
	srv.Login(t, ctx, layla)
	english(t, ctx, srv)

	// The topic page's focus review.
	webtest.Do(t, ctx, chromedp.Navigate(srv.URL+"/topics/hist-t-revolt"), chromedp.Click(css(`a[href="/review?topic=hist-t-revolt"]`)),
		chromedp.WaitVisible(css(".review-card")))
	require.Contains(t, evalJS[string](t, ctx, `document.querySelector('h1').textContent`), "Focus review")
	answerCards(t, ctx, nil)
	foot := evalJS[string](t, ctx, `document.getElementById('foot').textContent`)
	require.Contains(t, foot, "Back to the topic")
	require.Regexp(t, `Continue \(\d+ left\)`, foot)
	webtest.Do(t, ctx, chromedp.Click(css("#foot button")), chromedp.WaitVisible(css(".review-card")))
}

func TestAStudentWhoReviewedEverythingDueIsToldNothingIsDue(t *testing.T) {
	srv := webtest.Start(t)
	ctx := webtest.Browser(t)
	webtest.Phone(t, ctx)
	sid := srv.Login(t, ctx, layla)
	english(t, ctx, srv)
	var due struct {
		Questions []struct {
			ID            string `json:"id"`
			CorrectAnswer string `json:"correct_answer"`
		}
	}
	apiMessage(t, srv, sid, "reviews.get_review_session?subject=math", &due)
	require.NotEmpty(t, due.Questions)
	require.Less(t, len(due.Questions), 15)
	answers := map[string]string{}
	for _, q := range due.Questions {
		answers[q.ID] = q.CorrectAnswer
	}

	webtest.Do(t, ctx, chromedp.Navigate(srv.URL+"/review?subject=math"), chromedp.WaitVisible(css(".review-card")))
	require.Equal(t, len(answers), answerCards(t, ctx, func(card string) string { return answers[card] }))
	require.Contains(t, evalJS[string](t, ctx, `document.querySelector('.result').textContent`), "All caught up")
	require.False(t, evalJS[bool](t, ctx, `!!document.querySelector('#foot button')`), "nothing more to offer")

	webtest.Do(t, ctx, chromedp.Click(css(`#foot a[href="/subjects/math"]`)), chromedp.WaitVisible(css("main")))
	webtest.Do(t, ctx, chromedp.Navigate(srv.URL+"/review?subject=math"), chromedp.WaitVisible(css(".empty-state h2")))
	require.Equal(t, "Nothing to review right now", evalJS[string](t, ctx, `document.querySelector('.empty-state h2').textContent`))
	webtest.RequireNoSeriousAxe(t, ctx, "nothing due")
}

// In Safe Mode the server refuses a review for a few seconds (429 with Retry-After): the page
// says so kindly, counts down, and starts the session by itself.
func TestAStudentInSafeModeWaitsOutTheCountdownAndTheSessionStartsByItself(t *testing.T) {
	srv := webtest.Start(t)
	ctx := webtest.Browser(t)
	webtest.Phone(t, ctx)
	srv.Login(t, ctx, layla)
	english(t, ctx, srv)
	var calls atomic.Int32
	intercept(t, ctx, "*get_review_session*", fetch.RequestStageRequest, func(e *fetch.EventRequestPaused) {
		if calls.Add(1) == 1 {
			_, _ = chromedp.Call(ctx, fetch.FulfillRequest, fetch.FulfillRequestParams{RequestID: e.RequestID, ResponseCode: 429,
				ResponseHeaders: []*fetch.HeaderEntry{{Name: "Content-Type", Value: "application/json"}, {Name: "Retry-After", Value: "3"}},
				Body:            []byte(`{"exc_type":"RateLimitError","exc":"Too many requests. Please wait 3 seconds before trying again."}`)})
			return
		}
		_, _ = chromedp.Call(ctx, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: e.RequestID})
	})

	webtest.Do(t, ctx, chromedp.Navigate(srv.URL+"/review"), chromedp.WaitVisible(css(".stage.wait")))
	require.Equal(t, "Take a short breath", evalJS[string](t, ctx, `document.querySelector('.stage.wait h2').textContent`))
	require.Contains(t, evalJS[string](t, ctx, `document.querySelector('.stage.wait').textContent`), "3 seconds")
	require.Regexp(t, `^0:0[0-3]$`, evalJS[string](t, ctx, `document.querySelector('.countdown').textContent`))
	webtest.RequireNoSeriousAxe(t, ctx, "review wait")
	webtest.Do(t, ctx, chromedp.WaitVisible(css(".review-card")))
	require.Equal(t, int32(2), calls.Load())
}

// The player and the review in Arabic (the default), right to left, on a phone: nothing serious
// for axe-core on a stage, on its feedback, on a card and on the completion screen.
func TestTheLessonPlayerAndTheReviewInArabicAreAccessible(t *testing.T) {
	srv := webtest.Start(t)
	ctx := webtest.Browser(t)
	webtest.Phone(t, ctx)
	srv.Login(t, ctx, layla)
	_, err := chromedp.Call(ctx, network.SetCookie, network.SetCookieParams{Name: i18n.CookieName, Value: "ar", URL: srv.URL + "/", Path: "/"})
	require.NoError(t, err)

	webtest.Do(t, ctx, chromedp.Navigate(srv.URL+"/lessons/math-skills-1"), chromedp.WaitVisible(css("#stage-title")))
	require.Equal(t, "rtl", evalJS[string](t, ctx, `document.documentElement.dir`))
	webtest.RequireNoSeriousAxe(t, ctx, "lesson video, ar")
	playStage(t, ctx, true) // video
	playStage(t, ctx, true) // reading
	webtest.Do(t, ctx, chromedp.Click(css("#stage .chip")))
	webtest.RequireNoSeriousAxe(t, ctx, "lesson reveal, ar")
	webtest.Do(t, ctx, chromedp.Click(css("#foot button")), chromedp.WaitVisible(css("#foot .feedback.wrong")))
	webtest.RequireNoSeriousAxe(t, ctx, "lesson feedback, ar")

	webtest.Do(t, ctx, chromedp.Navigate(srv.URL+"/review?subject=math"), chromedp.WaitVisible(css(".review-card")))
	webtest.RequireNoSeriousAxe(t, ctx, "review card, ar")
	answerCards(t, ctx, nil)
	webtest.RequireNoSeriousAxe(t, ctx, "review complete, ar")
}

// A matching card asks in the reader's language about its pair's item (the API's question is
// the original's Arabic "synonym" text, which fits neither an English page nor a year and its
// event); other cards show their question as the API gives it.
func TestAMatchingReviewCardAsksInTheReadersLanguage(t *testing.T) {
	srv := webtest.Start(t)
	ctx := webtest.Browser(t)
	webtest.Desktop(t, ctx)
	sid := srv.Login(t, ctx, layla)
	english(t, ctx, srv)
	var due struct {
		Questions []struct {
			ID         string `json:"id"`
			Question   string `json:"question"`
			OriginType string `json:"origin_type"`
			MatchItem  string `json:"match_item"`
		}
	}
	apiMessage(t, srv, sid, "reviews.get_review_session?subject=history-jordan", &due)
	require.Less(t, len(due.Questions), 15, "the page's session has the same cards")
	items, questions := map[string]string{}, map[string]string{}
	for _, q := range due.Questions {
		questions[q.ID] = q.Question
		if q.OriginType == "matching" {
			require.NotEmpty(t, q.MatchItem, q.ID)
			require.Contains(t, q.Question, "ما هو المرادف لـ: ", "the API keeps the original's question")
			items[q.ID] = q.MatchItem
		} else {
			require.Empty(t, q.MatchItem, q.ID)
		}
	}
	require.NotEmpty(t, items, "the demo has matching cards due")
	require.Less(t, len(items), len(questions), "and other cards")

	// walk shows the cards one by one (answering each) until it has seen a matching card and
	// another one, and returns the heading of the first matching card and its item.
	walk := func() (heading, item string) {
		other := false
		for range questions {
			webtest.Do(t, ctx, chromedp.WaitVisible(css(".review-card .option")))
			id := evalJS[string](t, ctx, `document.getElementById('stage').dataset.card`)
			h := evalJS[string](t, ctx, `document.getElementById('stage-title').textContent`)
			if it, ok := items[id]; ok && heading == "" {
				heading, item = h, it
				require.Equal(t, it, evalJS[string](t, ctx, `document.querySelector('#stage-title bdi').textContent`), "the item keeps its own direction")
			} else if !ok {
				require.Equal(t, questions[id], h, "a card that is not matching shows its question")
				other = true
			}
			if heading != "" && other {
				return heading, item
			}
			webtest.Do(t, ctx, chromedp.KeyEvent("1"), chromedp.WaitEnabled(css("#foot button")), chromedp.KeyEvent("\r"),
				chromedp.WaitVisible(css("#foot .feedback")), chromedp.KeyEvent("\r"))
		}
		t.Fatal("no matching card and other card on screen")
		return "", ""
	}

	webtest.Do(t, ctx, chromedp.Navigate(srv.URL+"/review?subject=history-jordan"), chromedp.WaitVisible(css(".review-card")))
	h, item := walk()
	require.Equal(t, "Which one matches “"+item+"”?", h)
	require.NotContains(t, h, "المرادف")

	_, err := chromedp.Call(ctx, network.SetCookie, network.SetCookieParams{Name: i18n.CookieName, Value: "ar", URL: srv.URL + "/", Path: "/"})
	require.NoError(t, err)
	webtest.Do(t, ctx, chromedp.Navigate(srv.URL+"/review?subject=history-jordan"), chromedp.WaitVisible(css(".review-card")))
	h, item = walk()
	require.Equal(t, "ما الذي يطابق «"+item+"»؟", h)
}
