package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"testing"

	"github.com/stretchr/testify/require"

	"memora/internal/webtest"
)

// A student without a profile goes through onboarding without the tab bar, nor a brand link
// home: every page it led to sent them back to the first step (losing what they had chosen).
// What is left are the steps themselves, the language switch and signing out.
func TestOnboardingHasNoTabBarNorLinksThatLeadAway(t *testing.T) {
	t.Parallel()
	srv := webtest.Start(t)
	c := newClient(t, srv)
	c.signIn("student@demo.memora.test")
	href := regexp.MustCompile(`<a [^>]*href="([^"]*)"`)
	for _, path := range []string{"/onboarding", "/onboarding?grade=tawjihi", "/onboarding?grade=tawjihi&stream=scientific"} {
		p := c.get(path)
		require.Equal(t, http.StatusOK, p.status, path)
		require.NotContains(t, p.body, `class="tabbar"`, path)
		require.NotContains(t, p.body, `with-nav`, path)
		for _, m := range href.FindAllStringSubmatch(p.body, -1) {
			require.Regexp(t, `^(#main|/onboarding(\?change=tawjihi)?)$`, m[1], "%s links to %s", path, m[1])
		}
		require.Regexp(t, `<form method="post" action="/logout"`, p.body, "%s: a way to sign out", path)
	}
	p := c.get("/no-such-page")
	require.Equal(t, http.StatusNotFound, p.status)
	require.NotContains(t, p.body, `class="tabbar"`, "not found, while onboarding")

	c = newClient(t, srv)
	c.signIn("layla@demo.memora.test")
	require.Contains(t, c.get("/").body, `class="tabbar"`, "a student with a profile has the tab bar")
	require.Contains(t, c.get("/no-such-page").body, `class="tabbar"`, "also on the not-found page")
}

// Onboarding says in words which step is on screen, for a student who cannot see the progress
// bars (the list of bars said only "Steps" and three empty items).
func TestOnboardingSaysWhichStepIsOnScreen(t *testing.T) {
	t.Parallel()
	srv := webtest.Start(t)
	c := newClient(t, srv)
	c.signIn("student@demo.memora.test")
	for path, want := range map[string]string{
		"/onboarding":                                 "الخطوة ١ من ٣",
		"/onboarding?grade=tawjihi":                   "الخطوة ٢ من ٣",
		"/onboarding?grade=tawjihi&stream=scientific": "الخطوة ٣ من ٣",
	} {
		p := c.get(path)
		require.Contains(t, p.body, `<p class="visually-hidden">`+want+`</p>`, path)
		require.Contains(t, p.body, `<ol class="steps" aria-hidden="true">`, path)
	}
	c.post("/lang", url.Values{"lang": {"en"}, "next": {"/"}})
	require.Contains(t, c.get("/onboarding").body, `<p class="visually-hidden">Step 1 of 3</p>`)
}

// The progress bars show the steps before the one on screen as done and the one on screen as
// current: on the last step all three looked done before the student had chosen a season.
func TestOnboardingsProgressBarsMarkTheStepOnScreenAsCurrent(t *testing.T) {
	t.Parallel()
	srv := webtest.Start(t)
	c := newClient(t, srv)
	c.signIn("student@demo.memora.test")
	for path, want := range map[string]string{
		"/onboarding":                                 `<li class="current"></li><li></li><li></li>`,
		"/onboarding?grade=tawjihi":                   `<li class="done"></li><li class="current"></li><li></li>`,
		"/onboarding?grade=tawjihi&stream=scientific": `<li class="done"></li><li class="done"></li><li class="current"></li>`,
		"/onboarding?grade=grade-10":                  `<li class="done"></li><li class="done"></li><li class="current"></li>`, // no streams: skipped
	} {
		p := c.get(path)
		require.Equal(t, http.StatusOK, p.status, path)
		require.Contains(t, p.body, `<ol class="steps" aria-hidden="true">`+want+`</ol>`, path)
	}
}

// "change" beside the chosen grade goes back to the grade step with that grade still selected
// (the first grade was selected again, so a Tawjihi student who went back to look and pressed
// Next found themselves in grade 10).
func TestOnboardingChangeKeepsTheChosenGradeSelected(t *testing.T) {
	t.Parallel()
	srv := webtest.Start(t)
	c := newClient(t, srv)
	c.signIn("student@demo.memora.test")
	checked := regexp.MustCompile(`<input type="radio" name="grade" value="([^"]*)"[^>]* checked>`)
	link := regexp.MustCompile(`<a href="([^"]*)">تغيير</a>`)
	for _, path := range []string{"/onboarding?grade=tawjihi", "/onboarding?grade=tawjihi&stream=scientific"} {
		m := link.FindStringSubmatch(c.get(path).body)
		require.NotNil(t, m, "%s: a link to change the grade", path)
		got := checked.FindAllStringSubmatch(c.get(m[1]).body, -1)
		require.Len(t, got, 1, path)
		require.Equal(t, "tawjihi", got[0][1], path)
	}
	got := checked.FindAllStringSubmatch(c.get("/onboarding").body, -1)
	require.Len(t, got, 1)
	require.Equal(t, "grade-10", got[0][1], "the first grade, when nothing was chosen yet")
}
