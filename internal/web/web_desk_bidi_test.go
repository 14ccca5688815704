package web_test

import (
	"net/http"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"memora/internal/webtest"
)

// A path or an address inside an Arabic sentence is its own left-to-right element, so the
// sentence cannot reorder it ("/signup" read as "signup/", "https://…" as "…//:https"); the
// isolation is markup, not isolating characters (which broke the Arabic letters' joining).
func TestPathsAndAddressesInDeskSentencesAreLeftToRightElements(t *testing.T) {
	t.Parallel()
	srv := webtest.Start(t)
	want := map[string][2]string{
		"ar": {`يسجّل الطلاب في صفحة <code dir="ltr" class="inline-code">/signup</code> برمز انضمام`,
			`رابط الشعار (<code dir="ltr" class="inline-code">https://…</code>)`},
		"en": {`Students sign up at <code dir="ltr" class="inline-code">/signup</code> with a join code`,
			`Logo address (<code dir="ltr" class="inline-code">https://…</code>)`},
	}
	for lang, w := range want {
		c := deskClient(t, srv, deskAdmin, lang)
		people := c.get("/app/people")
		require.Equal(t, http.StatusOK, people.status)
		require.Contains(t, people.body, w[0], lang)
		settings := c.get("/app/settings")
		require.Equal(t, http.StatusOK, settings.status)
		require.Contains(t, settings.body, w[1], lang)
		for _, body := range []string{people.body, settings.body} {
			require.NotRegexp(t, "[\u2066-\u2069]", body, "%s: no isolating characters", lang)
		}
	}
}

// In Chromium, the Arabic People page shows "/signup" with its slash first (on the left), and
// the settings page shows "https://…" with the h on the left of the colon.
func TestAnArabicDeskPageShowsPathsInTheirOwnOrder(t *testing.T) {
	srv := webtest.Start(t)
	// leftOf reports whether the first character of want is drawn left of its last, wherever want
	// sits in the text under sel.
	leftOf := func(sel, want string) string {
		return `(() => {
			const root = document.querySelector(` + "`" + sel + "`" + `);
			const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
			for (let n = walk.nextNode(); n; n = walk.nextNode()) {
				const i = n.data.indexOf(` + "`" + want + "`" + `);
				if (i < 0) continue;
				const at = (k) => { const r = document.createRange(); r.setStart(n, k); r.setEnd(n, k + 1); return r.getBoundingClientRect().left; };
				return at(i) < at(i + ` + "`" + want + "`" + `.length - 1) ? "in order" : "reversed";
			}
			return "missing";
		})()`
	}
	for _, device := range []string{"phone", "desktop"} {
		ctx := deskTabOn(t, srv, deskAdmin, "ar", device)
		webtest.Do(t, ctx, chromedp.Navigate(srv.URL+"/app/people"), chromedp.WaitVisible(chromedp.CSS("#codes")))
		require.Equal(t, "in order", deskEval[string](t, ctx, leftOf("#codes > p", "/signup")), device)
		webtest.Do(t, ctx, chromedp.Navigate(srv.URL+"/app/settings"), chromedp.WaitVisible(chromedp.CSS("#settings")))
		require.Equal(t, "in order", deskEval[string](t, ctx, leftOf("label[for=inst-logo]", "https:")), device)
	}
}
