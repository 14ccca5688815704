package web_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"memora/internal/i18n"
	"memora/internal/season"
	"memora/internal/webtest"
)

// A System Manager gives a new season an exam date (refused outside the season, on its own
// field), then reads the workload forecast of the demo's active season: a chart of three
// lines with its table of every value, in both languages.
func TestASystemManagerSetsAnExamDateAndReadsTheWorkloadForecast(t *testing.T) {
	srv := webtest.Start(t)
	sm := deskTab(t, srv, deskSystem, "en")
	webtest.Do(t, sm, chromedp.Navigate(srv.URL+"/app/seasons"), chromedp.WaitVisible(chromedp.CSS("#new-season")),
		chromedp.SendKeys(chromedp.CSS("#season-id"), "SEASON-2031"),
		chromedp.SetValue(chromedp.CSS("#season-start"), "2031-09-01"),
		chromedp.SetValue(chromedp.CSS("#season-end"), "2032-06-30"),
		chromedp.SetValue(chromedp.CSS("#season-exam"), "2032-07-15"),
		chromedp.Click(chromedp.CSS("#new-season button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#season-error")))
	require.Equal(t, "exam_date must be between the season's start_date and end_date.", deskEval[string](t, sm, `document.querySelector('#season-error').textContent`))
	require.Equal(t, "true", deskEval[string](t, sm, `document.querySelector('#season-exam').getAttribute('aria-invalid')`))
	webtest.Do(t, sm, chromedp.SetValue(chromedp.CSS("#season-exam"), "2032-06-01"),
		chromedp.Click(chromedp.CSS("#new-season button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#season-SEASON-2031")))
	require.Contains(t, deskEval[string](t, sm, `document.querySelector('#season-SEASON-2031').textContent`), "Exam 1 June 2032 · 0.95")

	list, err := srv.App.Season.List(context.Background())
	require.NoError(t, err)
	active := ""
	for _, s := range list {
		if s.IsActive {
			active = s.Name
		}
	}
	require.NotEmpty(t, active)
	forecast, err := srv.App.Season.Forecast(context.Background(), season.ForecastParams{SeasonID: active})
	require.NoError(t, err)
	for _, lang := range []string{"en", "ar"} {
		tab := deskTab(t, srv, deskSystem, lang)
		webtest.Do(t, tab, chromedp.Navigate(srv.URL+"/app/seasons?forecast="+active), chromedp.WaitVisible(chromedp.CSS("#forecast")))
		lines := deskEval[int](t, tab, `document.querySelectorAll('#forecast svg polyline').length`)
		t.Logf("%s: forecast of %s with %d lines: %s", lang, active, lines, deskEval[string](t, tab, `document.querySelector('#forecast figcaption')?.textContent ?? ''`))
		if lines == 0 {
			require.NotEmpty(t, deskEval[string](t, tab, `document.querySelector('#forecast p.muted').textContent`), "no chart: says why")
		} else {
			require.Equal(t, 3, deskEval[int](t, tab, `document.querySelectorAll('#forecast svg polyline').length`), "one line per retention")
			require.Equal(t, 30, deskEval[int](t, tab, `document.querySelectorAll('#forecast table tbody tr').length`), "the table has every day")
			require.Equal(t, 4, deskEval[int](t, tab, `document.querySelectorAll('#forecast table thead th').length`))
			// The new items still to come are said, with the assumed pace, exactly when the forecast counts some.
			newItems := deskEval[string](t, tab, `document.querySelector('#forecast-new')?.textContent ?? ''`)
			t.Logf("%s: new items %.2f a day: %q", lang, forecast.NewItemsPerDay, newItems)
			if forecast.NewItems > 0 {
				require.Contains(t, newItems, i18n.Digits(i18n.Lang(lang), fmt.Sprintf("%.1f", forecast.NewItemsPerDay)))
			} else {
				require.Empty(t, newItems)
			}
		}
		webtest.RequireNoSeriousAxe(t, tab, "desk seasons forecast, "+lang)
	}
}
