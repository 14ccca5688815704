package web_test

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"memora/internal/i18n"
	"memora/internal/webtest"
)

// deskConfirmed opens the destructive action whose confirmation is sel (a details.desk-confirm)
// and confirms it with its own button.
func deskConfirmed(sel string) chromedp.Action[chromedp.Void] {
	return chromedp.Steps(chromedp.Click(chromedp.CSS(sel+" > summary")),
		chromedp.WaitVisible(chromedp.CSS(sel+" form button[type=submit]")),
		chromedp.Click(chromedp.CSS(sel+" form button[type=submit]")))
}

var confirmField = regexp.MustCompile(`<details class="desk-confirm" id="confirm-([^"]+)">`)

// A destructive request that did not come through its confirmation changes nothing and says so:
// plans, grades, streams, store items, subscriptions and content rows. Each page offers its
// destructive actions only behind a confirmation, which works without JavaScript.
func TestADeskDeleteWithoutItsConfirmationChangesNothing(t *testing.T) {
	t.Parallel()
	srv := webtest.Start(t)
	ctx := context.Background()
	c := newClient(t, srv)
	u, _ := url.Parse(srv.URL)
	c.http.Jar.SetCookies(u, []*http.Cookie{{Name: "lang", Value: "en"}})
	c.signIn(deskSystem)

	for _, path := range []string{"/app/plans", "/app/grades", "/app/items", "/app/subscriptions?status=active", "/app/content/subjects/math"} {
		p := c.get(path)
		require.Equal(t, http.StatusOK, p.status, path)
		require.NotEmpty(t, confirmField.FindAllString(p.body, -1), "%s asks before it deletes", path)
		require.NotContains(t, p.body, `formaction="/app/plans/`, path)
		require.NotRegexp(t, `<form method="post" action="[^"]*/(delete|revoke)"><button`, p.body, "%s: no delete button acts at once", path)
	}

	refused := func(path string, form url.Values) {
		t.Helper()
		p := c.post(path, form)
		require.Equal(t, http.StatusBadRequest, p.status, "%s: %s", path, p.body)
		require.Contains(t, p.body, "Nothing was changed", path)
		p = c.post(path, url.Values{"confirm": {"someone-else"}, "kind": form["kind"], "id": form["id"], "subject": form["subject"]})
		require.Equal(t, http.StatusBadRequest, p.status, "%s: a confirmation of another row", path)
	}

	st, err := srv.App.Store.PlanListAll(ctx)
	require.NoError(t, err)
	require.NotEmpty(t, st)
	plan := st[0].ID
	refused("/app/plans/"+plan+"/delete", url.Values{})
	_, err = srv.App.Store.PlanGet(ctx, plan)
	require.NoError(t, err, "the plan is still there")

	refused("/app/grades/grades/tawjihi/delete", url.Values{})
	require.Contains(t, c.get("/app/grades").body, `id="grade-tawjihi"`)

	items := c.get("/app/items").body
	m := regexp.MustCompile(`id="item-([^"]+)"`).FindStringSubmatch(items)
	require.NotNil(t, m)
	refused("/app/items/"+m[1]+"/delete", url.Values{})
	require.Contains(t, c.get("/app/items").body, `id="item-`+m[1]+`"`)

	subs := c.get("/app/subscriptions?status=active").body
	m = regexp.MustCompile(`id="sub-(\d+)"`).FindStringSubmatch(subs)
	require.NotNil(t, m)
	refused("/app/subscriptions/"+m[1]+"/revoke", url.Values{"status": {"active"}})
	require.Contains(t, c.get("/app/subscriptions?status=active").body, `id="sub-`+m[1]+`"`, "still active")

	tree := c.get("/app/content/subjects/math").body
	m = regexp.MustCompile(`id="lesson-([^"]+)"`).FindStringSubmatch(tree)
	require.NotNil(t, m)
	refused("/app/content/delete", url.Values{"kind": {"lesson"}, "id": {m[1]}, "subject": {"math"}})
	_, err = srv.App.Store.LessonGet(ctx, m[1])
	require.NoError(t, err, "the lesson is still there")
}

