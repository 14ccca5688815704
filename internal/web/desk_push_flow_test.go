package web_test

import (
	"strconv"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"memora/internal/webtest"
)

// A student plays a lesson; the teacher pushes one of the student's weakest topics to review
// from the class view, and the student's focus review of that topic shows each card "from
// your teacher".
func TestATeacherPushesAWeakTopicAndTheStudentSeesItFromTheTeacher(t *testing.T) {
	srv := webtest.Start(t)
	student := deskTab(t, srv, deskStudent, "en")
	webtest.Do(t, student, chromedp.Navigate(srv.URL+"/lessons/hist-revolt-2"), chromedp.WaitVisible(chromedp.CSS("#stage-title")))
	playToTheEnd(t, student)
	id := strconv.FormatInt(deskWho(t, srv, deskStudent).UserID, 10)

	teacher := deskTab(t, srv, deskTeacher, "en")
	webtest.Do(t, teacher, chromedp.Navigate(srv.URL+"/app/class"), chromedp.WaitVisible(chromedp.CSS("#push")))
	webtest.RequireNoSeriousAxe(t, teacher, "desk class view with the push action, en")
	form := `#push form:has(input[name=student][value="` + id + `"])`
	topic := deskEval[string](t, teacher, `document.querySelector('`+form+` input[name=topic]').value`)
	require.NotEmpty(t, topic)
	webtest.Do(t, teacher, chromedp.Click(chromedp.CSS(form+" button")), chromedp.WaitVisible(chromedp.CSS(".desk-page p.notice")))
	require.Contains(t, deskEval[string](t, teacher, `document.querySelector('h1').textContent`), "Pushed to review")
	webtest.RequireNoSeriousAxe(t, teacher, "desk push result, en")

	webtest.Do(t, student, chromedp.Navigate(srv.URL+"/review?topic="+topic), chromedp.WaitVisible(chromedp.CSS(".review-card .from-teacher")))
	require.Equal(t, "From your teacher", deskEval[string](t, student, `document.querySelector('.review-card .from-teacher').textContent.trim()`))
	webtest.RequireNoSeriousAxe(t, student, "review card from the teacher, en")
	webtest.Screenshot(t, student, "review-from-teacher-en-desktop")
}
