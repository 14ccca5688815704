package web_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"memora/internal/webtest"
)

// A System Manager creates a stream and a grade that offers it, renames the grade, is refused
// deleting a grade students still use (the page says by how many), and deletes the new grade
// and stream.
func TestASystemManagerManagesGradesAndStreams(t *testing.T) {
	srv := webtest.Start(t)
	sm := deskTab(t, srv, deskSystem, "en")
	webtest.Do(t, sm, chromedp.Navigate(srv.URL+"/app"), chromedp.WaitVisible(chromedp.CSS(".desk-nav")),
		chromedp.Click(chromedp.CSS(`.desk-nav a[href="/app/grades"]`)),
		chromedp.WaitVisible(chromedp.CSS("#new-grade")))
	require.Equal(t, 1, deskEval[int](t, sm, `document.querySelectorAll('#grade-tawjihi').length`), "the demo's grades are listed")

	webtest.Do(t, sm, chromedp.SendKeys(chromedp.CSS("#new-stream-id"), "arts"),
		chromedp.SendKeys(chromedp.CSS("#new-stream-title"), "الفنون"),
		chromedp.SendKeys(chromedp.CSS("#new-stream-title-en"), "Arts"),
		chromedp.Click(chromedp.CSS("#new-stream button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#stream-arts")))
	require.Contains(t, deskEval[string](t, sm, `document.querySelector('p.notice').textContent`), "Stream saved")

	webtest.Do(t, sm, chromedp.SendKeys(chromedp.CSS("#new-grade-id"), "grade-11"),
		chromedp.SendKeys(chromedp.CSS("#new-grade-title"), "الصف الحادي عشر"),
		chromedp.SendKeys(chromedp.CSS("#new-grade-title-en"), "Grade 11"),
		chromedp.Click(chromedp.CSS(`#new-grade input[name=stream][value=arts]`)),
		chromedp.Click(chromedp.CSS("#new-grade button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#grade-grade-11")))
	require.Contains(t, deskEval[string](t, sm, `document.querySelector('#grade-grade-11').textContent`), "Grade 11")
	require.Contains(t, deskEval[string](t, sm, `document.querySelector('#grade-grade-11 .streams').textContent`), "Arts", "the grade's streams by title")

	// Rename it.
	clearNotices(t, sm)
	webtest.Do(t, sm, chromedp.Click(chromedp.CSS("#grade-grade-11 details summary")),
		chromedp.SetValue(chromedp.CSS("#grade-grade-11-title-en"), "Eleventh grade"),
		chromedp.Click(chromedp.CSS("#grade-grade-11 details button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("p.notice")))
	require.Contains(t, deskEval[string](t, sm, `document.querySelector('#grade-grade-11').textContent`), "Eleventh grade")
	require.Contains(t, deskEval[string](t, sm, `document.querySelector('#grade-grade-11 .streams').textContent`), "Arts", "renaming keeps its streams")
	webtest.RequireNoSeriousAxe(t, sm, "desk grades, en")

	// The demo's Tawjihi has students and plans: refused, saying so.
	clearNotices(t, sm)
	webtest.Do(t, sm, deskConfirmed("#confirm-grade-tawjihi"),
		chromedp.WaitVisible(chromedp.CSS("#grades-error")))
	msg := deskEval[string](t, sm, `document.querySelector('#grades-error').textContent`)
	require.Contains(t, msg, "Grade tawjihi is in use")
	require.Contains(t, msg, "students")
	require.Equal(t, 1, deskEval[int](t, sm, `document.querySelectorAll('#grade-tawjihi').length`), "still there")
	webtest.RequireNoSeriousAxe(t, sm, "desk grades with a refusal, en")

	// The stream is offered by grade-11: refused until the grade goes.
	clearNotices(t, sm)
	webtest.Do(t, sm, deskConfirmed("#confirm-stream-arts"),
		chromedp.WaitVisible(chromedp.CSS("#grades-error")))
	require.Contains(t, deskEval[string](t, sm, `document.querySelector('#grades-error').textContent`), "1 grades")
	clearNotices(t, sm)
	webtest.Do(t, sm, deskConfirmed("#confirm-grade-grade-11"),
		chromedp.WaitVisible(chromedp.CSS("p.notice")))
	require.Zero(t, deskEval[int](t, sm, `document.querySelectorAll('#grade-grade-11').length`))
	clearNotices(t, sm)
	webtest.Do(t, sm, deskConfirmed("#confirm-stream-arts"),
		chromedp.WaitVisible(chromedp.CSS("p.notice")))
	require.Zero(t, deskEval[int](t, sm, `document.querySelectorAll('#stream-arts').length`))
	require.Contains(t, deskEval[string](t, sm, `document.querySelector('p.notice').textContent`), "Stream deleted")
}

// clearNotices removes the page's notices and alerts, so waiting for one waits for the next page.
func clearNotices(t *testing.T, ctx context.Context) {
	t.Helper()
	deskEval[int](t, ctx, `document.querySelectorAll('p.notice, p.alert').forEach(e => e.remove()), 0`)
}

// importFile is a small import file of the demo institution's own content.
const importFile = `{
  "format": "memora-import",
  "version": 1,
  "subjects": [{"id": "geo-desk", "institution": "demo-academy", "title": "الجغرافيا", "title_en": "Geography"}],
  "tracks": [{"id": "geo-desk-core", "subject": "geo-desk", "title": "الأساسي", "title_en": "Core", "is_default": true}]
}`

// A Content Manager pastes an import file, sees what it would create (nothing changes yet),
// then imports it and finds the subject in the content list.
func TestAContentManagerChecksAnImportFileThenImportsIt(t *testing.T) {
	srv := webtest.Start(t)
	cm := deskTab(t, srv, deskContentManager, "ar")
	webtest.Do(t, cm, chromedp.Navigate(srv.URL+"/app"), chromedp.WaitVisible(chromedp.CSS(".desk-nav")),
		chromedp.Click(chromedp.CSS(`.desk-nav a[href="/app/import"]`)),
		chromedp.WaitVisible(chromedp.CSS("#import-check")),
		chromedp.SetValue(chromedp.CSS("#import-data"), importFile),
		chromedp.Click(chromedp.CSS("#import-check button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#import-result")))
	require.Equal(t, "٢", strings.TrimSpace(deskEval[string](t, cm, `document.querySelector('#import-created').textContent`)))
	rows := deskEval[[]string](t, cm, `[...document.querySelectorAll('table.import-changes tbody tr')].map(tr => tr.textContent.replace(/\s+/g, ' ').trim())`)
	require.Len(t, rows, 2)
	require.Contains(t, rows[0], "geo-desk")
	require.Contains(t, rows[0], "مادة")
	webtest.RequireNoSeriousAxe(t, cm, "desk import check, ar")
	webtest.Screenshot(t, cm, "desk-import-check-ar-desktop")
	subjects, err := srv.App.Store.SubjectListAll(t.Context())
	require.NoError(t, err)
	for _, s := range subjects {
		require.NotEqual(t, "geo-desk", s.ID, "the dry run changed nothing")
	}

	// The check's page also has #import-result: wait for the import's page, which has no
	// #import-apply form left (nothing left to import).
	webtest.Do(t, cm, chromedp.Click(chromedp.CSS("#import-apply button[type=submit]")),
		chromedp.WaitNotPresent(chromedp.CSS("#import-apply")),
		chromedp.WaitVisible(chromedp.CSS("#import-result")))
	require.Contains(t, deskEval[string](t, cm, `document.querySelector('#import-result h2').textContent`), "تمّ الاستيراد")
	webtest.Do(t, cm, chromedp.Navigate(srv.URL+"/app/content"), chromedp.WaitVisible(chromedp.CSS("#new-subject")))
	require.Contains(t, deskEval[string](t, cm, `document.querySelector('main').textContent`), "الجغرافيا")

	// A file that is not in the import format is refused in place, keeping the text.
	webtest.Do(t, cm, chromedp.Navigate(srv.URL+"/app/import"), chromedp.WaitVisible(chromedp.CSS("#import-check")),
		chromedp.SetValue(chromedp.CSS("#import-data"), `{"format": "something-else"}`),
		chromedp.Click(chromedp.CSS("#import-check button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#import-error")))
	require.Contains(t, deskEval[string](t, cm, `document.querySelector('#import-data').value`), "something-else")
}
