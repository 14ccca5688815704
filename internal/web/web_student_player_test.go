package web_test

import (
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"memora/internal/i18n"
	"memora/internal/webtest"
)

// A stage's title takes the direction of its own text, as the stage's sentence, question and
// options do: on the English page an Arabic title sat on the left above a right-aligned
// Arabic question.
func TestAStageTitleFollowsTheDirectionOfItsText(t *testing.T) {
	srv := webtest.Start(t)
	ctx := phoneTab(t, srv, srv.SID(t, "layla@demo.memora.test"), "en")
	webtest.Do(t, ctx, chromedp.Navigate(srv.URL+"/lessons/hist-revolt-2"), chromedp.WaitVisible(chromedp.CSS("#stage.stage-reveal")))
	got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(() => { const h = document.querySelector("#stage-title"),
		s = document.querySelector("#stage .sentence");
		return [h.textContent, getComputedStyle(h).direction, getComputedStyle(s).direction] })()`))
	require.NoError(t, err)
	require.Regexp(t, `\p{Arabic}`, got[0], "the demo's stage titles are Arabic")
	require.Equal(t, []string{"rtl", "rtl"}, got[1:], "the title %q and the sentence", got[0])
}

// On a desktop the answer's feedback panel under a review card is a whole card with rounded
// corners (its bottom corners were square, the panel looked cut off under the button).
func TestTheFeedbackPanelIsAWholeCardOnADesktop(t *testing.T) {
	srv := webtest.Start(t)
	ctx := webtest.Browser(t)
	webtest.Desktop(t, ctx)
	setCookie(t, ctx, srv.URL, "sid", srv.SID(t, "layla@demo.memora.test"))
	webtest.Do(t, ctx, chromedp.Navigate(srv.URL+"/review"), chromedp.WaitVisible(chromedp.CSS("#stage.review-card .option")),
		chromedp.KeyEvent("1"), chromedp.KeyEvent("\r"), chromedp.WaitVisible(chromedp.CSS("#foot.done .feedback")))
	corners, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(() => { const s = getComputedStyle(document.querySelector("#foot"));
		return [s.borderTopLeftRadius, s.borderTopRightRadius, s.borderBottomLeftRadius, s.borderBottomRightRadius] })()`))
	require.NoError(t, err)
	for _, c := range corners {
		require.NotEqual(t, "0px", c, "the panel's corners %v", corners)
	}
}

