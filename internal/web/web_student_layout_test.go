package web_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"memora/internal/identity"
	"memora/internal/webtest"
)

// On a phone the student's own row of the leaderboard shows their whole name and the whole "You"
// badge in both languages: the badge beside the name left too little room for an ordinary name
// ("ليلى الخط…"); it sits on the level's line now. Before that the badge itself was clipped.
func TestTheLeaderboardShowsTheStudentsWholeNameAndYouBadgeOnAPhone(t *testing.T) {
	srv := webtest.Start(t)
	sid := srv.SID(t, "layla@demo.memora.test")
	for _, lang := range []string{"ar", "en"} {
		ctx := phoneTab(t, srv, sid, lang)
		webtest.Do(t, ctx, chromedp.Navigate(srv.URL+"/leaderboard"), chromedp.WaitVisible(chromedp.CSS("li.me .who .badge")))
		cut, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(() => {
			const out = [], who = document.querySelector("li.me .who").getBoundingClientRect();
			const badge = document.querySelector("li.me .who .badge").getBoundingClientRect();
			if (badge.left < who.left - 0.5 || badge.right > who.right + 0.5) out.push("the badge");
			const name = document.querySelector("li.me .name bdi");
			if (name.scrollWidth > name.clientWidth) out.push("the name " + name.clientWidth + " px of " + name.scrollWidth);
			return out })()`))
		require.NoError(t, err)
		require.Empty(t, cut, "%s: cut short in the student's own row", lang)
	}
}

// The focus ring of the home page's "Review now" button stands out from the purple card it sits
// on (3:1 against both ends of the card's gradient); it was the brand purple on the brand purple.
func TestTheReviewNowButtonShowsItsKeyboardFocusOnThePurpleCard(t *testing.T) {
	srv := webtest.Start(t)
	ctx := phoneTab(t, srv, srv.SID(t, "layla@demo.memora.test"), "")
	webtest.Do(t, ctx, chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible(chromedp.CSS(".due-card .btn")))
	for range 10 {
		webtest.Do(t, ctx, chromedp.KeyEvent("\t"))
		on, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.activeElement === document.querySelector(".due-card .btn")`))
		require.NoError(t, err)
		if on {
			break
		}
	}
	contrast, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`(() => {
		const e = document.activeElement;
		if (!e.matches(".due-card .btn:focus-visible")) return -1;
		const lum = (c) => { const [r, g, b] = c.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number).map(v => {
			v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4 });
			return 0.2126 * r + 0.7152 * g + 0.0722 * b };
		const ring = lum(getComputedStyle(e).outlineColor);
		const card = getComputedStyle(e.closest(".due-card")).backgroundImage.match(/rgba?\([^)]*\)/g);
		return Math.min(...card.map(c => { const [a, b] = [ring, lum(c)].sort((x, y) => y - x); return (a + 0.05) / (b + 0.05) }));
	})()`))
	require.NoError(t, err)
	require.GreaterOrEqual(t, contrast, 3.0, "the focused Review now button's ring against the card")
}

// A done quest's "Done" badge stays a small pill beside a description that wraps on a phone (it
// was stretched to the two lines' height, a green blob).
func TestADoneQuestsBadgeStaysAPillWhenItsDescriptionWraps(t *testing.T) {
	srv := webtest.Start(t)
	sid := srv.SID(t, "layla@demo.memora.test")
	for _, lang := range []string{"ar", "en"} {
		ctx := phoneTab(t, srv, sid, lang)
		webtest.Do(t, ctx, chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible(chromedp.CSS(".quest .badge.good")))
		// One line of the badge's text is 1.5 times its font size; a stretched badge is two lines tall.
		blobs, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll(".quest .badge")]
			.filter(b => b.getBoundingClientRect().height > 2 * parseFloat(getComputedStyle(b).fontSize))
			.map(b => b.textContent + " " + Math.round(b.getBoundingClientRect().height) + " px high")`))
		require.NoError(t, err)
		require.Empty(t, blobs, "%s: badges taller than a line", lang)
	}
}

// On a phone the demo's sign-in note breaks between the account and the password, never inside
// either (it showed "memora-" and "demo" on two lines, which reads as two words).
func TestTheDemoAccountAndPasswordEachStayOnOneLine(t *testing.T) {
	srv := webtest.Start(t)
	for _, lang := range []string{"ar", "en"} {
		ctx := phoneTab(t, srv, "", lang)
		webtest.Do(t, ctx, chromedp.Navigate(srv.URL+"/login"), chromedp.WaitVisible(chromedp.CSS(".demo-note")))
		// Each credential's text, wherever the markup puts it, fits on one line box.
		broken, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(() => {
			const p = document.querySelector(".demo-note .mono"), out = [];
			const walk = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
			for (let n = walk.nextNode(); n; n = walk.nextNode()) {
				for (const m of n.data.matchAll(/[^\s·]+/g)) {
					const r = document.createRange(); r.setStart(n, m.index); r.setEnd(n, m.index + m[0].length);
					if (new Set([...r.getClientRects()].map(b => Math.round(b.top))).size > 1) out.push(m[0]);
				}
			}
			return out })()`))
		require.NoError(t, err)
		require.Empty(t, broken, "%s: credentials broken across lines", lang)
	}
}

// phoneTab is a browser tab at phone width with the session sid and the language lang (each
// left unset when empty).
func phoneTab(t *testing.T, srv *webtest.Server, sid, lang string) context.Context {
	t.Helper()
	ctx := webtest.Browser(t)
	webtest.Phone(t, ctx)
	if sid != "" {
		setCookie(t, ctx, srv.URL, "sid", sid)
	}
	if lang != "" {
		setCookie(t, ctx, srv.URL, "lang", lang)
	}
	return ctx
}

// On a phone the level card puts the XP left under the level's title when both do not fit on one
// line: side by side, a new student's "Beginner Explorer" and "204 XP to the next level" each
// broke into two short lines.
func TestTheLevelCardNeverBreaksItsTitleOrItsXPOnAPhone(t *testing.T) {
	srv := webtest.Start(t)
	code, err := srv.App.Identity.CreateJoinCode(context.Background(), identity.NewJoinCode{InstitutionID: "demo-academy", CreatedBy: "test"})
	require.NoError(t, err)
	c := newClient(t, srv)
	p := c.post("/signup", url.Values{"join_code": {code.Code}, "full_name": {"Huda"}, "email": {"huda@example.org"}, "password": {"a-good-password"}})
	require.Equal(t, http.StatusSeeOther, p.status, p.body)
	p = c.post("/onboarding", url.Values{"grade": {"tawjihi"}, "stream": {"scientific"}, "season": {"SEASON-2026"}})
	require.Equal(t, http.StatusSeeOther, p.status, p.body)
	fresh := srv.SIDWithPassword(t, "huda@example.org", "a-good-password")
	for _, sid := range []string{fresh, srv.SID(t, "layla@demo.memora.test")} {
		for _, lang := range []string{"ar", "en"} {
			ctx := phoneTab(t, srv, sid, lang)
			webtest.Do(t, ctx, chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible(chromedp.CSS(".level-line")))
			broken, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll(".level-line > *")]
				.filter(e => e.getClientRects().length > 1 || e.getBoundingClientRect().height > 1.6 * parseFloat(getComputedStyle(e).lineHeight))
				.map(e => e.textContent + " " + Math.round(e.getBoundingClientRect().height) + " px high")`))
			require.NoError(t, err)
			require.Empty(t, broken, "%s: broken over lines", lang)
		}
	}
}
