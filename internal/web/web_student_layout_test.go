package web_test

import (
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"memora/internal/webtest"
)

// On a phone the student's own row of the leaderboard shows the whole "You" badge in both
// languages: a long name is cut short, never the badge (it was clipped behind an ellipsis).
func TestTheLeaderboardShowsTheWholeYouBadgeOnAPhone(t *testing.T) {
	srv := webtest.Start(t)
	sid := srv.SID(t, "layla@demo.memora.test")
	for _, lang := range []string{"ar", "en"} {
		ctx := webtest.Browser(t)
		webtest.Phone(t, ctx)
		setCookie(t, ctx, srv.URL, "sid", sid)
		setCookie(t, ctx, srv.URL, "lang", lang)
		webtest.Do(t, ctx, chromedp.Navigate(srv.URL+"/leaderboard"), chromedp.WaitVisible(chromedp.CSS("li.me .name .badge")))
		clipped, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => {
			const name = document.querySelector("li.me .name").getBoundingClientRect();
			const badge = document.querySelector("li.me .name .badge").getBoundingClientRect();
			return badge.left < name.left - 0.5 || badge.right > name.right + 0.5 })()`))
		require.NoError(t, err)
		require.False(t, clipped, "%s: the You badge is inside its row's name box", lang)
	}
}
