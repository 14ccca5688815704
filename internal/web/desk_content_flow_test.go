package web_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"memora/internal/webtest"
)

const deskContentManager = "content@demo.memora.test"

// deskAdd opens an "add …" box of the tree (the first one whose form posts to kind, under the
// element sel) and submits a title.
func deskAdd(t *testing.T, ctx context.Context, sel, kind, title, titleEn string) {
	t.Helper()
	form := sel + ` details.desk-add:has(form[action="/app/content/add/` + kind + `"])`
	webtest.Do(t, ctx, chromedp.Click(chromedp.CSS(form+" summary")),
		chromedp.SendKeys(chromedp.CSS(form+` input[name=title]`), title),
		chromedp.SendKeys(chromedp.CSS(form+` input[name=title_en]`), titleEn),
		chromedp.Click(chromedp.CSS(form+` button[type=submit]`)))
}

// deskStage adds a stage of typ to the open lesson editor, filling fields (name → value).
func deskStage(t *testing.T, ctx context.Context, typ string, fields map[string]string) {
	t.Helper()
	webtest.Do(t, ctx, chromedp.SetValue(chromedp.CSS("#new-type"), typ),
		chromedp.Click(chromedp.CSS(`#new-stage form[method=get] button`)),
		chromedp.WaitReady(chromedp.CSS(`#stage-form-new input[name=type][value=`+typ+`]`)))
	for name, value := range fields {
		webtest.Do(t, ctx, chromedp.SetValue(chromedp.CSS(`#stage-form-new [name=`+name+`]`), value))
	}
	webtest.Do(t, ctx, chromedp.Click(chromedp.CSS(`#stage-form-new button[type=submit]:not([formaction])`)))
}

