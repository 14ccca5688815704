package web_test

import (
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"memora/internal/webtest"
)

// On a phone the desk's sections are one line above the page (a disclosure naming the page on
// screen), so a page's heading starts near the top of the screen: the list itself took 450 px
// and more above every heading. With the keyboard alone every section is reached, in order and
// with a visible focus ring, on a phone (through the disclosure) and on a desktop (the side
// column), in Arabic and English.
func TestTheDeskNavigationLeavesAPhonePageItsTopAndEveryLinkIsReachedWithTab(t *testing.T) {
	srv := webtest.Start(t)
	pages := []struct{ who, path string }{
		{deskSystem, "/app"}, // the most sections, and the page of cards that repeated them
		{deskSystem, "/app/srs"},
		{deskContentManager, "/app/content/lessons/math-quad-1"}, // a back link above its heading
	}
	sids := map[string]string{}
	for _, lang := range []string{"ar", "en"} {
		for _, device := range []string{"phone", "desktop"} {
			for _, p := range pages {
				name := fmt.Sprintf("%s (%s, %s)", p.path, lang, device)
				ctx := webtest.Browser(t)
				if device == "phone" {
					webtest.Phone(t, ctx)
				} else {
					webtest.Desktop(t, ctx)
				}
				if sids[p.who] == "" {
					sids[p.who] = srv.SID(t, p.who)
				}
				deskCookie(t, ctx, srv, "lang", lang)
				deskCookie(t, ctx, srv, "sid", sids[p.who])
				webtest.Do(t, ctx, chromedp.Navigate(srv.URL+p.path), chromedp.WaitVisible(chromedp.CSS(".desk-page h1")))
				top := deskEval[float64](t, ctx, `document.querySelector('.desk-page h1').getBoundingClientRect().top`)
				require.LessOrEqual(t, top, 200.0, "%s: the page's heading starts near the top of the screen", name)
				links := deskEval[[]string](t, ctx, `[...document.querySelectorAll('.desk-nav li a')].map(a => a.getAttribute('href'))`)
				require.GreaterOrEqual(t, len(links), 4, name)

				// Tab from the top of the page: past the top bar to the navigation, through the
				// disclosure's summary on a phone (Enter opens it), then every section in order.
				var reached []string
				opened := false
				for range len(links) + 12 {
					webtest.Do(t, ctx, chromedp.KeyEvent("\t"))
					f := deskEval[struct {
						Tag, Href, Outline string
						Nav, Shown         bool
					}](t, ctx, `(() => {
						const e = document.activeElement, r = e.getBoundingClientRect();
						return {Tag: e.tagName, Href: e.getAttribute('href') || '', Outline: getComputedStyle(e).outlineStyle,
							Nav: !!e.closest('.desk-nav'), Shown: r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight};
					})()`)
					if !f.Nav {
						if len(reached) > 0 || opened {
							break // past the navigation
						}
						continue // the top bar
					}
					require.True(t, f.Shown, "%s: %s %s is on screen when focused", name, f.Tag, f.Href)
					require.NotEqual(t, "none", f.Outline, "%s: %s %s shows its focus", name, f.Tag, f.Href)
					switch f.Tag {
					case "SUMMARY":
						require.Equal(t, "phone", device, "%s: the side column has no summary", name)
						require.False(t, opened, name)
						webtest.Do(t, ctx, chromedp.KeyEvent("\r"))
						opened = true
					case "A":
						reached = append(reached, f.Href)
					}
				}
				require.Equal(t, links, reached, "%s: every section is reached with Tab, in order", name)
			}
		}
	}
}

// On a desktop the side column fits the screen: a System Manager's seventeen sections were taller
// than a 1280×800 screen, so the last of them came into view only near the bottom of the page.
// The column ends within the screen, scrolled to the top of the page and to its end, and each
// section can be brought into view inside it (the column scrolls by itself when it must), in
// Arabic and English.
func TestTheDeskSideColumnFitsADesktopScreen(t *testing.T) {
	srv := webtest.Start(t)
	sid := srv.SID(t, deskSystem)
	for _, lang := range []string{"ar", "en"} {
		for _, path := range []string{"/app", "/app/srs"} {
			name := fmt.Sprintf("%s (%s)", path, lang)
			ctx := webtest.Browser(t)
			webtest.Desktop(t, ctx)
			deskCookie(t, ctx, srv, "lang", lang)
			deskCookie(t, ctx, srv, "sid", sid)
			webtest.Do(t, ctx, chromedp.Navigate(srv.URL+path), chromedp.WaitVisible(chromedp.CSS(".desk-nav li a")))
			links := deskEval[int](t, ctx, `document.querySelectorAll('.desk-nav li a').length`)
			require.GreaterOrEqual(t, links, 12, "%s: a System Manager has many sections", name)
			for _, at := range []string{"0", "document.documentElement.scrollHeight"} {
				r := deskEval[struct{ Top, Bottom, Inner float64 }](t, ctx, `(() => {
					scrollTo(0, `+at+`);
					const r = document.querySelector('.desk-nav').getBoundingClientRect();
					return {Top: r.top, Bottom: r.bottom, Inner: innerHeight};
				})()`)
				require.GreaterOrEqual(t, r.Top, 0.0, "%s, scrolled to %s: the column starts on screen", name, at)
				require.LessOrEqual(t, r.Bottom, r.Inner, "%s, scrolled to %s: the column ends on screen", name, at)
			}
			// Each section, and the sign-out button after them, comes into view inside the column
			// with the page itself scrolled to its top.
			shown := deskEval[[]bool](t, ctx, `(() => {
				scrollTo(0, 0);
				const nav = document.querySelector('.desk-nav');
				return [...nav.querySelectorAll('li a, button')].map(a => {
					a.scrollIntoView({block: 'nearest'});
					const r = a.getBoundingClientRect(), n = nav.getBoundingClientRect();
					return r.height > 0 && r.top >= n.top - 1 && r.bottom <= n.bottom + 1 && r.top >= 0 && r.bottom <= innerHeight; // 1px: fractional layout
				});
			})()`)
			require.Len(t, shown, links+1, name)
			for i, ok := range shown {
				require.True(t, ok, "%s: item %d of the column comes into view inside it", name, i)
			}
		}
	}
}
