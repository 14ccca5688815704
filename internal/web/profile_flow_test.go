package web_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"memora/internal/i18n"
	"memora/internal/progress"
	"memora/internal/webtest"
)

// profileChart is an SVG chart of the profile as assistive technology meets it.
type profileChart struct {
	Role  string     `json:"role"`
	Title string     `json:"title"`
	Desc  string     `json:"desc"`
	Rows  [][]string `json:"rows"` // the visually hidden table next to it, if any
	BarXs []float64  `json:"barXs"`
}

const readProfileCharts = `[...document.querySelectorAll('svg.chart')].map(svg => {
	const fig = svg.closest('figure');
	const table = fig && fig.querySelector('table');
	return {role: svg.getAttribute('role'), title: (svg.querySelector('title') || {}).textContent || '',
		desc: (svg.querySelector('desc') || {}).textContent || '',
		rows: table ? [...table.tBodies[0].rows].map(r => [...r.cells].map(c => c.textContent.trim())) : [],
		barXs: [...svg.querySelectorAll('rect.bar')].map(r => parseFloat(r.getAttribute('x')))};
})`

func TestTheProfileShowsItsChartsWithTextAlternativesInTheReadersLanguageAndDirection(t *testing.T) {
	srv := webtest.Start(t)
	const email = "layla@demo.memora.test"
	who := flowPrincipal(t, srv, email)
	stats, err := srv.App.Progress.FullStats(context.Background(), who, "")
	require.NoError(t, err)
	forecast, err := srv.App.Progress.ReviewForecast(context.Background(), who, progress.ForecastDays)
	require.NoError(t, err)

	for _, lang := range []i18n.Lang{i18n.Arabic, i18n.English} {
		t.Run(string(lang), func(t *testing.T) {
			ctx := webtest.Browser(t)
			webtest.Phone(t, ctx)
			flowLang(t, ctx, srv, string(lang))
			srv.Login(t, ctx, email)
			webtest.Do(t, ctx, chromedp.Navigate(srv.URL+"/"), chromedp.Click(chromedp.CSS(`nav.tabbar a[href="/profile"]`)),
				chromedp.WaitVisible(chromedp.CSS("svg.chart")))

			charts := flowEval[[]profileChart](t, ctx, readProfileCharts)
			require.Len(t, charts, 3, "weekly activity, review forecast, mastery")
			for _, c := range charts {
				require.Equal(t, "img", c.Role)
				require.NotEmpty(t, strings.TrimSpace(c.Title))
				require.NotEmpty(t, strings.TrimSpace(c.Desc))
			}
			week, ahead, mastery := charts[0], charts[1], charts[2]

			// Every number of the charts is in the table, in the page's digits.
			require.Len(t, week.Rows, 7)
			for i, d := range stats.WeeklyActivity {
				require.Equal(t, i18n.Number(lang, d.XP), week.Rows[i][1], "week day %d", i)
			}
			require.Len(t, ahead.Rows, progress.ForecastDays)
			var due int64
			for i, d := range forecast {
				require.Equal(t, i18n.Number(lang, d.Count), ahead.Rows[i][1], "forecast day %d", i)
				require.Contains(t, ahead.Rows[i][0], i18n.ShortDate(lang, d.Day))
				due += d.Count
			}
			require.Positive(t, due, "the demo student has reviews ahead")
			require.Contains(t, mastery.Desc, i18n.Number(lang, stats.Mastery.New))
			require.Contains(t, mastery.Desc, i18n.Number(lang, stats.Mastery.Learning))
			require.Contains(t, mastery.Desc, i18n.Number(lang, stats.Mastery.Mature))
			legend, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("ul.legend-stats")))
			require.NoError(t, err)
			require.Contains(t, legend, i18n.Number(lang, stats.Mastery.Mature))

			// Time runs with the reading direction: the first day is on the right in Arabic.
			first, last := week.BarXs[0], week.BarXs[len(week.BarXs)-1]
			if lang == i18n.Arabic {
				require.Greater(t, first, last)
			} else {
				require.Less(t, first, last)
			}

			streak, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(".stat .flame")))
			require.NoError(t, err)
			require.Contains(t, streak, i18n.Number(lang, int64(stats.Streak)))
			webtest.RequireNoSeriousAxe(t, ctx, "profile, "+string(lang)+", phone")
		})
	}
}

func TestAStudentSignsOutFromTheProfile(t *testing.T) {
	srv := webtest.Start(t)
	ctx := webtest.Browser(t)
	webtest.Desktop(t, ctx)
	srv.Login(t, ctx, "layla@demo.memora.test")
	webtest.Do(t, ctx, chromedp.Navigate(srv.URL+"/profile"),
		chromedp.Click(chromedp.CSS(`form.sign-out button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`form[action='/login']`)))
	webtest.Do(t, ctx, chromedp.Navigate(srv.URL+"/profile"), chromedp.WaitVisible(chromedp.CSS(`form[action='/login']`)))
	loc, err := chromedp.Run(ctx, chromedp.Location())
	require.NoError(t, err)
	require.Contains(t, loc, "/login", "the session is over")
}
