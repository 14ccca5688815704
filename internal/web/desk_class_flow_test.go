package web_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"memora/internal/i18n"
	"memora/internal/webtest"
)

// A student plays a lesson; the teacher's class view then shows them active today, and their
// drill-down has the review-load chart and their topics.
func TestATeacherOpensTheClassViewAndSeesTheStudentWhoJustPlayed(t *testing.T) {
	srv := webtest.Start(t)
	student := deskTab(t, srv, deskStudent, "en")
	webtest.Do(t, student, chromedp.Navigate(srv.URL+"/lessons/hist-revolt-2"), chromedp.WaitVisible(chromedp.CSS("#stage-title")))
	playToTheEnd(t, student)
	who := deskWho(t, srv, deskStudent)

	teacher := deskTab(t, srv, deskTeacher, "en")
	webtest.Do(t, teacher, chromedp.Navigate(srv.URL+"/app"), chromedp.WaitVisible(chromedp.CSS(".desk-nav")),
		chromedp.Click(chromedp.CSS(`.desk-nav a[href="/app/class"]`)),
		chromedp.WaitVisible(chromedp.CSS("table.class-table")))
	row := "#student-" + strconv.FormatInt(who.UserID, 10)
	text := deskEval[string](t, teacher, `document.querySelector('`+row+`').textContent.replace(/\s+/g, ' ')`)
	today := i18n.Date(i18n.English, time.Now().In(who.Zone()))
	require.Contains(t, text, today, "the student's last activity is today: %s", text)
	require.Equal(t, 1, deskEval[int](t, teacher, `document.querySelectorAll('svg.chart[role=img]').length`), "the class's review load is charted")
	require.NotEmpty(t, strings.TrimSpace(deskEval[string](t, teacher, `document.querySelector('svg.chart desc').textContent`)))
	webtest.RequireNoSeriousAxe(t, teacher, "desk class view, en")
	webtest.Screenshot(t, teacher, "desk-class-en-desktop")

	webtest.Do(t, teacher, chromedp.Click(chromedp.CSS(row+" a")), chromedp.WaitVisible(chromedp.CSS("dl.desk-facts")))
	require.Contains(t, deskEval[string](t, teacher, `document.querySelector('h1').textContent`), "ليلى")
	require.Equal(t, 1, deskEval[int](t, teacher, `document.querySelectorAll('svg.chart[role=img]').length`))
	webtest.RequireNoSeriousAxe(t, teacher, "desk student drill-down, en")
}
