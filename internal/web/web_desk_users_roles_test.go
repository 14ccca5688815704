package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"memora/internal/webtest"
)

// Each user's role controls say whose and what: one Remove per role the user holds (its name
// naming the role and the user; it opens the removal's confirmation), and a Grant that offers
// only the roles the user lacks. A role the user does not hold cannot be removed: the request is
// refused and nothing changes.
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
		names := deskEval[[]string](t, ctx, `[...document.querySelectorAll('li.user-row summary, li.user-row button, li.user-row select')].filter(b => b.checkVisibility()).map(b => {
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
			Labels: [...r.querySelectorAll('details.desk-confirm > summary, form[action$="/grant"] button')].map(b => b.getAttribute('aria-label')),
			Offered: [...r.querySelectorAll('form[action$="/grant"] option')].map(o => o.value)}; })()`)
	id := row.ID
	require.Equal(t, []string{"Teacher"}, row.Removes, "one Remove, for the role held")
	require.Contains(t, row.Labels, "Remove the \u2068Teacher\u2069 role from \u2068Rana Haddad ("+email+")\u2069")
	require.Contains(t, row.Labels, "Grant the chosen role to \u2068Rana Haddad ("+email+")\u2069")
	require.NotContains(t, row.Offered, "Teacher", "a role held is not offered again")
	require.Contains(t, row.Offered, "Content Manager")

	// A role the user does not hold: refused, nothing changes.
	p = c.post("/app/users/"+id+"/remove", url.Values{"role": {"Content Manager"}, "email": {email}, "confirm": {"Content Manager"}})
	require.Equal(t, http.StatusBadRequest, p.status, p.body)
	require.Contains(t, p.body, "does not have the \u2068Content Manager\u2069 role")
	require.Contains(t, c.get("/app/users?q="+url.QueryEscape(email)).body, `name="role" value="Teacher"`)

	// Grant a second role, then remove the first through its own confirmation: the other stays.
	webtest.Do(t, ctx, chromedp.SetValue(chromedp.CSS("li.user-row select[name=role]"), "Content Manager"),
		chromedp.Click(chromedp.CSS(`li.user-row form[action$="/grant"] button`)),
		chromedp.WaitReady(chromedp.CSS(`li.user-row form[action$="/remove"] input[value="Content Manager"]`)))
	clearNotices(t, ctx)
	webtest.Do(t, ctx, deskConfirmed(`li.user-row details.desk-confirm:has(input[name=role][value="Teacher"])`),
		chromedp.WaitVisible(chromedp.CSS("p.notice")))
	held := deskEval[[]string](t, ctx, `[...document.querySelectorAll('li.user-row .roles .badge')].map(b => b.textContent)`)
	require.Equal(t, []string{"Content Manager"}, held)
	require.False(t, strings.Contains(c.get("/app/users?q="+url.QueryEscape(email)).body, `name="role" value="Teacher"><button`))
}

// Removing a role asks first, as every destructive desk action does: the page offers Remove only
// behind a confirmation, and a request that did not come through it (no confirm field, or one
// naming another role) is refused with the desk's "Nothing was changed" and the role stays; the
// confirmed one removes it.
func TestRemovingARoleWithoutItsConfirmationChangesNothing(t *testing.T) {
	t.Parallel()
	srv := webtest.Start(t)
	c := newClient(t, srv)
	u, _ := url.Parse(srv.URL)
	c.http.Jar.SetCookies(u, []*http.Cookie{{Name: "lang", Value: "en"}})
	c.signIn(deskAdmin)
	const email = "samir@demo.memora.test"
	p := c.post("/app/users", url.Values{"email": {email}, "full_name": {"Samir Odeh"}, "role": {"Teacher"}})
	require.Equal(t, http.StatusSeeOther, p.status, p.body)
	list := "/app/users?q=" + url.QueryEscape(email)
	body := c.get(list).body
	m := regexp.MustCompile(`id="user-(\d+)"`).FindStringSubmatch(body)
	require.NotNil(t, m)
	id := m[1]
	require.Regexp(t, `<details class="desk-confirm" id="confirm-role-`+id+`-\d+">`, body, "Remove asks first")
	require.NotRegexp(t, `action="/app/users/\d+/remove"[^>]*>(<input[^>]*>\s*)*<button`, body, "no Remove acts at once")
	held := func() bool { return strings.Contains(c.get(list).body, `name="role" value="Teacher"`) }

	for _, confirm := range [][]string{nil, {""}, {"Content Manager"}} {
		p = c.post("/app/users/"+id+"/remove", url.Values{"role": {"Teacher"}, "email": {email}, "q": {email}, "confirm": confirm})
		require.Equal(t, http.StatusBadRequest, p.status, "confirm %q: %s", confirm, p.body)
		require.Contains(t, p.body, "Nothing was changed", "confirm %q", confirm)
		require.True(t, held(), "confirm %q: the role stays", confirm)
	}

	p = c.post("/app/users/"+id+"/remove", url.Values{"role": {"Teacher"}, "email": {email}, "q": {email}, "confirm": {"Teacher"}})
	require.Equal(t, http.StatusSeeOther, p.status, p.body)
	require.False(t, held(), "the confirmed removal removed it")
}