// A content manager authors a subject → track → unit → topic → lesson with one stage of each
// scored type in the desk (a wrong quiz answer index is refused in place, naming the field),
// previews the lesson in the student player, publishes it all, and a student plays it.
func TestAContentManagerAuthorsALessonWithEveryScoredStageAndAStudentPlaysIt(t *testing.T) {
	srv := webtest.Start(t)
	cm := deskTab(t, srv, deskContentManager, "en")
	webtest.Do(t, cm, chromedp.Navigate(srv.URL+"/app/content"), chromedp.WaitVisible(chromedp.CSS("#new-subject")),
		chromedp.SendKeys(chromedp.CSS("#subject-title"), "الكيمياء"),
		chromedp.SendKeys(chromedp.CSS("#subject-title-en"), "Chemistry"),
		chromedp.Click(chromedp.CSS("#new-subject button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".content-tree")))
	loc, err := chromedp.Run(cm, chromedp.Location())
	require.NoError(t, err)
	subject := loc[strings.LastIndex(loc, "/")+1:]
	require.NotEmpty(t, subject)

	deskAdd(t, cm, ".content-tree", "track", "المسار الأساسي", "Core track")
	webtest.Do(t, cm, chromedp.WaitVisible(chromedp.CSS(".tree-track")))
	deskAdd(t, cm, ".tree-track", "unit", "المادة وحالاتها", "Matter and its states")
	webtest.Do(t, cm, chromedp.WaitVisible(chromedp.CSS(".tree-unit")))
	deskAdd(t, cm, ".tree-unit", "topic", "الماء", "Water")
	webtest.Do(t, cm, chromedp.WaitVisible(chromedp.CSS(".tree-topic")))
	deskAdd(t, cm, ".tree-topic", "lesson", "غليان الماء", "Boiling water")
	webtest.Do(t, cm, chromedp.WaitVisible(chromedp.CSS("#new-stage")))
	loc, err = chromedp.Run(cm, chromedp.Location())
	require.NoError(t, err)
	lesson := loc[strings.LastIndex(loc, "/")+1:]

	deskStage(t, cm, "reveal", map[string]string{"title": "Boiling", "sentence": "Water boils at one hundred degrees",
		"highlights": "boils = turns into vapour\ndegrees = a unit of temperature"})
	webtest.Do(t, cm, chromedp.WaitVisible(chromedp.CSS("p.notice")))
	deskStage(t, cm, "matching", map[string]string{"title": "Formulas", "instruction": "Match each formula",
		"pairs": "H2O = water\nNaCl = salt\nCO2 = carbon dioxide"})
	webtest.Do(t, cm, chromedp.WaitVisible(chromedp.CSS("p.notice")))
	deskStage(t, cm, "quiz", map[string]string{"title": "Boiling point", "question": "At what temperature does water boil?",
		"options": "50 °C\n100 °C\n150 °C", "correct": "5", "explanation": "At sea level."})
	tctx, cancel := context.WithTimeout(cm, 10*time.Second)
	_, err = chromedp.Run(tctx, chromedp.WaitVisible(chromedp.CSS("#stage-form-new p.alert")))
	cancel()
	if err != nil {
		html, _ := chromedp.Run(cm, chromedp.Evaluate[string](`location.href + ' ' + document.querySelector('main').innerText`))
		t.Fatalf("no alert: %s", html)
	}
	msg := deskEval[string](t, cm, `document.querySelector('#stage-form-new p.alert').textContent`)
	require.Contains(t, msg, "correct_index", "the importer's message names the field")
	require.Equal(t, "50 °C\n100 °C\n150 °C", deskEval[string](t, cm, `document.querySelector('#stage-form-new [name=options]').value`))
	webtest.Do(t, cm, chromedp.SetValue(chromedp.CSS(`#stage-form-new [name=correct]`), "2"),
		chromedp.Click(chromedp.CSS(`#stage-form-new button[type=submit]:not([formaction])`)),
		chromedp.WaitVisible(chromedp.CSS("p.notice")))
	types := deskEval[[]string](t, cm, `[...document.querySelectorAll('.desk-stage input[name=type]')].map(i => i.value)`)
	require.Equal(t, []string{"reveal", "matching", "quiz"}, types)
	webtest.RequireNoSeriousAxe(t, cm, "desk lesson editor, en")
	webtest.Screenshot(t, cm, "desk-lesson-en-desktop")

	// The preview is the student lesson player.
	webtest.Do(t, cm, chromedp.Click(chromedp.CSS(`form[action$="/preview"] button`)), chromedp.WaitVisible(chromedp.CSS("#stage-title")))
	require.Equal(t, "3", deskEval[string](t, cm, `document.querySelector('#progress').getAttribute('max')`))
	webtest.Do(t, cm, chromedp.Navigate(srv.URL+"/app/content/lessons/"+lesson), chromedp.WaitVisible(chromedp.CSS("#publish-lesson")))

	// Publish the lesson, then its topic, unit, track and subject from the tree.
	webtest.Do(t, cm, chromedp.Click(chromedp.CSS("#publish-lesson")), chromedp.WaitVisible(chromedp.CSS(".content-tree")))
	for _, kind := range []string{"topic", "unit", "track", "subject"} {
		webtest.Do(t, cm, chromedp.Click(chromedp.CSS(`form[action="/app/content/publish"]:has(input[name=kind][value=`+kind+`]) button`)),
			chromedp.WaitVisible(chromedp.CSS(`form[action="/app/content/unpublish"]:has(input[name=kind][value=`+kind+`]) button`)))
	}
	require.Zero(t, deskEval[int](t, cm, `document.querySelectorAll('.content-tree .badge.locked').length`), "everything is published")

	// A System Manager adds the subject to the (shared) plan of the student's grade and stream.
	sm := deskTab(t, srv, deskSystem, "en")
	plan := `#plan-plan-tawjihi-sci-2026`
	webtest.Do(t, sm, chromedp.Navigate(srv.URL+"/app/plans"), chromedp.WaitVisible(chromedp.CSS(plan)),
		chromedp.Click(chromedp.CSS(plan+` input[name=subject][value="`+subject+`"]`)),
		chromedp.Click(chromedp.CSS(plan+` button[type=submit]:not([formaction])`)),
		chromedp.WaitVisible(chromedp.CSS("p.notice")))
	require.True(t, deskEval[bool](t, sm, `document.querySelector('`+plan+` input[value="`+subject+`"]').checked`))
	require.True(t, deskEval[bool](t, sm, `document.querySelector('`+plan+` input[value="math"]').checked`), "the plan keeps its other subjects")
	webtest.RequireNoSeriousAxe(t, sm, "desk plans, en")
	webtest.Screenshot(t, sm, "desk-plans-en-desktop")

	student := deskTab(t, srv, deskStudent, "en")
	webtest.Do(t, student, chromedp.Navigate(srv.URL+"/subjects/"+subject), chromedp.WaitVisible(chromedp.CSS(".path")))
	webtest.Do(t, student, chromedp.Navigate(srv.URL+"/lessons/"+lesson), chromedp.WaitVisible(chromedp.CSS("#stage-title")))
	playToTheEnd(t, student)
}