// The punctuation after a reveal stage's highlighted word stays on the word's line: on an
// English phone the full stop after the last chip of a lesson's first sentence wrapped onto a
// line of its own.
func TestARevealChipKeepsItsPunctuationOnItsLine(t *testing.T) {
	srv := webtest.Start(t)
	sid := srv.SID(t, "layla@demo.memora.test")
	for _, lang := range []string{"ar", "en"} {
		ctx := phoneTab(t, srv, sid, lang)
		webtest.Do(t, ctx, chromedp.Navigate(srv.URL+"/lessons/hist-revolt-2"), chromedp.WaitVisible(chromedp.CSS("#stage.stage-reveal .chip")))
		apart, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("#stage .sentence .chip")].flatMap(chip => {
			const n = chip.nextSibling;
			if (!n || n.nodeType !== Node.TEXT_NODE || !n.data.trim()) return [];
			const r = document.createRange(); r.setStart(n, 0); r.setEnd(n, 1);
			const c = chip.getBoundingClientRect(), p = r.getBoundingClientRect();
			return p.top >= c.bottom || p.bottom <= c.top ? [chip.textContent + " " + n.data] : [] })`))
		require.NoError(t, err)
		require.Empty(t, apart, "%s: punctuation on another line than its word", lang)
	}
}

// At the end of a review the clock above the card stops at the time the result shows: it kept
// the last second it had ticked, one short of the result's "Time" (0:01 above, 0:02 below).
func TestTheReviewClockStopsAtTheResultsTime(t *testing.T) {
	srv := webtest.Start(t)
	ctx := phoneTab(t, srv, srv.SID(t, layla), "ar")
	webtest.Do(t, ctx, chromedp.Navigate(srv.URL+"/review?subject=physics"), chromedp.WaitVisible(css(".review-card .option")))
	require.Positive(t, answerCards(t, ctx, nil))
	shown := evalJS[[]string](t, ctx, `[document.getElementById('timer').textContent,
		document.querySelector('.result-stats li:nth-child(2) strong').textContent]`)
	require.Equal(t, shown[1], shown[0], "the clock above against the result's time")
}

// On an Arabic page an option's key number is written in the digits of the answers: beside
// answers in Latin digits it is Latin ("1 · 2"; it was "١ · 2", key one and answer two in two
// scripts, in a slope quiz whose answers are 2, 3, 6 and 4), beside words it is the page's ("١").
func TestAnOptionsKeyNumberIsInTheDigitsOfTheAnswers(t *testing.T) {
	srv := webtest.Start(t)
	ctx := phoneTab(t, srv, srv.SID(t, layla), "ar")
	webtest.Do(t, ctx, chromedp.Navigate(srv.URL+"/lessons/math-linear-3"), chromedp.WaitVisible(css("#stage-title")))
	for range 10 {
		if evalJS[bool](t, ctx, `document.getElementById('stage').classList.contains('stage-quiz')`) {
			break
		}
		playStage(t, ctx, true)
		webtest.Do(t, ctx, chromedp.WaitVisible(css("#stage-title")))
	}
	const keys = `[...document.querySelectorAll('#stage .option')].map(b => [b.querySelector('kbd').textContent, b.querySelector('span').textContent])`
	quiz := evalJS[[][2]string](t, ctx, keys)
	require.Len(t, quiz, 4, "the slope quiz is on screen")
	for i, o := range quiz {
		require.Regexp(t, `^[0-9]+$`, o[1], "the quiz's answers are numbers in Latin digits")
		require.Equal(t, strconv.Itoa(i+1), o[0], "the key of %q", o[1])
	}

	webtest.Do(t, ctx, chromedp.Navigate(srv.URL+"/review?subject=history-jordan"), chromedp.WaitVisible(css(".review-card .option")))
	card := evalJS[[][2]string](t, ctx, keys)
	require.NotEmpty(t, card)
	latin := false
	for _, o := range card {
		latin = latin || regexp.MustCompile(`[0-9]`).MatchString(o[1])
	}
	for i, o := range card {
		want := i18n.Number(i18n.Arabic, int64(i+1))
		if latin {
			want = strconv.Itoa(i + 1)
		}
		require.Equal(t, want, o[0], "the key of %q", o[1])
	}
}

// What a screen reader hears after a wrong answer agrees with the hearts left: in Arabic "بقي
// قلبان", "بقي قلب واحد", then none left (it said "بقي ٢ قلوب", "بقي ١ قلوب" and "بقي ٠ قلوب");
// in English "1 heart left". Its sentences end with one full stop ("The answer: 3.." had two).
func TestAWrongAnswerSaysTheHeartsLeftInTheirNumber(t *testing.T) {
	srv := webtest.Start(t)
	sid := srv.SID(t, layla)
	for lang, want := range map[string][]string{
		"ar": {"إجابة خاطئة. بقي قلبان", "إجابة خاطئة. بقي قلب واحد", "إجابة خاطئة. لم يبقَ أي قلب"},
		"en": {"Wrong answer. 2 hearts left", "Wrong answer. 1 heart left", "Wrong answer. No hearts left"},
	} {
		ctx := phoneTab(t, srv, sid, lang)
		webtest.Do(t, ctx, chromedp.Navigate(srv.URL+"/lessons/math-linear-3"), chromedp.WaitVisible(css("#stage-title")))
		for range 10 {
			if evalJS[bool](t, ctx, `document.getElementById('stage').classList.contains('stage-quiz')`) {
				break
			}
			playStage(t, ctx, true)
			webtest.Do(t, ctx, chromedp.WaitVisible(css("#stage-title")))
		}
		correct := evalJS[int](t, ctx, `(() => { const d = JSON.parse(document.getElementById('lesson-data').textContent);
			return d.stages.find(s => s.id === document.getElementById('stage').dataset.stage).config.correct_index; })()`)
		wrong := string(rune('1' + (correct+1)%4))
		for _, said := range want {
			require.True(t, evalJS[bool](t, ctx, `document.getElementById('stage').classList.contains('stage-quiz')`), "the quiz comes back")
			webtest.Do(t, ctx, chromedp.KeyEvent(wrong), chromedp.WaitEnabled(css("#foot button")), chromedp.KeyEvent("\r"),
				chromedp.WaitVisible(css("#foot .feedback.wrong")))
			heard := ""
			for range 100 { // the live region is filled a moment after it is cleared
				if heard = evalJS[string](t, ctx, `document.getElementById('announce').textContent`); heard != "" {
					break
				}
				webtest.Do(t, ctx, chromedp.Sleep(20*time.Millisecond))
			}
			require.True(t, strings.HasPrefix(heard, said), "%s: heard %q", lang, heard)
			require.NotContains(t, heard, "..", "%s: one full stop after a sentence", lang)
			webtest.Do(t, ctx, chromedp.KeyEvent("\r"))
			if !evalJS[bool](t, ctx, `!!document.querySelector('.stage.result')`) {
				webtest.Do(t, ctx, chromedp.WaitVisible(css("#stage-title")))
			}
		}
	}
}

// An announcement still on its way when another is made is dropped: a quick keyboard user heard
// the matching stage's "Correct! +14 XP" after the next stage's "Wrong answer".
func TestANewerAnnouncementDropsTheOneOnItsWay(t *testing.T) {
	srv := webtest.Start(t)
	ctx := phoneTab(t, srv, srv.SID(t, layla), "en")
	webtest.Do(t, ctx, chromedp.Navigate(srv.URL+"/lessons/math-linear-3"), chromedp.WaitVisible(css("#stage-title")))
	said, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(async () => {
		const said = [], live = document.getElementById('announce');
		new MutationObserver(() => { if (live.textContent) said.push(live.textContent) }).observe(live, {childList: true, characterData: true, subtree: true});
		const api = await import(document.getElementById('api-js').href);
		api.announce('first');
		api.announce('second');
		await new Promise(r => setTimeout(r, 300));
		return said })()`, chromedp.EvalAwaitPromise))
	require.NoError(t, err)
	require.Equal(t, []string{"second"}, said)
}

