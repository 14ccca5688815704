package web_test

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"memora/internal/webtest"
)

// deskTourPage is a desk page, who opens it, and what shows once it is usable.
type deskTourPage struct {
	name, path, who, ready string
}

func deskTour() []deskTourPage {
	return []deskTourPage{
		{"desk-login", "/app/login", "", "form[action='/login']"},
		{"desk-home", "/app", deskAdmin, ".desk-cards"},
		{"desk-home-teacher", "/app", deskTeacher, ".desk-nav"},
		{"desk-class", "/app/class", deskTeacher, "table.class-table"},
		{"desk-student", "/app/class/{layla}", deskTeacher, "dl.desk-facts"},
		{"desk-content", "/app/content", deskContentManager, "#new-subject"},
		{"desk-tree", "/app/content/subjects/math", deskContentManager, ".content-tree"},
		{"desk-lesson", "/app/content/lessons/math-quad-1", deskContentManager, "#new-stage"},
		{"desk-plans", "/app/plans", deskAdmin, "#new-plan"},
		{"desk-import", "/app/import", deskContentManager, "#import-check"},
		{"desk-grades", "/app/grades", deskSystem, "#new-grade"},
		{"desk-purchases", "/app/purchases", deskAdmin, ".desk-tabs"},
		{"desk-purchases-all", "/app/purchases", deskSystem, "#purchase-filter"},
		{"desk-items", "/app/items", deskAdmin, "#new-item"},
		{"desk-subscriptions", "/app/subscriptions", deskAdmin, "table.subs-table"},
		{"desk-users", "/app/users", deskAdmin, "#new-user"},
		{"desk-people", "/app/people", deskAdmin, "table.join-codes"},
		{"desk-settings", "/app/settings", deskAdmin, "#settings"},
		{"desk-audit", "/app/audit", deskSystem, "table.audit-log"},
		{"desk-seasons", "/app/seasons", deskSystem, "#new-season"},
		{"desk-srs", "/app/srs", deskSystem, "#seasons-h"},
		{"desk-alerts", "/app/alerts", deskSystem, ".desk-tabs"},
		{"desk-forbidden", "/app/srs", deskAdmin, "p.alert"},
	}
}

// Every desk page, in Arabic and English, on a phone and a desktop: the direction follows the
// language, axe-core finds nothing serious or critical, no script error or CSP violation is
// logged, and a screenshot is taken (into docs/screenshots with MEMORA_UPDATE_SCREENSHOTS=1).
func TestEveryDeskPageInBothLanguagesOnPhoneAndDesktopIsAccessible(t *testing.T) {
	srv := webtest.Start(t)
	// Something to decide, so the queue shows its table.
	_, err := srv.App.Shop.Request(t.Context(), deskWho(t, srv, deskStudent), "item-physics-full", "BANK-1")
	require.NoError(t, err)
	sids := map[string]string{}
	layla := strconv.FormatInt(deskWho(t, srv, deskStudent).UserID, 10)
	for _, lang := range []string{"ar", "en"} {
		for _, device := range []string{"phone", "desktop"} {
			t.Run(lang+"-"+device, func(t *testing.T) {
				for _, p := range deskTour() {
					ctx := webtest.Browser(t)
					if device == "phone" {
						webtest.Phone(t, ctx)
					} else {
						webtest.Desktop(t, ctx)
					}
					deskCookie(t, ctx, srv, "lang", lang)
					if p.who != "" {
						if sids[p.who] == "" {
							sids[p.who] = srv.SID(t, p.who)
						}
						deskCookie(t, ctx, srv, "sid", sids[p.who])
					}
					webtest.Do(t, ctx, chromedp.Navigate(srv.URL+strings.ReplaceAll(p.path, "{layla}", layla)), chromedp.WaitVisible(chromedp.CSS(p.ready)))
					dir := deskEval[string](t, ctx, `document.documentElement.dir + " " + document.documentElement.lang`)
					require.Equal(t, map[string]string{"ar": "rtl ar", "en": "ltr en"}[lang], dir, p.name)
					require.False(t, deskEval[bool](t, ctx, `!!document.querySelector('nav.tabbar')`), "%s: the student tab bar is not on desk pages", p.name)
					wide := deskEval[int](t, ctx, `document.documentElement.scrollWidth - document.documentElement.clientWidth`)
					require.LessOrEqual(t, wide, 0, "%s (%s, %s): the page is wider than the screen (a wide table scrolls in its own box)", p.name, lang, device)
					tight := deskEval[[]string](t, ctx, `[...document.querySelectorAll('.desk-page > section + section')]
						.filter((s) => s.getBoundingClientRect().top - s.previousElementSibling.getBoundingClientRect().bottom < 20)
						.map((s) => s.id || s.getAttribute('aria-labelledby'))`)
					require.Empty(t, tight, "%s (%s, %s): sections that sit tight under the one before", p.name, lang, device)
					webtest.RequireNoSeriousAxe(t, ctx, fmt.Sprintf("%s, %s, %s", p.name, lang, device))
					webtest.RequireNoConsoleErrors(t, ctx)
					webtest.Screenshot(t, ctx, fmt.Sprintf("%s-%s-%s", p.name, lang, device))
				}
			})
		}
	}
}

