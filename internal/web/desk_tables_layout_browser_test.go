package web_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"memora/internal/webtest"
)

// stackedTableFits tells, on the page in ctx, every way a desk table does not fit the screen or
// drops what its columns say: a page wider than the screen, a table box that scrolls sideways, the
// columns with cells out of the box, and those whose cells are not named by the column's header
// (their data-label).
func stackedTableFits(t *testing.T, ctx context.Context) []string {
	t.Helper()
	return deskEval[[]string](t, ctx, `(() => {
		const out = [], doc = document.documentElement;
		if (doc.scrollWidth > doc.clientWidth) out.push("the page is " + doc.scrollWidth + " px wide");
		for (const wrap of document.querySelectorAll(".table-wrap")) {
			const box = wrap.getBoundingClientRect(), table = wrap.querySelector("table"), name = table.className;
			if (wrap.scrollWidth > wrap.clientWidth + 1) out.push(name + ": scrolls " + (wrap.scrollWidth - wrap.clientWidth) + " px sideways");
			const heads = [...table.tHead.rows[0].cells];
			const outside = new Set(), unnamed = new Set();
			for (const tr of table.tBodies[0].rows) {
				[...tr.cells].forEach((cell, i) => {
					const r = cell.getBoundingClientRect();
					if (r.width === 0 || r.left < box.left - 1 || r.right > box.right + 1) outside.add(heads[i].textContent.trim());
					// The first cell names the row; an actions cell (its header only for screen readers) and an
					// empty one need no label; every other one says which column it is.
					if (i === 0 || heads[i].querySelector(".visually-hidden") || cell.textContent.trim() === "") return;
					if (cell.dataset.label !== heads[i].textContent.trim()) unnamed.add(heads[i].textContent.trim());
				});
			}
			if (outside.size) out.push(name + ": cells out of the screen in the columns " + JSON.stringify([...outside]));
			if (unnamed.size) out.push(name + ": cells without their column's name in the columns " + JSON.stringify([...unnamed]));
		}
		return out })()`)
}

// The desk's tables fit a phone (360 px) in both languages: each row is a block, the first cell
// naming it and every other cell after its column's name, so nothing scrolls sideways and no
// column is lost. The teacher's page of a student ("Topics, weakest first") scrolled 312 px
// sideways in its box and hid the reviews and the retrievability; the class table, the join
// codes, the audit log, the seasons, the subscriptions, the purchase queue (with every institution's column), an
// import check and a season's FSRS versions did the same. On a desktop they are tables still.
func TestTheDesksTablesFitAPhoneWithoutScrollingSideways(t *testing.T) {
	srv := webtest.Start(t)
	_, err := srv.App.Shop.Request(t.Context(), deskWho(t, srv, deskStudent), "item-physics-full", "BANK-1")
	require.NoError(t, err)
	_, season := paramsSeason(t, srv)
	layla := strconv.FormatInt(deskWho(t, srv, deskStudent).UserID, 10)
	pages := []struct {
		name, who, path, ready string
		steps                  []chromedp.Action[chromedp.Void]
	}{
		{"student", deskTeacher, "/app/class/" + layla, "tr.topic-row", nil},
		{"class", deskTeacher, "/app/class", "table.class-table", nil},
		{"people", deskAdmin, "/app/people", "table.join-codes", nil},
		{"audit", deskSystem, "/app/audit", "table.audit-log", nil},
		{"seasons", deskSystem, "/app/seasons", "table.seasons", nil},
		{"subscriptions", deskAdmin, "/app/subscriptions", "table.subs-table", nil},
		{"purchases", deskAdmin, "/app/purchases", "table.desk-table form[action$='/approve']", nil},
		{"purchases-all", deskSystem, "/app/purchases", "td.request-institution", nil},
		{"params", deskSystem, "/app/srs/params/" + season, "table.param-versions", nil},
		{"import", deskContentManager, "/app/import", "table.import-changes", []chromedp.Action[chromedp.Void]{
			chromedp.WaitVisible(chromedp.CSS("#import-check")),
			chromedp.SetValue(chromedp.CSS("#import-data"), importFile),
			chromedp.Click(chromedp.CSS("#import-check button[type=submit]"))}},
	}
	for _, lang := range []string{"ar", "en"} {
		for _, p := range pages {
			for _, device := range []string{"phone", "desktop"} {
				t.Run(p.name+"-"+lang+"-"+device, func(t *testing.T) {
					ctx := deskTabOn(t, srv, p.who, lang, device)
					webtest.Do(t, ctx, chromedp.Navigate(srv.URL+p.path))
					webtest.Do(t, ctx, p.steps...)
					webtest.Do(t, ctx, chromedp.WaitVisible(chromedp.CSS(p.ready)))
					if device == "phone" {
						require.Empty(t, stackedTableFits(t, ctx), "a table that does not fit the phone")
					}
					// The phone's layout is the phone's only: a desktop keeps the table, with its header row.
					table := deskEval[string](t, ctx, `getComputedStyle(document.querySelector(".table-wrap tbody tr")).display + " " + getComputedStyle(document.querySelector(".table-wrap thead")).position`)
					require.Equal(t, map[string]string{"phone": "block absolute", "desktop": "table-row static"}[device], table)
					webtest.Screenshot(t, ctx, "desk-table-"+p.name+"-"+lang+"-"+device)
				})
			}
		}
	}
}

