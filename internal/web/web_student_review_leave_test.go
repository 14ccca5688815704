package web_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"memora/internal/webtest"
)

// The review player's ✕ leaves at once before any card is answered; once one is, it asks first
// in the page's language (the answers are sent only at the session's end): the dialog opens on
// "Keep reviewing", Escape stays and gives the focus back to ✕, and "Leave" (Tab, Enter) goes.
// It left at once, the answered cards lost.
func TestLeavingAReviewWithAnswersAsksFirst(t *testing.T) {
	srv := webtest.Start(t)
	sid := srv.SID(t, layla)
	for lang, want := range map[string][]string{
		"en": {"Leave the review?", "Keep reviewing", "Leave"},
		"ar": {"أتريد الخروج من المراجعة؟", "متابعة المراجعة", "الخروج"},
	} {
		ctx := phoneTab(t, srv, sid, lang)
		review := srv.URL + "/review?subject=history-jordan"
		webtest.Do(t, ctx, chromedp.Navigate(review), chromedp.WaitVisible(css(".review-card .option")))
		back := evalJS[string](t, ctx, `document.querySelector('.player .exit').href`)

		// No card answered: ✕ leaves at once.
		webtest.Do(t, ctx, chromedp.Click(css(".player .exit")), chromedp.WaitNotPresent(css("#player")))
		require.Equal(t, back, evalJS[string](t, ctx, `location.href`), lang)

		// One card answered: ✕ asks.
		webtest.Do(t, ctx, chromedp.Navigate(review), chromedp.WaitVisible(css(".review-card .option")),
			chromedp.KeyEvent("1"), chromedp.WaitEnabled(css("#foot button")), chromedp.KeyEvent("\r"),
			chromedp.WaitVisible(css("#foot .feedback")))
		webtest.Do(t, ctx, chromedp.Click(css(".player .exit")), chromedp.WaitVisible(css("#leave[open]")))
		require.Equal(t, want, evalJS[[]string](t, ctx, `[document.getElementById('leave-title').textContent,
			...[...document.querySelectorAll('#leave button')].map(b => b.textContent.trim())]`), lang)
		require.Equal(t, "stay", evalJS[string](t, ctx, `document.activeElement.value`), "%s: the dialog opens on 'Keep reviewing'", lang)
		require.True(t, evalJS[bool](t, ctx, `document.getElementById('leave').matches(':modal')`), lang)

		// Escape stays, the focus back on ✕; then Tab to "Leave" and Enter goes.
		webtest.Do(t, ctx, chromedp.KeyEvent("\x1b"), chromedp.WaitNotPresent(css("#leave[open]")))
		require.True(t, strings.Contains(evalJS[string](t, ctx, `location.href`), "/review?"), lang)
		require.True(t, evalJS[bool](t, ctx, `document.activeElement === document.querySelector('.player .exit')`), "%s: focus back on ✕", lang)
		webtest.Do(t, ctx, chromedp.Click(css(".player .exit")), chromedp.WaitVisible(css("#leave[open]")), chromedp.KeyEvent("\t"))
		require.Equal(t, "leave", evalJS[string](t, ctx, `document.activeElement.value`), lang)
		webtest.Do(t, ctx, chromedp.KeyEvent("\r"), chromedp.WaitNotPresent(css("#player")))
		require.Equal(t, back, evalJS[string](t, ctx, `location.href`), lang)
	}
}
