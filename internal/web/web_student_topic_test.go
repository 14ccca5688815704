package web_test

import (
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"memora/internal/webtest"
)

// A topic's "Review this topic" button stands apart from the list of lessons above it (it
// touched the last lesson's card), and the topic's description, written in one language only,
// takes that language's direction on the other language's page.
func TestATopicsReviewButtonStandsApartFromItsLessons(t *testing.T) {
	srv := webtest.Start(t)
	sid := srv.SID(t, "layla@demo.memora.test")
	for _, lang := range []string{"ar", "en"} {
		ctx := phoneTab(t, srv, sid, lang)
		webtest.Do(t, ctx, chromedp.Navigate(srv.URL+"/topics/hist-t-modern?subject=history-jordan"), chromedp.WaitVisible(chromedp.CSS(".lesson-list")))
		gap, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`document.querySelector("a[href^='/review?topic=']").getBoundingClientRect().top
			- document.querySelector(".lesson-list > li:last-child").getBoundingClientRect().bottom`))
		require.NoError(t, err)
		require.GreaterOrEqual(t, gap, 8.0, "%s: px between the last lesson and the review button", lang)
		dir, err := chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.querySelector("main h1 + p.muted")).direction`))
		require.NoError(t, err)
		require.Equal(t, "rtl", dir, "%s: the demo's Arabic description", lang)
	}
}