// A student's level on the class page ("2 (720 XP)") reads on one line, on a desktop in the
// table and on a phone after its label: in the table's narrow column the XP broke away from the
// number, two and three lines high at 1280 px.
func TestAStudentsLevelOnTheClassPageReadsOnOneLine(t *testing.T) {
	srv := webtest.Start(t)
	for _, lang := range []string{"ar", "en"} {
		for _, device := range []string{"desktop", "phone"} {
			ctx := deskTabOn(t, srv, deskTeacher, lang, device)
			webtest.Do(t, ctx, chromedp.Navigate(srv.URL+"/app/class"), chromedp.WaitVisible(chromedp.CSS("table.class-table")))
			tall := deskEval[[]string](t, ctx, `[...document.querySelectorAll(".class-table tbody tr")].flatMap(tr => {
				const cell = tr.cells[1], range = document.createRange();
				range.selectNodeContents(cell);
				const lines = range.getBoundingClientRect().height / parseFloat(getComputedStyle(cell).lineHeight);
				return lines > 1.5 ? [tr.id + ": " + JSON.stringify(cell.textContent.trim()) + " is " + lines.toFixed(1) + " lines high"] : [] })`)
			require.NotEmpty(t, deskEval[int](t, ctx, `document.querySelectorAll(".class-table tbody tr").length`))
			require.Empty(t, tall, "%s %s: levels that break over lines", lang, device)
		}
	}
}

// A desk page's form card for a new thing starts where the page's text starts, in both
// directions: at the right in Arabic, at the left in English; the grades' and the plans' as the
// others'.
func TestTheDesksNewFormCardsStartWhereThePageStarts(t *testing.T) {
	srv := webtest.Start(t)
	pages := []struct{ who, path, forms string }{
		{deskSystem, "/app/grades", "#new-grade, #new-stream"},
		{deskSystem, "/app/plans", "#new-plan"},
		{deskAdmin, "/app/items", "#new-item"},
		{deskAdmin, "/app/users", "#new-user"},
		{deskContentManager, "/app/content", "#new-subject"},
	}
	for _, lang := range []string{"ar", "en"} {
		for _, device := range []string{"desktop"} { // on a phone a form card has the page's whole width
			for _, p := range pages {
				ctx := deskTabOn(t, srv, p.who, lang, device)
				webtest.Do(t, ctx, chromedp.Navigate(srv.URL+p.path), chromedp.WaitVisible(chromedp.CSS(".desk-page form.card")))
				off := deskEval[[]string](t, ctx, `(() => {
					const rtl = document.documentElement.dir === "rtl", page = document.querySelector(".desk-page").getBoundingClientRect();
					return [...document.querySelectorAll(`+strconv.Quote(p.forms)+`)].flatMap(f => {
						const r = f.getBoundingClientRect(), gap = rtl ? page.right - r.right : r.left - page.left;
						return Math.abs(gap) > 1 ? [f.id + " starts " + Math.round(gap) + " px in from the page's start"] : [] }) })()`)
				require.Equal(t, len(strings.Split(p.forms, ",")), deskEval[int](t, ctx, `document.querySelectorAll(`+strconv.Quote(p.forms)+`).length`), p.path)
				require.Empty(t, off, "%s (%s, %s)", p.path, lang, device)
			}
		}
	}
}