// One click on a role's Remove only asks: the question names the role and the user, the
// keyboard opens it and reaches the button that removes, and only that button removes. In
// Arabic and English, on a phone and a desktop.
func TestOneClickOnRemoveRoleOnlyAsks(t *testing.T) {
	srv := webtest.Start(t)
	c := newClient(t, srv)
	c.signIn(deskAdmin)
	role := map[string]string{"ar": "معلّم", "en": "Teacher"}
	for _, lang := range []string{"ar", "en"} {
		for _, device := range []string{"phone", "desktop"} {
			name := lang + ", " + device
			email := "remove-" + lang + "-" + device + "@demo.memora.test"
			p := c.post("/app/users", url.Values{"email": {email}, "full_name": {"Huda " + lang + " " + device}, "role": {"Teacher"}})
			require.Equal(t, http.StatusSeeOther, p.status, p.body)
			list := "/app/users?q=" + url.QueryEscape(email)
			held := func() bool { return strings.Contains(c.get(list).body, `name="role" value="Teacher"`) }
			sel := `li.user-row details.desk-confirm:has(input[name=role][value="Teacher"])`

			ctx := deskTabOn(t, srv, deskAdmin, lang, device)
			webtest.Do(t, ctx, chromedp.Navigate(srv.URL+list), chromedp.WaitVisible(chromedp.CSS(sel+" > summary")),
				chromedp.Click(chromedp.CSS(sel+" > summary")), chromedp.WaitVisible(chromedp.CSS(sel+" form button[type=submit]")))
			got := deskEval[struct {
				Question, Yes, Described string
				Open                     bool
			}](t, ctx, `(() => { const d = document.querySelector('`+sel+`'), b = d.querySelector('form button');
				return {Question: d.querySelector('form p').textContent, Yes: b.textContent,
					Described: document.getElementById(b.getAttribute('aria-describedby')).textContent, Open: d.open}; })()`)
			require.True(t, got.Open, name)
			require.Contains(t, got.Question, role[lang], "%s: the question names the role", name)
			require.Contains(t, got.Question, email, "%s: and the user", name)
			require.Equal(t, got.Question, got.Described, "%s: the button that removes is described by the question", name)
			require.Equal(t, map[string]string{"ar": "نعم، انزع الدور", "en": "Yes, remove"}[lang], strings.TrimSpace(got.Yes), name)
			require.True(t, held(), "%s: one click removed nothing", name)
			webtest.RequireNoSeriousAxe(t, ctx, "desk users with a role removal's confirmation open, "+name)

			// The keyboard: Enter on the closed opener opens it, Tab reaches the button that
			// removes, Enter removes.
			webtest.Do(t, ctx, chromedp.Navigate(srv.URL+list), chromedp.WaitVisible(chromedp.CSS(sel+" > summary")),
				chromedp.Focus(chromedp.CSS(sel+" > summary")), chromedp.KeyEvent("\r"), chromedp.WaitVisible(chromedp.CSS(sel+" form button[type=submit]")),
				chromedp.KeyEvent("\t"))
			require.Equal(t, "YES", deskEval[string](t, ctx, `document.activeElement.closest('`+sel+` form') ? 'YES' : document.activeElement.outerHTML`), name)
			clearNotices(t, ctx)
			webtest.Do(t, ctx, chromedp.KeyEvent("\r"), chromedp.WaitVisible(chromedp.CSS("p.notice")))
			require.False(t, held(), "%s: its own button removed it", name)
		}
	}
}