// One click on Delete only asks: the question names the row and what it holds, the keyboard
// reaches the button that deletes, and only that button deletes. In Arabic and English, on a
// phone and a desktop.
func TestOneClickOnDeleteOnlyAsks(t *testing.T) {
	srv := webtest.Start(t)
	c := newClient(t, srv)
	c.signIn(deskSystem)
	for i, lang := range []string{"ar", "en"} {
		for j, device := range []string{"phone", "desktop"} {
			name := fmt.Sprintf("%s, %s", lang, device)
			title := fmt.Sprintf("Spare %d%d", i, j)
			p := c.post("/app/content/add/track", url.Values{"subject": {"math"}, "title": {"مسار " + title}, "title_en": {title}})
			require.Equal(t, http.StatusSeeOther, p.status, p.body)
			tree := c.get("/app/content/subjects/math").body
			ids := regexp.MustCompile(`<li class="tree-track" id="track-([^"]+)">`).FindAllStringSubmatch(tree, -1)
			track := ids[len(ids)-1][1] // a new track comes last
			sel := "#confirm-track-" + track

			ctx := deskTabOn(t, srv, deskSystem, lang, device)
			webtest.Do(t, ctx, chromedp.Navigate(srv.URL+"/app/content/subjects/math"), chromedp.WaitVisible(chromedp.CSS(sel+" > summary")),
				chromedp.Click(chromedp.CSS(sel+" > summary")), chromedp.WaitVisible(chromedp.CSS(sel+" form button[type=submit]")))
			got := deskEval[struct {
				Path, Question, Focus string
				Expanded              bool
			}](t, ctx, `(() => { const d = document.querySelector('`+sel+`');
				return {Path: location.pathname, Question: d.querySelector('form p').textContent, Focus: document.activeElement.tagName, Expanded: d.open}; })()`)
			require.Equal(t, "/app/content/subjects/math", got.Path, name)
			require.True(t, got.Expanded, name)
			require.Contains(t, got.Question, title, "%s: the question names the track", name)
			require.Contains(t, c.get("/app/content/subjects/math").body, `id="track-`+track+`"`, "%s: one click deleted nothing", name)
			// axe at the top of the page: a button scrolled under the sticky top bar counts as too small
			deskEval[int](t, ctx, `scrollTo(0, 0), 0`)
			webtest.RequireNoSeriousAxe(t, ctx, "desk tree with a delete confirmation open, "+name)

			// The keyboard: from the opener, Tab reaches the button that deletes; Enter deletes.
			webtest.Do(t, ctx, chromedp.Focus(chromedp.CSS(sel+" > summary")), chromedp.KeyEvent("\t"))
			require.Equal(t, "BUTTON", deskEval[string](t, ctx, `document.activeElement.closest('`+sel+` form') ? 'BUTTON' : document.activeElement.outerHTML`), name)
			webtest.Do(t, ctx, chromedp.KeyEvent("\r"), chromedp.WaitVisible(chromedp.CSS("p.notice")))
			require.NotContains(t, c.get("/app/content/subjects/math").body, `id="track-`+track+`"`, "%s: its own button deleted it", name)
		}
	}
}

// No row offers a move it cannot make: the first of its siblings has no ↑, the last no ↓, the
// others both. On a subject's tree and a lesson's stages.
func TestTheFirstRowCannotMoveUpNorTheLastDown(t *testing.T) {
	t.Parallel()
	srv := webtest.Start(t)
	c := newClient(t, srv)
	c.signIn(deskSystem)
	tree := c.get("/app/content/subjects/math").body
	lesson := regexp.MustCompile(`href="/app/content/lessons/([^"]+)"`).FindStringSubmatch(tree)
	require.NotNil(t, lesson)
	ctx := deskTab(t, srv, deskSystem, "en")
	for _, path := range []string{"/app/content/subjects/math", "/app/content/lessons/" + lesson[1]} {
		webtest.Do(t, ctx, chromedp.Navigate(srv.URL+path), chromedp.WaitVisible(chromedp.CSS(".row-tools")))
		wrong := deskEval[[]string](t, ctx, `(() => {
			const out = [];
			let checked = 0;
			for (const tools of document.querySelectorAll('.row-tools')) {
				const row = tools.closest('li[class^="tree-"], article.desk-stage');
				if (!row) continue; // the subject's own row: checked below
				const sibs = [...row.parentElement.children].filter(x => x.className === row.className);
				const i = sibs.indexOf(row);
				const up = !!tools.querySelector('form[action$="/up"]'), down = !!tools.querySelector('form[action$="/down"]');
				if (up !== (i > 0)) out.push(row.id + ' up ' + up);
				if (down !== (i < sibs.length - 1)) out.push(row.id + ' down ' + down);
				checked++;
			}
			if (checked < 2) out.push('only ' + checked + ' rows');
			return out; })()`)
		require.Empty(t, wrong, path)
	}
	// The subject moves among its owner's subjects: the demo's first one has no ↑.
	subjects := c.get("/app/content").body
	first := regexp.MustCompile(`href="/app/content/subjects/([^"]+)"`).FindStringSubmatch(subjects)
	require.NotNil(t, first)
	body := c.get("/app/content/subjects/" + first[1]).body
	head := body[:strings.Index(body, `<ol class="content-tree"`)]
	require.NotContains(t, head, `action="/app/content/up"`, "the first subject cannot move up")
}

