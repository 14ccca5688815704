package web_test

import (
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"memora/internal/webtest"
)

// The sentence that tells a season's FSRS parameters on the SRS page has its card's whole row,
// in Arabic and English, on a phone and a desktop: in a column of the facts grid of its own it
// was a strip of a word or two a line, eight lines and more at 1280 px.
func TestTheFSRSParametersSentenceHasTheWholeRowOfItsCard(t *testing.T) {
	srv := webtest.Start(t)
	paramsSeason(t, srv) // a fitted version in use: the longest sentence
	for _, lang := range []string{"ar", "en"} {
		for _, device := range []string{"phone", "desktop"} {
			ctx := deskTabOn(t, srv, deskSystem, lang, device)
			webtest.Do(t, ctx, chromedp.Navigate(srv.URL+"/app/srs"), chromedp.WaitVisible(chromedp.CSS(".srs-params")))
			const fact = `document.querySelector('.srs-params')`
			share := deskEval[float64](t, ctx, fact+`.getBoundingClientRect().width / `+fact+`.parentElement.getBoundingClientRect().width`)
			require.InDelta(t, 1, share, 0.01, "%s %s: the sentence has the whole row", lang, device)
			// It starts below every other fact of its list, not beside them.
			below := deskEval[bool](t, ctx, `[...`+fact+`.parentElement.children].filter(d => d !== `+fact+`).every(d => d.getBoundingClientRect().bottom <= `+fact+`.getBoundingClientRect().top + 1)`)
			require.True(t, below, "%s %s: the sentence has a row of its own", lang, device)
			lines := deskEval[float64](t, ctx, `(() => { const dd = `+fact+`.querySelector('dd'); return dd.getBoundingClientRect().height / parseFloat(getComputedStyle(dd).lineHeight) })()`)
			maxLines := map[string]float64{"phone": 6, "desktop": 2.5}[device]
			require.LessOrEqual(t, lines, maxLines, "%s %s: the sentence reads in a few lines", lang, device)
			require.Zero(t, deskEval[int](t, ctx, `document.documentElement.scrollWidth - document.documentElement.clientWidth`), "%s %s: no wider than the screen", lang, device)
		}
	}
}
