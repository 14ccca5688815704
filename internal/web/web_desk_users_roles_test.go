package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"memora/internal/webtest"
)

// Each user's role controls say whose and what: one Remove per role the user holds (its name
// naming the role and the user), and a Grant that offers only the roles the user lacks. A
// role the user does not hold cannot be removed: the request is refused and nothing changes.
func TestTheUsersPageRemovesOnlyARoleTheUserHoldsAndNamesEveryControl(t *testing.T) {
	srv := webtest.Start(t)
	c := newClient(t, srv)
	u, _ := url.Parse(srv.URL)
	c.http.Jar.SetCookies(u, []*http.Cookie{{Name: "lang", Value: "en"}})
	c.signIn(deskAdmin)
	const email = "rana@demo.memora.test"
	p := c.post("/app/users", url.Values{"email": {email}, "full_name": {"Rana Haddad"}, "role": {"Teacher"}})
	require.Equal(t, http.StatusSeeOther, p.status, p.body)
	for _, lang := range []string{"ar", "en"} {
		ctx := deskTab(t, srv, deskAdmin, lang)
		webtest.Do(t, ctx, chromedp.Navigate(srv.URL+"/app/users"), chromedp.WaitVisible(chromedp.CSS("li.user-row")))
		names := deskEval[[]string](t, ctx, `[...document.querySelectorAll('li.user-row button, li.user-row select')].map(b => {
			const l = b.getAttribute('aria-label') || (b.labels && b.labels[0] && b.labels[0].textContent) || '';
			return l.trim(); })`)
		seen := map[string]bool{}
		for _, n := range names {
			require.NotEmpty(t, n, lang)
			require.False(t, seen[n], "%s: two controls are both called %q", lang, n)
			seen[n] = true
		}
		webtest.RequireNoSeriousAxe(t, ctx, "desk users with role controls, "+lang)
	}

	ctx := deskTab(t, srv, deskAdmin, "en")
	webtest.Do(t, ctx, chromedp.Navigate(srv.URL+"/app/users?q="+url.QueryEscape(email)), chromedp.WaitVisible(chromedp.CSS("li.user-row")))
	row := deskEval[struct {
		ID      string
		Removes []string
		Labels  []string
		Offered []string
	}](t, ctx, `(() => { const r = document.querySelector('li.user-row');
		return {ID: r.id.replace('user-', ''),
			Removes: [...r.querySelectorAll('form[action$="/remove"] input[name=role]')].map(i => i.value),
			Labels: [...r.querySelectorAll('form[action$="/remove"] button, form[action$="/grant"] button')].map(b => b.getAttribute('aria-label')),
			Offered: [...r.querySelectorAll('form[action$="/grant"] option')].map(o => o.value)}; })()`)
	id := row.ID
	require.Equal(t, []string{"Teacher"}, row.Removes, "one Remove, for the role held")
	require.Contains(t, row.Labels, "Remove the \u2068Teacher\u2069 role from \u2068Rana Haddad ("+email+")\u2069")
	require.Contains(t, row.Labels, "Grant the chosen role to \u2068Rana Haddad ("+email+")\u2069")
	require.NotContains(t, row.Offered, "Teacher", "a role held is not offered again")
	require.Contains(t, row.Offered, "Content Manager")

	// A role the user does not hold: refused, nothing changes.
	p = c.post("/app/users/"+id+"/remove", url.Values{"role": {"Content Manager"}, "email": {email}})
	require.Equal(t, http.StatusBadRequest, p.status, p.body)
	require.Contains(t, p.body, "does not have the \u2068Content Manager\u2069 role")
	require.Contains(t, c.get("/app/users?q="+url.QueryEscape(email)).body, `name="role" value="Teacher"`)

	// Grant a second role, then remove the first with its own button: the other stays.
	webtest.Do(t, ctx, chromedp.SetValue(chromedp.CSS("li.user-row select[name=role]"), "Content Manager"),
		chromedp.Click(chromedp.CSS(`li.user-row form[action$="/grant"] button`)),
		chromedp.WaitReady(chromedp.CSS(`li.user-row form[action$="/remove"] input[value="Content Manager"]`)))
	clearNotices(t, ctx)
	webtest.Do(t, ctx, chromedp.Click(chromedp.CSS(`li.user-row form[action$="/remove"]:has(input[value="Teacher"]) button`)),
		chromedp.WaitVisible(chromedp.CSS("p.notice")))
	held := deskEval[[]string](t, ctx, `[...document.querySelectorAll('li.user-row .roles .badge')].map(b => b.textContent)`)
	require.Equal(t, []string{"Content Manager"}, held)
	require.False(t, strings.Contains(c.get("/app/users?q="+url.QueryEscape(email)).body, `name="role" value="Teacher"><button`))
}
