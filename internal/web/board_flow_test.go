package web_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"memora/internal/i18n"
	"memora/internal/identity"
	"memora/internal/profile"
	"memora/internal/webtest"
)

// flowLang sets the tab's language cookie, as the language switch does.
func flowLang(t *testing.T, ctx context.Context, srv *webtest.Server, lang string) {
	t.Helper()
	_, err := chromedp.Call(ctx, network.SetCookie, network.SetCookieParams{Name: i18n.CookieName, Value: lang,
		URL: srv.URL + "/", Path: "/"})
	require.NoError(t, err)
}

// flowEval runs a JavaScript expression in the page and decodes its JSON-able result into T.
func flowEval[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[json.RawMessage](expr))
	require.NoError(t, err, expr)
	var out T
	require.NoError(t, json.Unmarshal(raw, &out), string(raw))
	return out
}

// boardRow is a row of the leaderboard as the page shows it.
type boardRow struct {
	Text   string `json:"text"`
	Me     bool   `json:"me"`
	Pinned bool   `json:"pinned"`
}

const readBoard = `[...document.querySelectorAll('ol.board li')].map(li => ({
	text: li.textContent.replace(/\s+/g, ' ').trim(), me: li.classList.contains('me'),
	pinned: li.parentElement.classList.contains('me-pinned')}))`

func TestAStudentSwitchesTheLeaderboardToWeeklyAndASubjectAndSeesTheirOwnRank(t *testing.T) {
	srv := webtest.Start(t)
	ctx := webtest.Browser(t)
	webtest.Phone(t, ctx)
	flowLang(t, ctx, srv, "ar")
	srv.Login(t, ctx, "layla@demo.memora.test")

	// From home, by the tab bar.
	webtest.Do(t, ctx, chromedp.Navigate(srv.URL+"/"), chromedp.Click(chromedp.CSS(`nav.tabbar a[href="/leaderboard"]`)),
		chromedp.WaitVisible(chromedp.CSS(`.board-tabs a[aria-current="page"][href*="period=all_time"]`)))
	rows := flowEval[[]boardRow](t, ctx, readBoard)
	require.NotEmpty(t, rows, "all time lists the institution's players")

	webtest.Do(t, ctx, chromedp.Click(chromedp.CSS(`.board-tabs a[href*="period=weekly"]`)),
		chromedp.WaitVisible(chromedp.CSS(`.board-tabs a[aria-current="page"][href*="period=weekly"]`)),
		chromedp.SetValue(chromedp.CSS("#board-subject"), "math"),
		chromedp.Click(chromedp.CSS(`form.subject-select button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(`.board-tabs a[aria-current="page"][href*="subject=math"]`)))
	require.Equal(t, "math", flowEval[string](t, ctx, `document.querySelector('#board-subject option[selected]').value`),
		"the chosen subject stays selected")
	loc, err := chromedp.Run(ctx, chromedp.Location())
	require.NoError(t, err)
	require.Contains(t, loc, "period=weekly")
	require.Contains(t, loc, "subject=math")
	require.True(t, flowEval[bool](t, ctx, `!!document.querySelector('.board-tabs a[aria-current="page"][href*="period=weekly"][href*="subject=math"]')`),
		"the period tabs keep the chosen subject")

	// The page's rank is the service's, in Arabic digits, on the highlighted row.
	who := flowPrincipal(t, srv, "layla@demo.memora.test")
	want, err := srv.App.Leaderboard.Get(context.Background(), who, "math", "weekly")
	require.NoError(t, err)
	require.NotNil(t, want.UserRank.Rank, "the demo student has weekly mathematics XP")
	rows = flowEval[[]boardRow](t, ctx, readBoard)
	var mine []boardRow
	for _, r := range rows {
		if r.Me {
			mine = append(mine, r)
		}
	}
	require.Len(t, mine, 1, "one highlighted row: %v", rows)
	require.Contains(t, mine[0].Text, "المركز "+i18n.Number(i18n.Arabic, *want.UserRank.Rank))
	require.Contains(t, mine[0].Text, i18n.Number(i18n.Arabic, want.UserRank.XP))
	require.Contains(t, mine[0].Text, "أنت")
	require.Equal(t, len(want.Leaderboard), len(rows)-flowBtoi(mine[0].Pinned))
	webtest.RequireNoSeriousAxe(t, ctx, "leaderboard, weekly, math, ar, phone")
}

func TestAStudentWithoutXPSeesTheirRowPinnedBelowTheBoard(t *testing.T) {
	srv := webtest.Start(t)
	const email = "student@demo.memora.test" // no profile in the demo: onboard them, with no XP yet
	who := flowPrincipal(t, srv, email)
	require.NoError(t, srv.App.Profile.SetAcademicProfile(context.Background(), who.UserID,
		profile.AcademicChoice{Grade: "grade-10", Season: "SEASON-2026"}))
	ctx := webtest.Browser(t)
	webtest.Desktop(t, ctx)
	flowLang(t, ctx, srv, "en")
	srv.Login(t, ctx, email)
	webtest.Do(t, ctx, chromedp.Navigate(srv.URL+"/leaderboard?period=monthly"), chromedp.WaitVisible(chromedp.CSS("ol.board.me-pinned li.me")))
	rows := flowEval[[]boardRow](t, ctx, readBoard)
	last := rows[len(rows)-1]
	require.True(t, last.Me && last.Pinned, "the reader's row comes last, pinned: %v", rows)
	require.Contains(t, last.Text, "Not ranked yet")
	require.Contains(t, last.Text, "earn XP to join the board")
	for _, r := range rows[:len(rows)-1] {
		require.False(t, r.Me, "the reader is not in the list itself")
	}
	webtest.RequireNoSeriousAxe(t, ctx, "leaderboard, pinned, en, desktop")
}

func TestAnUnknownPeriodOrSubjectIsAClearErrorPage(t *testing.T) {
	srv := webtest.Start(t)
	ctx := webtest.Browser(t)
	flowLang(t, ctx, srv, "en")
	srv.Login(t, ctx, "layla@demo.memora.test")
	for path, status := range map[string]int64{
		"/leaderboard?period=yearly":       400,
		"/leaderboard?subject=no-such-one": 404,
	} {
		resp, err := chromedp.RunResponse(ctx, chromedp.Navigate(srv.URL+path))
		require.NoError(t, err)
		require.Equal(t, status, resp.Status, path)
		text, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main")))
		require.NoError(t, err)
		require.NotEmpty(t, text, path)
	}
}

func flowPrincipal(t *testing.T, srv *webtest.Server, email string) identity.Principal {
	t.Helper()
	who, err := srv.App.Identity.AuthenticateSession(context.Background(), srv.SID(t, email))
	require.NoError(t, err)
	return who
}

func flowBtoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
