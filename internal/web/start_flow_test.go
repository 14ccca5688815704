package web_test

import (
	"context"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"memora/internal/demo"
	"memora/internal/webtest"
)

// A new student signs in with the form, is taken through onboarding (grade, stream, season),
// lands on home, switches to English and the page turns left to right, and back.
func TestANewStudentSignsInOnboardsAndSwitchesLanguage(t *testing.T) {
	srv := webtest.Start(t)
	ctx := webtest.Browser(t)
	webtest.Phone(t, ctx)
	webtest.AcceptLanguage(t, ctx, "ar")

	webtest.Do(t, ctx,
		chromedp.Navigate(srv.URL+"/"),
		chromedp.WaitVisible(chromedp.CSS("form[action='/login']")),
		chromedp.SendKeys(chromedp.CSS("#email"), "student@demo.memora.test"),
		chromedp.SendKeys(chromedp.CSS("#password"), "wrong password"),
		chromedp.Click(chromedp.CSS("form[action='/login'] button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#login-error")),
	)
	webtest.Do(t, ctx,
		chromedp.SendKeys(chromedp.CSS("#password"), demo.Password),
		chromedp.Click(chromedp.CSS("form[action='/login'] button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("input[name=grade]")),
		chromedp.Click(chromedp.CSS("input[name=grade][value=tawjihi]")),
		chromedp.Click(chromedp.CSS("form.card button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("input[name=stream]")),
		chromedp.Click(chromedp.CSS("input[name=stream][value=scientific]")),
		chromedp.Click(chromedp.CSS("form.card button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("input[name=season]")),
		chromedp.Click(chromedp.CSS("form.card button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".due-card")),
	)
	require.Equal(t, "rtl ar", direction(t, ctx))
	subjects, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll(".subjects .subject").length`))
	require.NoError(t, err)
	require.Positive(t, subjects, "the plan's subjects are on home")

	webtest.Do(t, ctx, chromedp.Click(chromedp.CSS("form.lang-switch button")), chromedp.WaitVisible(chromedp.CSS("html[lang=en]")))
	require.Equal(t, "ltr en", direction(t, ctx))
	webtest.Do(t, ctx, chromedp.Click(chromedp.CSS("a[href='/leaderboard']")), chromedp.WaitVisible(chromedp.CSS("main h1")))
	require.Equal(t, "ltr en", direction(t, ctx), "the choice persists from page to page")

	webtest.Do(t, ctx, chromedp.Click(chromedp.CSS("form.lang-switch button")), chromedp.WaitVisible(chromedp.CSS("html[lang=ar]")))
	require.Equal(t, "rtl ar", direction(t, ctx))
}

// direction is the page's "dir lang", e.g. "rtl ar".
func direction(t *testing.T, ctx context.Context) string {
	t.Helper()
	d, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.documentElement.dir + " " + document.documentElement.lang`))
	require.NoError(t, err)
	return d
}
