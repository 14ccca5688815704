package web

import (
	"fmt"
	"net/http"
	"time"

	"memora/internal/i18n"
	"memora/internal/season"
)

// deskForecast is a season's workload forecast on the seasons screen: the chart of the
// daily review minutes per student at each desired retention, and the figures.
type deskForecast struct {
	season.WorkloadForecast
	Chart lineChart
	// Each retention's figures, written in the page's digits: lower, current, higher.
	Figures []deskLevel
	// NewPace and NewCount are the new items a student is assumed to still meet, per day and
	// over the forecast's days, in the page's digits ("" when none are).
	NewPace, NewCount string
}

type deskLevel struct {
	DR, Minutes, P95 string
	Current          bool
}

// seasonForecast runs the workload forecast of a season over every institution's students.
func (d *desk) seasonForecast(r *http.Request, id string) (*deskForecast, error) {
	f, err := d.Season.Forecast(r.Context(), season.ForecastParams{SeasonID: id})
	if err != nil {
		return nil, err
	}
	l := d.localizer(r)
	out := &deskForecast{WorkloadForecast: f}
	if f.NewItems > 0 {
		out.NewPace, out.NewCount = decimal(l, f.NewItemsPerDay), decimal(l, f.NewItems)
	}
	from, _ := time.Parse(time.DateOnly, f.From)
	day := func(i int) string { return l.ShortDate(from.AddDate(0, 0, i)) }
	dr := func(v float64) string { return i18n.Digits(l.Lang, fmt.Sprintf("%.2f", v)) }
	var series []lineSeries
	var current season.WorkloadLevel
	for _, lv := range f.Levels {
		name := l.T("desk.seasons.forecast_at", "dr", dr(lv.DesiredRetention))
		if lv.Current {
			current = lv
			name = l.T("desk.seasons.forecast_at_current", "dr", dr(lv.DesiredRetention))
		}
		out.Figures = append(out.Figures, deskLevel{DR: dr(lv.DesiredRetention), Minutes: decimal(l, lv.MinutesPerDay),
			P95: decimal(l, lv.P95DayMinutes), Current: lv.Current})
		series = append(series, lineSeries{Name: name, Values: lv.DailyMinutes})
	}
	if len(series) == 0 {
		return out, nil
	}
	out.Chart = buildLines(l, "forecast", series, f.Days, day, l.IsArabic())
	out.Chart.Title = l.T("desk.seasons.forecast_chart", "season", f.Season)
	out.Chart.LabelHead = l.T("desk.seasons.forecast_day")
	out.Chart.Desc = l.T("desk.seasons.forecast_desc", "minutes", decimal(l, current.MinutesPerDay),
		"dr", dr(current.DesiredRetention), "days", l.Num(f.Days), "students", l.Num(f.Students))
	return out, nil
}
