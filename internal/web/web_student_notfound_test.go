package web_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"memora/internal/webtest"
)

// The not-found page offers a way back that works for its reader, in their language: a guest
// signs in or signs up (home only sent them to the sign-in page), a student goes home.
func TestTheNotFoundPageOffersAWayBackForGuestsAndStudents(t *testing.T) {
	t.Parallel()
	srv := webtest.Start(t)
	c := newClient(t, srv)
	p := c.get("/no-such-page")
	require.Equal(t, http.StatusNotFound, p.status)
	require.Contains(t, p.body, `href="/login">تسجيل الدخول</a>`)
	require.Contains(t, p.body, `href="/signup">أنشئ حسابك</a>`)
	c.post("/lang", url.Values{"lang": {"en"}, "next": {"/"}})
	p = c.get("/no-such-page")
	require.Contains(t, p.body, `href="/login">Sign in</a>`)
	require.Contains(t, p.body, `href="/signup">Create your account</a>`)

	c = newClient(t, srv)
	c.signIn("layla@demo.memora.test")
	p = c.get("/no-such-page")
	require.Contains(t, p.body, `class="btn btn-primary" href="/">العودة إلى الرئيسية</a>`)
	require.NotContains(t, p.body, `href="/login"`)
}

// The not-found page's heading is written in the app's ink like every other page's heading (it
// was the grey of the muted text around it), in both languages, for guests and students.
func TestTheNotFoundHeadingIsInkNotGrey(t *testing.T) {
	srv := webtest.Start(t)
	sid := srv.SID(t, "layla@demo.memora.test")
	for _, who := range []string{"", sid} {
		for _, lang := range []string{"ar", "en"} {
			ctx := phoneTab(t, srv, who, lang)
			webtest.Do(t, ctx, chromedp.Navigate(srv.URL+"/no-such-page"), chromedp.WaitVisible(chromedp.CSS("main h1")))
			colors, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[getComputedStyle(document.querySelector("main h1")).color, getComputedStyle(document.body).color]`))
			require.NoError(t, err)
			require.Equal(t, colors[1], colors[0], "%s (signed in: %t): the heading's colour is the ink", lang, who != "")
		}
	}
}

// A lesson of paid content leads to the store, where the student can unlock it (the page said
// "subscribe to open it" and offered only the way home); a lesson locked by progression does not.
func TestAPaidLessonLeadsToTheStore(t *testing.T) {
	t.Parallel()
	srv := webtest.Start(t)
	c := newClient(t, srv)
	c.signIn("layla@demo.memora.test")
	store := `<a class="btn btn-primary" href="/store">اذهب إلى المتجر</a>`
	p := c.get("/lessons/math-olympiad-1")
	require.Equal(t, http.StatusForbidden, p.status)
	require.Contains(t, p.body, store)
	require.Contains(t, p.body, `<a class="btn btn-ghost" href="/">العودة إلى الرئيسية</a>`)
	p = c.get("/lessons/math-quad-3")
	require.Equal(t, http.StatusForbidden, p.status)
	require.NotContains(t, p.body, store, "a lesson locked by progression")
	require.Contains(t, p.body, `<a class="btn btn-primary" href="/">العودة إلى الرئيسية</a>`)
	c.post("/lang", url.Values{"lang": {"en"}, "next": {"/"}})
	require.Contains(t, c.get("/lessons/math-olympiad-1").body, `<a class="btn btn-primary" href="/store">See the store</a>`)
}
