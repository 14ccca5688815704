package web_test

import (
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"memora/internal/webtest"
)

// On a phone, a control reached with Tab scrolls clear of the fixed tab bar and the sticky top
// bar: the store's second "Request purchase" button and the profile's "Sign out" button were
// focused behind the tab bar, out of sight.
func TestAControlReachedWithTabIsNotHiddenUnderTheBars(t *testing.T) {
	srv := webtest.Start(t)
	sid := srv.SID(t, "layla@demo.memora.test")
	for _, lang := range []string{"ar", "en"} {
		for _, path := range []string{"/", "/subjects/history-jordan", "/profile", "/store"} {
			ctx := phoneTab(t, srv, sid, lang)
			webtest.Do(t, ctx, chromedp.Navigate(srv.URL+path), chromedp.WaitVisible(chromedp.CSS("nav.tabbar")))
			for range 30 {
				webtest.Do(t, ctx, chromedp.KeyEvent("\t"))
				hidden, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => {
					const e = document.activeElement;
					if (!e.closest("main")) return "";
					const r = e.getBoundingClientRect();
					const top = document.querySelector(".topbar").getBoundingClientRect().bottom;
					const bottom = document.querySelector(".tabbar").getBoundingClientRect().top;
					return r.top < top - 0.5 || r.bottom > bottom + 0.5
						? e.tagName + " " + e.textContent.trim().slice(0, 30) + " at " + Math.round(r.top) + ".." + Math.round(r.bottom) + ", visible " + Math.round(top) + ".." + Math.round(bottom) : "" })()`))
				require.NoError(t, err)
				require.Empty(t, hidden, "%s %s: the focused control is under a bar", lang, path)
			}
		}
	}
}