// Safe Mode's wait says its seconds in their number: "خلال ٣ ثوانٍ" (it said "خلال ٣ ثانية").
func TestTheReviewsWaitSaysItsSecondsInTheirNumber(t *testing.T) {
	srv := webtest.Start(t)
	ctx := phoneTab(t, srv, srv.SID(t, layla), "ar")
	var calls atomic.Int32
	intercept(t, ctx, "*get_review_session*", fetch.RequestStageRequest, func(e *fetch.EventRequestPaused) {
		if calls.Add(1) == 1 {
			_, _ = chromedp.Call(ctx, fetch.FulfillRequest, fetch.FulfillRequestParams{RequestID: e.RequestID, ResponseCode: 429,
				ResponseHeaders: []*fetch.HeaderEntry{{Name: "Content-Type", Value: "application/json"}, {Name: "Retry-After", Value: "3"}},
				Body:            []byte(`{"exc_type":"RateLimitError","exc":"Too many requests."}`)})
			return
		}
		_, _ = chromedp.Call(ctx, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: e.RequestID})
	})
	webtest.Do(t, ctx, chromedp.Navigate(srv.URL+"/review"), chromedp.WaitVisible(css(".stage.wait")))
	require.Contains(t, evalJS[string](t, ctx, `document.querySelector('.stage.wait').textContent`), "ستبدأ جلستك تلقائيًا خلال ٣ ثوانٍ.")
	webtest.Do(t, ctx, chromedp.WaitVisible(css(".review-card")))
}

// A reveal stage's button says "Skip" until every highlighted word is open, as the matching
// stage's does: it said "Continue", and going on cost a heart without a word of warning.
func TestARevealStageSaysSkipUntilEveryWordIsOpen(t *testing.T) {
	srv := webtest.Start(t)
	ctx := phoneTab(t, srv, srv.SID(t, layla), "en")
	webtest.Do(t, ctx, chromedp.Navigate(srv.URL+"/lessons/hist-revolt-2"), chromedp.WaitVisible(css("#stage.stage-reveal .chip")))
	const button = `(() => { const b = document.querySelector('#foot button'); return [b.textContent, b.className] })()`
	got := evalJS[[]string](t, ctx, button)
	require.Equal(t, "Skip", got[0])
	require.Contains(t, got[1], "btn-ghost")
	n := evalJS[int](t, ctx, `document.querySelectorAll('#stage .chip').length`)
	for range n {
		webtest.Do(t, ctx, chromedp.Click(css("#stage .chip:not(.revealed)")))
	}
	got = evalJS[[]string](t, ctx, button)
	require.Equal(t, "✓ Got it", got[0])
	require.Contains(t, got[1], "btn-good")
}