// deskKinds are the words for what the desk deletes, revokes or removes, as English writes them
// at the start of a sentence.
var deskKinds = regexp.MustCompile(`\b(Subject|Track|Unit|Topic|Lesson|Stage|Plan|Grade|Stream|Store item|Item|Subscription|Role)s?\b`)

// midSentenceKind is the first capitalised kind in s that does not start a sentence, or "".
func midSentenceKind(s string) string {
	for _, m := range deskKinds.FindAllStringIndex(s, -1) {
		before := strings.TrimRight(s[:m[0]], " ")
		if before != "" && !strings.ContainsAny(before[len(before)-1:], ".?!") {
			return s[m[0]:m[1]]
		}
	}
	return ""
}

// Every confirmation reads as a sentence in English: a kind is lower-case in the middle of a
// sentence ("Delete the track …", not "Delete the Track …"), and no question is made by putting
// a kind's label into it ({kind} would bring the label's capital in English and a gender the
// sentence does not agree with in Arabic).
func TestEveryDeskConfirmationReadsAsASentence(t *testing.T) {
	t.Parallel()
	msgs := i18n.MustLoad()
	checked := 0
	for _, key := range msgs.Keys() {
		if !strings.HasPrefix(key, "desk.confirm.") {
			continue
		}
		for _, lang := range []i18n.Lang{i18n.English, i18n.Arabic} {
			s, ok := msgs.Lookup(lang, key)
			require.True(t, ok, "%s in %s", key, lang)
			require.NotContains(t, s, "{kind}", "%s (%s): a whole sentence for each kind", key, lang)
		}
		en, _ := msgs.Lookup(i18n.English, key)
		require.Empty(t, midSentenceKind(en), "%s: a kind capitalised in the middle of %q", key, en)
		checked++
	}
	require.Greater(t, checked, 10)
}

// A content row's delete question names its kind as a sentence does, in both languages:
// "Delete the track “…” for good?" in English; in Arabic the kind takes the article and what
// follows agrees with it ("الوحدة … ما زال فيها … فلن تُحذف", "المسار … فيه … فلن يُحذف").
func TestADeleteQuestionNamesItsKindAsASentenceDoes(t *testing.T) {
	t.Parallel()
	srv := webtest.Start(t)
	questions := regexp.MustCompile(`<p id="confirm-(subject|track|unit|topic|lesson)-[^"]*-q">([^<]*)</p>`)
	arKind := map[string]string{"subject": "المادة", "track": "المسار", "unit": "الوحدة", "topic": "الموضوع", "lesson": "الدرس"}
	feminine := map[string]bool{"subject": true, "unit": true}
	for _, lang := range []string{"en", "ar"} {
		c := newClient(t, srv)
		u, _ := url.Parse(srv.URL)
		c.http.Jar.SetCookies(u, []*http.Cookie{{Name: "lang", Value: lang}})
		c.signIn(deskSystem)
		p := c.get("/app/content/subjects/math")
		require.Equal(t, http.StatusOK, p.status)
		seen, holding := map[string]bool{}, map[string]bool{}
		for _, m := range questions.FindAllStringSubmatch(p.body, -1) {
			kind, q := m[1], html.UnescapeString(m[2])
			seen[kind] = true
			holds := !strings.Contains(q, map[string]string{"en": "for good", "ar": "نهائيًا"}[lang])
			holding[kind] = holding[kind] || holds
			if lang == "en" {
				require.True(t, strings.HasPrefix(q, "Delete the "+kind+" “"), "%q", q)
				require.Empty(t, midSentenceKind(regexp.MustCompile(`“[^”]*”`).ReplaceAllString(q, "“”")), "%q", q)
				continue
			}
			require.True(t, strings.HasPrefix(q, "هل تحذف "+arKind[kind]+" «"), "%q", q)
			if holds {
				pron, verb := "فيه:", "فلن يُحذف"
				if feminine[kind] {
					pron, verb = "فيها:", "فلن تُحذف"
				}
				require.Contains(t, q, pron, "%q", q)
				require.Contains(t, q, verb, "%q", q)
			}
		}
		for _, kind := range []string{"subject", "track", "unit", "topic", "lesson"} {
			require.True(t, seen[kind], "%s: a %s's question", lang, kind)
		}
		for _, kind := range []string{"subject", "track", "unit"} {
			require.True(t, holding[kind], "%s: a %s that still holds something", lang, kind)
		}
	}
}
