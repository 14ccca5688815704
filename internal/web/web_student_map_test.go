package web_test

import (
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"memora/internal/webtest"
)

// On a phone a subject's track tabs are each as wide as their name ("Olympiad Challenge" was
// squeezed narrower than its text, which ran over its border) and all in sight, the current one
// included: they scrolled sideways, so a student on the third track saw "Olympia" cut off at the
// edge. A tab reached with Tab shows its whole focus ring.
func TestTrackTabsAreAllInSightWithTheirWholeNameOnAPhone(t *testing.T) {
	srv := webtest.Start(t)
	sid := srv.SID(t, "layla@demo.memora.test")
	for _, lang := range []string{"ar", "en"} {
		for _, track := range []string{"", "?track=math-olympiad"} {
			ctx := phoneTab(t, srv, sid, lang)
			webtest.Do(t, ctx, chromedp.Navigate(srv.URL+"/subjects/math"+track), chromedp.WaitVisible(chromedp.CSS(".track-tabs a")))
			require.GreaterOrEqual(t, evalJS[int](t, ctx, `document.querySelectorAll(".track-tabs a").length`), 3)
			bad, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll(".track-tabs a")].flatMap(a => {
				const r = a.getBoundingClientRect(), out = [];
				if (a.scrollWidth > a.clientWidth) out.push(a.textContent + ": " + a.clientWidth + " px for " + a.scrollWidth);
				if (r.left < 0 || r.right > document.documentElement.clientWidth) out.push(a.textContent + " out of sight");
				return out })`))
			require.NoError(t, err)
			require.Empty(t, bad, "%s%s", lang, track)
		}

		ctx := phoneTab(t, srv, sid, lang)
		webtest.Do(t, ctx, chromedp.Navigate(srv.URL+"/subjects/math"), chromedp.WaitVisible(chromedp.CSS(".track-tabs a")))
		for range 10 {
			webtest.Do(t, ctx, chromedp.KeyEvent("\t"))
			if evalJS[bool](t, ctx, `document.activeElement.matches(".track-tabs a")`) {
				break
			}
		}
		cut, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => {
			const a = document.activeElement;
			if (!a.matches(".track-tabs a:focus-visible")) return "no tab has the keyboard focus";
			for (let p = a.parentElement; p; p = p.parentElement) {
				if (getComputedStyle(p).overflowX !== "visible") return "inside a box that clips: " + p.className;
			}
			return "" })()`))
		require.NoError(t, err)
		require.Empty(t, cut, "%s: the focused tab's ring", lang)
	}
}
