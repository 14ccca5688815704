package web_test

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"memora/internal/webtest"
)

// A page of the tour: who looks at it and where.
type tourPage struct {
	name, path, who string // who: "" for a guest
	ready           string // a CSS selector that is visible once the page is usable
}

// tour is every page of the student app, as a student meets them.
func tour() []tourPage {
	const layla, fresh = "layla@demo.memora.test", "student@demo.memora.test"
	return []tourPage{
		{"login", "/login", "", "form[action='/login']"},
		{"signup", "/signup", "", "form[action='/signup']"},
		{"forgot", "/forgot", "", "form[action='/forgot']"},
		{"onboarding", "/onboarding", fresh, "fieldset.choices"},
		{"home", "/", layla, ".due-card"},
		{"map", "/subjects/history-jordan", layla, ".path"},
		{"topic", "/topics/hist-t-modern", layla, ".lesson-list"},
		{"lesson", "/lessons/hist-revolt-2", layla, "main"},
		{"review", "/review", layla, "main"},
		{"profile", "/profile", layla, "main"},
		{"leaderboard", "/leaderboard", layla, "main"},
		{"store", "/store", layla, "main"},
	}
}

func setCookie(t *testing.T, ctx context.Context, base, name, value string) {
	t.Helper()
	_, err := chromedp.Call(ctx, network.SetCookie, network.SetCookieParams{Name: name, Value: value, URL: base + "/", Path: "/"})
	require.NoError(t, err)
}

// Every page, in Arabic and English, on a phone and a desktop: the direction follows the
// language, axe-core finds nothing serious, no script error or CSP violation is logged, and a
// screenshot is taken (into docs/screenshots with MEMORA_UPDATE_SCREENSHOTS=1).
func TestEveryPageInBothLanguagesOnPhoneAndDesktopIsAccessible(t *testing.T) {
	srv := webtest.Start(t)
	sids := map[string]string{}
	for _, lang := range []string{"ar", "en"} {
		for _, device := range []string{"phone", "desktop"} {
			t.Run(lang+"-"+device, func(t *testing.T) {
				for _, p := range tour() {
					ctx := webtest.Browser(t)
					if device == "phone" {
						webtest.Phone(t, ctx)
					} else {
						webtest.Desktop(t, ctx)
					}
					if p.who != "" {
						if sids[p.who] == "" {
							sids[p.who] = srv.SID(t, p.who)
						}
						setCookie(t, ctx, srv.URL, "sid", sids[p.who])
					}
					setCookie(t, ctx, srv.URL, "lang", lang)
					webtest.Do(t, ctx, chromedp.Navigate(srv.URL+p.path), chromedp.WaitVisible(chromedp.CSS(p.ready)))
					dir, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.documentElement.dir + " " + document.documentElement.lang`))
					require.NoError(t, err)
					want := map[string]string{"ar": "rtl ar", "en": "ltr en"}[lang]
					require.Equal(t, want, dir, p.name)
					webtest.RequireNoSeriousAxe(t, ctx, fmt.Sprintf("%s, %s, %s", p.name, lang, device))
					webtest.Screenshot(t, ctx, fmt.Sprintf("%s-%s-%s", p.name, lang, device))
				}
			})
		}
	}
}

// Each page weighs at most 60 KB on the wire (HTML, CSS and JavaScript, compressed) and loads
// nothing from another host.
func TestEveryPageIsLightAndLoadsNothingFromAnotherHost(t *testing.T) {
	srv := webtest.Start(t)
	u, err := url.Parse(srv.URL)
	require.NoError(t, err)
	for _, p := range tour() {
		ctx := webtest.Browser(t)
		webtest.Phone(t, ctx)
		if p.who != "" {
			setCookie(t, ctx, srv.URL, "sid", srv.SID(t, p.who))
		}
		bytes, hosts := webtest.PageWeight(t, ctx, srv.URL+p.path)
		t.Logf("%-12s %6.1f KB  %v", p.name, float64(bytes)/1024, hosts)
		require.LessOrEqual(t, bytes, int64(60*1024), "%s weighs %d bytes", p.name, bytes)
		require.Equal(t, []string{u.Host}, hosts, p.name)
	}
}

// Controls are keyboard-operable with a visible focus, large enough to touch, and motion stops
// for people who asked for less of it.
func TestControlsAreReachableByKeyboardBigEnoughToTouchAndCalmOnRequest(t *testing.T) {
	srv := webtest.Start(t)
	sid := srv.SID(t, "layla@demo.memora.test")
	for _, p := range tour() {
		if p.who == "student@demo.memora.test" {
			continue
		}
		ctx := webtest.Browser(t)
		webtest.Phone(t, ctx)
		if p.who != "" {
			setCookie(t, ctx, srv.URL, "sid", sid)
		}
		webtest.Do(t, ctx, chromedp.Navigate(srv.URL+p.path), chromedp.WaitVisible(chromedp.CSS(p.ready)))

		small, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](smallTargets))
		require.NoError(t, err)
		require.Empty(t, small, "%s: touch targets under 44 px", p.name)

		// The first Tab lands on the skip link, and focus is drawn.
		webtest.Do(t, ctx, chromedp.KeyEvent("\t"))
		focus, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => { const e = document.activeElement;
			const s = getComputedStyle(e); return e.className + "|" + s.outlineStyle + "|" + s.outlineWidth })()`))
		require.NoError(t, err)
		parts := strings.Split(focus, "|")
		require.Equal(t, "skip", parts[0], p.name)
		require.NotEqual(t, "none", parts[1], "%s: focus is visible", p.name)
	}

	ctx := webtest.Browser(t)
	setCookie(t, ctx, srv.URL, "sid", sid)
	_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-reduced-motion", Value: "reduce"}}})
	require.NoError(t, err)
	webtest.Do(t, ctx, chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible(chromedp.CSS(".btn")))
	motion, err := chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.querySelector(".btn")).transitionDuration`))
	require.NoError(t, err)
	require.Equal(t, "0s", motion)
}

// smallTargets lists visible controls smaller than 44 × 44 CSS pixels, except links inside a
// sentence (WCAG 2.5.8 exempts inline links).
const smallTargets = `Array.from(document.querySelectorAll("a, button, input:not([type=hidden]), select, [role=button]"))
  .filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== "hidden" })
  .filter(e => !(e.tagName === "A" && e.closest("p, li.legend, small") && !e.classList.contains("btn")))
  .filter(e => !(e.tagName === "INPUT" && (e.type === "radio" || e.type === "checkbox") && e.closest("label")))
  .filter(e => { const r = e.getBoundingClientRect(); return r.height < 43.5 || r.width < 43.5 })
  .map(e => (e.id ? "#" + e.id : e.tagName.toLowerCase() + "." + e.className) + " " + Math.round(e.getBoundingClientRect().width) + "x" + Math.round(e.getBoundingClientRect().height))`
