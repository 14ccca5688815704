package web_test

import (
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"memora/internal/webtest"
)

// On a phone a subject's track tabs scroll sideways, each as wide as its name ("Olympiad
// Challenge" was squeezed narrower than its text, which ran over the border), and the focus ring
// of a tab reached with Tab is not cut off by the scrolling row.
func TestTrackTabsKeepTheirWholeNameAndFocusRingOnAPhone(t *testing.T) {
	srv := webtest.Start(t)
	sid := srv.SID(t, "layla@demo.memora.test")
	for _, lang := range []string{"ar", "en"} {
		ctx := phoneTab(t, srv, sid, lang)
		webtest.Do(t, ctx, chromedp.Navigate(srv.URL+"/subjects/math"), chromedp.WaitVisible(chromedp.CSS(".track-tabs a")))
		squeezed, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll(".track-tabs a")]
			.filter(a => a.scrollWidth > a.clientWidth)
			.map(a => a.textContent + ": " + a.clientWidth + " px for " + a.scrollWidth)`))
		require.NoError(t, err)
		require.Empty(t, squeezed, "%s: tabs narrower than their names", lang)
		require.GreaterOrEqual(t, evalJS[int](t, ctx, `document.querySelectorAll(".track-tabs a").length`), 3)

		for range 10 {
			webtest.Do(t, ctx, chromedp.KeyEvent("\t"))
			if evalJS[bool](t, ctx, `document.activeElement.matches(".track-tabs a")`) {
				break
			}
		}
		cut, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => {
			const a = document.activeElement;
			if (!a.matches(".track-tabs a:focus-visible")) return "no tab has the keyboard focus";
			const cs = getComputedStyle(a), ring = parseFloat(cs.outlineWidth) + parseFloat(cs.outlineOffset);
			const r = a.getBoundingClientRect(), box = a.parentElement.getBoundingClientRect();
			const out = [];
			if (r.top - ring < box.top - 0.5) out.push("top");
			if (r.bottom + ring > box.bottom + 0.5) out.push("bottom");
			if (r.left - ring < box.left - 0.5) out.push("left");
			if (r.right + ring > box.right + 0.5) out.push("right");
			return out.join(" ") })()`))
		require.NoError(t, err)
		require.Empty(t, cut, "%s: the focused tab's ring sticks out of the scrolling row", lang)
	}
}