// The navigation offers each role its sections only, and a section outside the roles is a 403
// page; a guest is sent to the desk's sign-in page.
func TestTheDeskShowsEachRoleItsOwnSections(t *testing.T) {
	srv := webtest.Start(t)
	want := map[string][]string{
		deskTeacher:        {"/app", "/app/class"},
		deskContentManager: {"/app", "/app/content", "/app/plans", "/app/import"},
		deskAdmin:          {"/app", "/app/class", "/app/content", "/app/plans", "/app/import", "/app/purchases", "/app/items", "/app/subscriptions", "/app/users", "/app/people", "/app/settings", "/app/audit"},
		deskSystem:         {"/app", "/app/class", "/app/content", "/app/plans", "/app/import", "/app/purchases", "/app/items", "/app/subscriptions", "/app/users", "/app/people", "/app/grades", "/app/seasons", "/app/srs", "/app/alerts", "/app/settings", "/app/audit", "/app/jobs/"},
	}
	for who, links := range want {
		ctx := deskTab(t, srv, who, "en")
		webtest.Do(t, ctx, chromedp.Navigate(srv.URL+"/app"), chromedp.WaitVisible(chromedp.CSS(".desk-nav")))
		got := deskEval[[]string](t, ctx, `[...document.querySelectorAll('.desk-nav li a')].map(a => a.getAttribute('href'))`)
		require.Subset(t, got, links, who)
		require.Subset(t, links, got, who)
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	get := func(path, email string) *http.Response {
		req, _ := http.NewRequest(http.MethodGet, srv.URL+path, nil)
		if email != "" {
			req.AddCookie(&http.Cookie{Name: "sid", Value: srv.SID(t, email)})
		}
		resp, err := client.Do(req)
		require.NoError(t, err)
		resp.Body.Close()
		return resp
	}
	require.Equal(t, http.StatusForbidden, get("/app/purchases", deskTeacher).StatusCode)
	require.Equal(t, http.StatusForbidden, get("/app/srs", deskAdmin).StatusCode)
	require.Equal(t, http.StatusForbidden, get("/app/grades", deskAdmin).StatusCode, "grades and streams are System Managers'")
	require.Equal(t, http.StatusForbidden, get("/app/import", deskTeacher).StatusCode)
	require.Equal(t, http.StatusForbidden, get("/app", deskStudent).StatusCode, "students are not staff")
	resp := get("/app/audit", "")
	require.Equal(t, http.StatusSeeOther, resp.StatusCode)
	require.Equal(t, "/app/login?next=%2Fapp%2Faudit", resp.Header.Get("Location"))
	resp = get("/", deskAdmin)
	require.Equal(t, http.StatusSeeOther, resp.StatusCode, "staff who do not study open the desk")
	require.Equal(t, "/app", resp.Header.Get("Location"))
}
