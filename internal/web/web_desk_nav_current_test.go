package web_test

import (
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"memora/internal/webtest"
)

// A page opens with its own section in view in the desk's navigation: a System Manager's side
// column scrolls by itself, and it opened scrolled to its top, so on the last sections' pages
// (Alerts, Institution, Audit log) the link marked as the page on screen was out of view. The
// column, not the page, is scrolled (the page's heading stays where it was) and the Tab order is
// unchanged (Tab from the top reaches the first section first). On a phone the opened menu shows
// the link too. In Arabic and English, at 1280 and 360 px.
func TestADeskPageOpensWithItsOwnSectionInViewInTheNavigation(t *testing.T) {
	srv := webtest.Start(t)
	for _, lang := range []string{"ar", "en"} {
		for _, device := range []string{"desktop", "phone"} {
			ctx := deskTabOn(t, srv, deskSystem, lang, device)
			for _, path := range []string{"/app/alerts", "/app/settings", "/app/audit", "/app"} {
				name := fmt.Sprintf("%s (%s, %s)", path, lang, device)
				webtest.Do(t, ctx, chromedp.Navigate(srv.URL+path), chromedp.WaitVisible(chromedp.CSS(".desk-page h1")))
				if device == "phone" {
					require.Equal(t, 0.0, deskEval[float64](t, ctx, `scrollY`), name)
					webtest.Do(t, ctx, chromedp.Click(chromedp.CSS(".desk-menu > summary")))
				}
				type box struct{ Top, Bottom float64 }
				got := deskEval[struct {
					Link, Menu, Heading box
					Inner, ScrollY      float64
					First               string
				}](t, ctx, `(() => {
					const box = (e) => { const r = e.getBoundingClientRect(); return {Top: r.top, Bottom: r.bottom}; };
					return {
						Link: box(document.querySelector('.desk-nav a[aria-current="page"]')),
						Menu: box(document.querySelector('.desk-menu')),
						Heading: box(document.querySelector('.desk-page h1')),
						Inner: innerHeight, ScrollY: scrollY,
						First: document.querySelector('.desk-nav li a').getAttribute('href'),
					};
				})()`)
				require.Greater(t, got.Link.Bottom, got.Link.Top, "%s: the current section's link is shown", name)
				require.GreaterOrEqual(t, got.Link.Top, got.Menu.Top-1, "%s: the current section's link is in view in the navigation", name) // 1px: fractional layout
				require.LessOrEqual(t, got.Link.Bottom, got.Menu.Bottom+1, "%s: the current section's link is in view in the navigation", name)
				require.GreaterOrEqual(t, got.Link.Top, 0.0, "%s: the current section's link is on screen", name)
				require.LessOrEqual(t, got.Link.Bottom, got.Inner, "%s: the current section's link is on screen", name)
				require.Equal(t, 0.0, got.ScrollY, "%s: the page itself is not scrolled", name)
				require.Less(t, got.Heading.Top, got.Inner, "%s: the page's heading is on screen", name)

				if device == "desktop" {
					// Tab from the top of the page: the first link of the column is the first one reached.
					webtest.Do(t, ctx, chromedp.Navigate(srv.URL+path), chromedp.WaitVisible(chromedp.CSS(".desk-page h1")))
					var href string
					for range 8 {
						webtest.Do(t, ctx, chromedp.KeyEvent("\t"))
						if href = deskEval[string](t, ctx, `document.activeElement.closest('.desk-nav') ? document.activeElement.getAttribute('href') || '' : ''`); href != "" {
							break
						}
					}
					require.Equal(t, got.First, href, "%s: Tab reaches the column's first section first", name)
				}
			}
		}
	}
}
