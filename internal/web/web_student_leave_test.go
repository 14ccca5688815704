package web_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"memora/internal/webtest"
)

// The lesson player's ✕ leaves at once before any answer; once the student has answered, it asks
// first in the page's language: the dialog opens on "Keep going", Escape stays and gives the focus
// back to ✕, "Keep going" (Enter) stays too, and "Leave" (reached with Tab, pressed with Enter) goes. It left at once, the attempt lost.
func TestLeavingALessonWithAnswersAsksFirst(t *testing.T) {
	srv := webtest.Start(t)
	sid := srv.SID(t, layla)
	for lang, want := range map[string][]string{
		"en": {"Leave the lesson?", "Keep going", "Leave"},
		"ar": {"أتريد الخروج من الدرس؟", "متابعة الدرس", "الخروج"},
	} {
		ctx := phoneTab(t, srv, sid, lang)
		lesson := srv.URL + "/lessons/hist-revolt-2"
		back := evalJSAfter(t, ctx, lesson, `document.querySelector('.player .exit').href`)

		// No answer yet: ✕ leaves at once.
		webtest.Do(t, ctx, chromedp.Click(css(".player .exit")), chromedp.WaitNotPresent(css("#player")))
		require.Equal(t, back, evalJS[string](t, ctx, `location.href`), lang)

		// A reading read is no answer: ✕ still leaves at once.
		webtest.Do(t, ctx, chromedp.Navigate(lesson), chromedp.WaitVisible(css("#stage-title")))
		for evalJS[bool](t, ctx, `/stage-(video|reading)/.test(document.getElementById('stage').className)`) {
			playStage(t, ctx, true)
			webtest.Do(t, ctx, chromedp.WaitVisible(css("#stage-title")))
		}
		require.False(t, evalJS[bool](t, ctx, `(document.querySelector('.player .exit').click(), document.getElementById('leave').open)`), lang)
		webtest.Do(t, ctx, chromedp.WaitNotPresent(css("#player")))

		// One answer: ✕ asks.
		webtest.Do(t, ctx, chromedp.Navigate(lesson), chromedp.WaitVisible(css("#stage-title")))
		for evalJS[bool](t, ctx, `/stage-(video|reading)/.test(document.getElementById('stage').className)`) {
			playStage(t, ctx, true)
			webtest.Do(t, ctx, chromedp.WaitVisible(css("#stage-title")))
		}
		playStage(t, ctx, true)
		webtest.Do(t, ctx, chromedp.Click(css(".player .exit")), chromedp.WaitVisible(css("#leave[open]")))
		require.Equal(t, want, evalJS[[]string](t, ctx, `[document.getElementById('leave-title').textContent,
			...[...document.querySelectorAll('#leave button')].map(b => b.textContent.trim())]`), lang)
		require.Equal(t, "stay", evalJS[string](t, ctx, `document.activeElement.value`), "%s: the dialog opens on 'Keep going'", lang)
		require.True(t, evalJS[bool](t, ctx, `document.getElementById('leave').matches(':modal')`), lang)

		// Escape stays, the focus back on ✕.
		webtest.Do(t, ctx, chromedp.KeyEvent("\x1b"), chromedp.WaitNotPresent(css("#leave[open]")))
		require.True(t, strings.HasSuffix(evalJS[string](t, ctx, `location.href`), "/lessons/hist-revolt-2"), lang)
		require.True(t, evalJS[bool](t, ctx, `document.activeElement === document.querySelector('.player .exit')`), "%s: focus back on ✕", lang)

		// "Keep going" stays too; then Tab to "Leave" and Enter goes.
		webtest.Do(t, ctx, chromedp.Click(css(".player .exit")), chromedp.WaitVisible(css("#leave[open]")), chromedp.KeyEvent("\r"),
			chromedp.WaitNotPresent(css("#leave[open]")))
		require.True(t, evalJS[bool](t, ctx, `document.activeElement === document.querySelector('.player .exit')`), lang)
		webtest.Do(t, ctx, chromedp.Click(css(".player .exit")), chromedp.WaitVisible(css("#leave[open]")), chromedp.KeyEvent("\t"))
		require.Equal(t, "leave", evalJS[string](t, ctx, `document.activeElement.value`), lang)
		webtest.Do(t, ctx, chromedp.KeyEvent("\r"), chromedp.WaitNotPresent(css("#player")))
		require.Equal(t, back, evalJS[string](t, ctx, `location.href`), lang)
	}
}

func evalJSAfter(t *testing.T, ctx context.Context, url, js string) string {
	t.Helper()
	webtest.Do(t, ctx, chromedp.Navigate(url), chromedp.WaitVisible(css("#stage-title")))
	return evalJS[string](t, ctx, js)
}
