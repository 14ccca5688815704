package web_test

import (
	"testing"

	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"memora/internal/webtest"
)

// With nothing to review the review screen shows no progress bar (an empty one read as a session
// with nothing done); with cards due the bar is there.
func TestTheEmptyReviewScreenShowsNoProgressBar(t *testing.T) {
	srv := webtest.Start(t)
	const shown = `(() => { const b = document.getElementById('progress'); return !b.hidden && getComputedStyle(b).display !== 'none' && b.getBoundingClientRect().width > 0 })()`
	for _, lang := range []string{"ar", "en"} {
		ctx := phoneTab(t, srv, srv.SID(t, layla), lang)
		intercept(t, ctx, "*get_review_session*", fetch.RequestStageRequest, func(e *fetch.EventRequestPaused) {
			_, _ = chromedp.Call(ctx, fetch.FulfillRequest, fetch.FulfillRequestParams{RequestID: e.RequestID, ResponseCode: 200,
				ResponseHeaders: []*fetch.HeaderEntry{{Name: "Content-Type", Value: "application/json"}},
				Body:            []byte(`{"message":{"questions":[],"is_degraded":false}}`)})
		})
		webtest.Do(t, ctx, chromedp.Navigate(srv.URL+"/review"), chromedp.WaitVisible(css(".empty-state h2")))
		require.False(t, evalJS[bool](t, ctx, shown), "%s: no progress bar with nothing to review", lang)

		ctx = phoneTab(t, srv, srv.SID(t, layla), lang)
		webtest.Do(t, ctx, chromedp.Navigate(srv.URL+"/review"), chromedp.WaitVisible(css(".review-card")))
		require.True(t, evalJS[bool](t, ctx, shown), "%s: the progress bar with cards due", lang)
	}
}
