package web

import (
	"net/http"
	"strings"
	"time"

	"memora/internal/httpx"
	"memora/internal/i18n"
	"memora/internal/problem"
	"memora/internal/season"
	"memora/internal/store"
)

// deskSeasons is the seasons screen: every season with activate and end, and the form that
// creates one (with its memory-state partition).
type deskSeasons struct {
	Seasons []season.View
	Form    seasonForm
	Done    string
	Error   string // an activate or end refused
	// Forecast is the workload forecast of the season asked for (?forecast=SEASON-…).
	Forecast *deskForecast
}

// seasonForm is the new-season form as typed, with the problem found in it.
type seasonForm struct {
	ID, Title, TitleEN, Start, End, Scheduler, Retention string
	ExamDate, ExamTarget                                 string
	EnableRedis, AutoArchive, Active                     bool
	Error, Field                                         string
}

// newSeasonForm is the form as a new season starts: FSRS, cached, with the usual retention and
// exam target, shown in the page's digits (the fields take either digit set: decimalNumber).
func newSeasonForm(l Localizer) seasonForm {
	return seasonForm{Scheduler: store.SchedulerFSRS, Retention: i18n.Digits(l.Lang, "0.90"),
		ExamTarget: i18n.Digits(l.Lang, "0.95"), EnableRedis: true}
}

func (d *desk) seasons(rw http.ResponseWriter, r *http.Request) {
	page := deskSeasons{Done: d.flash(r, "season_created", "season_activated", "season_ended"), Form: newSeasonForm(d.localizer(r))}
	if id := r.URL.Query().Get("forecast"); id != "" {
		f, err := d.seasonForecast(r, id)
		if err != nil {
			msg, status, ok := d.problemMessage(r, err)
			if !ok {
				d.serverError(rw, r, err)
				return
			}
			page.Error = msg
			d.seasonsPage(rw, r, status, page)
			return
		}
		page.Forecast = f
	}
	d.seasonsPage(rw, r, http.StatusOK, page)
}

func (d *desk) seasonsPage(rw http.ResponseWriter, r *http.Request, status int, page deskSeasons) {
	var err error
	if page.Seasons, err = d.Season.List(r.Context()); err != nil {
		d.serverError(rw, r, err)
		return
	}
	d.show(rw, r, status, "seasons", "desk.seasons.title", "desk_seasons", page)
}

func actorOf(r *http.Request) season.Actor {
	who := userFrom(r)
	return season.Actor{UserID: who.UserID, InstitutionID: who.InstitutionID, Email: who.Email, RemoteAddr: httpx.ClientIP(r)}
}

// seasonCreate creates a season from the form; a refusal is shown on the form, naming the field.
func (d *desk) seasonCreate(rw http.ResponseWriter, r *http.Request) {
	l := d.localizer(r)
	f := seasonForm{ID: strings.ToUpper(strings.TrimSpace(r.PostFormValue("id"))), Title: strings.TrimSpace(r.PostFormValue("title")),
		TitleEN: strings.TrimSpace(r.PostFormValue("title_en")), Start: r.PostFormValue("start"), End: r.PostFormValue("end"),
		Scheduler: r.PostFormValue("scheduler"), Retention: strings.TrimSpace(r.PostFormValue("retention")),
		ExamDate: strings.TrimSpace(r.PostFormValue("exam_date")), ExamTarget: strings.TrimSpace(r.PostFormValue("exam_target")),
		EnableRedis: r.PostFormValue("enable_redis") == "on", AutoArchive: r.PostFormValue("auto_archive") == "on",
		Active: r.PostFormValue("active") == "on"}
	refuse := func(field, msg string, status int) {
		f.Field, f.Error = field, msg
		d.seasonsPage(rw, r, status, deskSeasons{Form: f})
	}
	start, errStart := time.Parse(time.DateOnly, f.Start)
	end, errEnd := time.Parse(time.DateOnly, f.End)
	switch {
	case errStart != nil:
		refuse("start", l.T("desk.seasons.bad_date"), http.StatusBadRequest)
		return
	case errEnd != nil:
		refuse("end", l.T("desk.seasons.bad_date"), http.StatusBadRequest)
		return
	}
	retention, ok := decimalNumber(f.Retention)
	if !ok {
		refuse("retention", l.T("desk.seasons.bad_retention"), http.StatusBadRequest)
		return
	}
	in := season.Input{ID: f.ID, Title: &f.Title, TitleEN: &f.TitleEN, StartDate: &start, EndDate: &end,
		Scheduler: &f.Scheduler, DesiredRetention: &retention, EnableRedis: &f.EnableRedis, AutoArchive: &f.AutoArchive,
		IsActive: &f.Active}
	if f.ExamDate != "" {
		exam, err := time.Parse(time.DateOnly, f.ExamDate)
		if err != nil {
			refuse("exam_date", l.T("desk.seasons.bad_date"), http.StatusBadRequest)
			return
		}
		in.ExamDate = &exam
	}
	if f.ExamTarget != "" {
		target, ok := decimalNumber(f.ExamTarget)
		if !ok {
			refuse("exam_target", l.T("desk.seasons.bad_exam_target"), http.StatusBadRequest)
			return
		}
		in.ExamTarget = &target
	}
	if _, err := d.Season.Create(r.Context(), actorOf(r), in); err != nil {
		msg, status, ok := d.problemMessage(r, err)
		if !ok {
			d.serverError(rw, r, err)
			return
		}
		refuse(seasonField(err), msg, status)
		return
	}
	http.Redirect(rw, r, "/app/seasons?done=season_created", http.StatusSeeOther)
}

// seasonField is the form field a season's validation message is about.
func seasonField(err error) string {
	p, _ := problem.As(err)
	msg := ""
	if p != nil {
		msg = p.Message
	}
	switch {
	case strings.Contains(msg, "exam_date"):
		return "exam_date"
	case strings.Contains(msg, "exam_target"):
		return "exam_target"
	case strings.Contains(msg, "end_date"):
		return "end"
	case strings.Contains(msg, "start_date"):
		return "start"
	case strings.Contains(msg, "retention"):
		return "retention"
	case strings.Contains(msg, "scheduler"):
		return "scheduler"
	}
	return "id"
}

// seasonSwitch activates or ends a season.
func (d *desk) seasonSwitch(rw http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	var err error
	var done string
	switch r.PathValue("op") {
	case "activate":
		_, err = d.Season.Activate(r.Context(), actorOf(r), id)
		done = "season_activated"
	case "end":
		_, err = d.Season.End(r.Context(), actorOf(r), id)
		done = "season_ended"
	default:
		d.notFoundPage(rw, r)
		return
	}
	if err != nil {
		msg, status, ok := d.problemMessage(r, err)
		if !ok {
			d.serverError(rw, r, err)
			return
		}
		d.seasonsPage(rw, r, status, deskSeasons{Error: msg, Form: newSeasonForm(d.localizer(r))})
		return
	}
	http.Redirect(rw, r, "/app/seasons?done="+done, http.StatusSeeOther)
}
