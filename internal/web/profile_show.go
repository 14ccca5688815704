package web

import (
	"net/http"
	"time"
	"unicode"
	"unicode/utf8"

	"memora/internal/i18n"
	"memora/internal/progress"
)

// profileData is a student's progress at a glance: level, streak and the charts.
type profileData struct {
	Stats     progress.Stats
	Initial   string
	NextLevel int
	XPLeft    int64 // the XP still to earn for NextLevel
	Week      barChart
	WeekXP    int64
	Forecast  barChart
	Due14     int64
	Mastery   stackChart
	Subjects  []subjectCard
}

func (w *App) profileShow(rw http.ResponseWriter, r *http.Request) {
	ctx, who := r.Context(), *userFrom(r)
	l := w.localizer(r)
	stats, err := w.Progress.FullStats(ctx, who, "")
	if err != nil {
		w.serverError(rw, r, err)
		return
	}
	subjects, err := w.subjectCards(r, nil)
	if err != nil {
		w.serverError(rw, r, err)
		return
	}
	forecast, err := w.forecastPoints(r, l)
	if err != nil {
		w.serverError(rw, r, err)
		return
	}
	week := weekPoints(l, stats.WeeklyActivity)
	d := profileData{Stats: stats, Initial: initial(stats.FullName), NextLevel: stats.Level + 1, XPLeft: xpLeft(stats),
		Subjects: subjects, WeekXP: totalOf(week), Due14: totalOf(forecast)}
	rtl := l.IsArabic()
	d.Week = buildBars(l, "week", week, rtl)
	d.Week.Title, d.Week.LabelHead, d.Week.ValueHead = l.T("profile.week_title"), l.T("chart.day"), l.T("stats.xp_short")
	d.Week.Desc = l.T("profile.week_none")
	if p, ok := peakOf(week); ok {
		best := countT(l, "profile.week_best", p.Value, "day", p.Name, "xp", p.Value)
		d.Week.Desc = countT(l, "profile.week_desc", d.WeekXP, "total", d.WeekXP, "best", best)
	}
	d.Forecast = buildBars(l, "forecast", forecast, rtl)
	d.Forecast.Title, d.Forecast.LabelHead, d.Forecast.ValueHead = l.T("profile.forecast_title"), l.T("chart.day"), l.T("chart.reviews")
	d.Forecast.Desc = l.T("profile.forecast_none")
	if p, ok := peakOf(forecast); ok {
		busiest := countT(l, "profile.forecast_busiest", p.Value, "day", p.Name, "count", p.Value)
		d.Forecast.Desc = countT(l, "profile.forecast_desc", d.Due14, "total", d.Due14, "busiest", busiest)
	}
	m := stats.Mastery
	d.Mastery = buildStack(l, "mastery", []stackPart{
		{Class: "key-new", Name: l.T("profile.mastery_new"), Value: m.New},
		{Class: "key-learning", Name: l.T("profile.mastery_learning"), Value: m.Learning},
		{Class: "key-mature", Name: l.T("profile.mastery_mature"), Value: m.Mature},
	}, rtl)
	d.Mastery.Title = l.T("profile.mastery_title")
	d.Mastery.Desc = l.T("profile.mastery_desc", "new", m.New, "learning", m.Learning, "mature", m.Mature)
	w.render(rw, r, http.StatusOK, "profile", view{L: l, Title: l.T("nav.profile"), Nav: "profile", Data: d})
}

// weekPoints are the last seven days' XP, oldest first, named in the page's language.
func weekPoints(l Localizer, days []progress.DayActivity) []chartPoint {
	out := make([]chartPoint, 0, len(days))
	for _, d := range days {
		day, err := time.Parse(time.DateOnly, d.FullDate)
		if err != nil {
			continue
		}
		out = append(out, chartPoint{Label: i18n.Weekday(l.Lang, day.Weekday(), true),
			Name: dayName(l, day), Value: d.XP, Today: d.IsToday})
	}
	return out
}

// dayName is a day as the charts' tables name it: "Monday 7 Dec", "الاثنين ٧ ديسمبر".
func dayName(l Localizer, day time.Time) string {
	return i18n.Weekday(l.Lang, day.Weekday(), false) + " " + l.ShortDate(day)
}

// forecastPoints are the reviews falling due on each of the next 14 days, today first (what is
// overdue counts today).
func (w *App) forecastPoints(r *http.Request, l Localizer) ([]chartPoint, error) {
	ctx, who := r.Context(), *userFrom(r)
	days, err := w.Progress.ReviewForecast(ctx, who, progress.ForecastDays)
	if err != nil {
		return nil, err
	}
	out := make([]chartPoint, 0, len(days))
	for i, d := range days {
		out = append(out, chartPoint{Label: l.Num(d.Day.Day()), Name: dayName(l, d.Day), Value: d.Count, Today: i == 0})
	}
	return out, nil
}

// initial is the first letter of a name, for the avatar.
func initial(name string) string {
	for _, r := range name {
		if unicode.IsLetter(r) {
			return string(unicode.ToUpper(r))
		}
	}
	if r, _ := utf8.DecodeRuneInString(name); r != utf8.RuneError {
		return string(r)
	}
	return "?"
}
