package web

import (
	"net/http"
	"strconv"
	"strings"

	"memora/internal/httpx"
	"memora/internal/identity"
	"memora/internal/jobs"
	"memora/internal/problem"
	"memora/internal/season"
	"memora/internal/srsfit"
	"memora/internal/store"
)

// deskSRS is the SRS operations screen: the schedule cache, its rebuilds with their progress,
// reconciliation, and each season's archive with its typed confirmations.
type deskSRS struct {
	deskNames // the seasons' names, for the rebuilds
	Cache     season.CacheStatus
	Rebuilds  []deskRebuild
	Seasons   []deskSeason
	// The result of the operation just run, at most one of them.
	Reconciled *season.Report
	Archived   *season.Archived
	Deleted    *season.Deleted
	Done       string
	Sample     string // the sample size as typed into the reconciliation form (empty: the form's default)
	Error      string
	ErrorOp    string             // the form the error is about: rebuild, reconcile, archive, delete
	ErrorOf    string             // and its season
	Jobs       []string           // the periodic jobs that can be run now (none without RunJob)
	Ran        *jobs.RunNowResult // the job just queued
}

// The reconciliation form's sample sizes: its default, and the bounds the service takes.
func (deskSRS) SampleDefault() int { return 1000 }
func (deskSRS) SampleMin() int     { return season.MinSample }
func (deskSRS) SampleMax() int     { return season.MaxSample }

// periodicJobs are the periodic jobs the page offers to run now, in the order shown.
var periodicJobs = []string{"reconciliation", "auto_archive", "retention", "partitions", "session_sweep", "srs_fit"}

type deskRebuild struct {
	season.RebuildView
	Percent float64 // 0..1
	Live    bool    // queued or running: the page's script follows it
}

// Whole is the share done in whole percent, for the progress bar.
func (r deskRebuild) Whole() int { return int(r.Percent*100 + 0.5) }

type deskSeason struct {
	season.View
	Archive season.ArchiveStatus
	Params  *srsfit.Versions // the caller's institution's fitted parameters (active seasons)
}

// ParamsInUse is the parameter version in use, or nil (none: the season's own weights).
func (s deskSeason) ParamsInUse() *srsfit.Version {
	if s.Params == nil {
		return nil
	}
	for i := range s.Params.Versions {
		if s.Params.Versions[i].InUse {
			return &s.Params.Versions[i]
		}
	}
	return nil
}

func (d *desk) srs(rw http.ResponseWriter, r *http.Request) {
	d.srsPage(rw, r, http.StatusOK, deskSRS{Done: d.flash(r, "rebuild_started")})
}

func (d *desk) srsPage(rw http.ResponseWriter, r *http.Request, status int, page deskSRS) {
	ctx := r.Context()
	var err error
	if page.Cache, err = d.Season.CacheStatus(ctx); err != nil {
		d.serverError(rw, r, err)
		return
	}
	if d.RunJob != nil {
		page.Jobs = periodicJobs
	}
	for _, rb := range page.Cache.Rebuilds {
		page.Rebuilds = append(page.Rebuilds, rebuildProgress(rb))
	}
	seasons, err := d.Season.List(ctx)
	if err != nil {
		d.serverError(rw, r, err)
		return
	}
	for _, s := range seasons {
		st, err := d.Season.Status(ctx, s.Name)
		if err != nil {
			d.serverError(rw, r, err)
			return
		}
		ds := deskSeason{View: s, Archive: st}
		if d.SRSParams != nil && s.IsActive {
			v, err := d.SRSParams(ctx, identity.Caller{Principal: *userFrom(r)}, s.Name)
			if err != nil {
				d.serverError(rw, r, err)
				return
			}
			ds.Params = &v
		}
		page.Seasons = append(page.Seasons, ds)
	}
	page.deskNames.Seasons = seasons
	d.show(rw, r, status, "srs", "desk.srs.title", "desk_srs", page)
}

// rebuildProgress is a rebuild's share done: a completed rebuild is whole, even of no rows.
func rebuildProgress(rb season.RebuildView) deskRebuild {
	out := deskRebuild{RebuildView: rb, Live: rb.Status == store.RebuildQueued || rb.Status == store.RebuildRunning}
	switch {
	case rb.Status == store.RebuildCompleted:
		out.Percent = 1
	case rb.Total > 0:
		out.Percent = min(1, float64(rb.Processed)/float64(rb.Total))
	}
	return out
}

// srsRun runs one operation. Archive and delete need the season's name typed again.
func (d *desk) srsRun(rw http.ResponseWriter, r *http.Request) {
	who := userFrom(r)
	by := season.Actor{UserID: who.UserID, InstitutionID: who.InstitutionID, Email: who.Email, RemoteAddr: httpx.ClientIP(r)}
	op := r.PathValue("op")
	name := strings.TrimSpace(r.PostFormValue("season"))
	confirmed := strings.TrimSpace(r.PostFormValue("confirm")) == name && name != ""
	l := d.localizer(r)
	var page deskSRS
	var err error
	switch op {
	case "rebuild":
		var started season.RebuildStarted
		if started, err = d.Season.StartRebuild(r.Context(), by, name); err == nil {
			http.Redirect(rw, r, "/app/srs?done=rebuild_started&rebuild="+strconv.FormatInt(started.RebuildID, 10)+"#rebuilds", http.StatusSeeOther)
			return
		}
	case "reconcile":
		size := int64(season.DefaultSample)
		if page.Sample = strings.TrimSpace(r.PostFormValue("sample_size")); page.Sample != "" {
			var ok bool
			if size, ok = wholeNumber(page.Sample); !ok || size < season.MinSample || size > season.MaxSample {
				err = problem.InvalidMsg(l.T("desk.srs.bad_sample", "min", l.Num(season.MinSample), "max", l.Num(season.MaxSample)))
				break
			}
		}
		var rep season.Report
		if rep, err = d.Season.Reconcile(r.Context(), by, int(size), name); err == nil {
			page.Reconciled = &rep
		}
	case "archive":
		if !confirmed {
			err = problem.InvalidMsg(l.T("desk.srs.confirm_mismatch"))
			break
		}
		var res season.Archived
		if res, err = d.Season.Archive(r.Context(), by, name); err == nil {
			page.Archived = &res
		}
	case "delete":
		if !confirmed {
			err = problem.InvalidMsg(l.T("desk.srs.confirm_mismatch"))
			break
		}
		var res season.Deleted
		if res, err = d.Season.DeleteEligible(r.Context(), by, name, true); err == nil {
			page.Deleted = &res
		}
	default:
		d.notFoundPage(rw, r)
		return
	}
	status := http.StatusOK
	if err != nil {
		msg, st, ok := d.problemMessage(r, err)
		if !ok {
			d.serverError(rw, r, err)
			return
		}
		page.Error, page.ErrorOp, page.ErrorOf, status = msg, op, name, st
	}
	d.srsPage(rw, r, status, page)
}

// jobRun queues a periodic job now and shows the page with what was queued.
func (d *desk) jobRun(rw http.ResponseWriter, r *http.Request) {
	if d.RunJob == nil {
		d.notFoundPage(rw, r)
		return
	}
	res, err := d.RunJob(r.Context(), callerOf(r), r.PathValue("job"))
	if err != nil {
		msg, status, ok := d.problemMessage(r, err)
		if !ok {
			d.serverError(rw, r, err)
			return
		}
		d.srsPage(rw, r, status, deskSRS{Error: msg, ErrorOp: "run"})
		return
	}
	d.srsPage(rw, r, http.StatusOK, deskSRS{Ran: &res})
}

// deskAlerts lists operational alerts, open ones first.
type deskAlerts struct {
	All    bool
	Alerts []season.AlertView
	Done   string
}

func (d *desk) alerts(rw http.ResponseWriter, r *http.Request) {
	all := r.URL.Query().Get("all") == "1"
	list, err := d.Season.Alerts(r.Context(), all, 200)
	if err != nil {
		d.serverError(rw, r, err)
		return
	}
	d.show(rw, r, http.StatusOK, "alerts", "desk.alerts.title", "desk_alerts",
		deskAlerts{All: all, Alerts: list, Done: d.flash(r, "acknowledged")})
}

func (d *desk) alertAck(rw http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		d.notFoundPage(rw, r)
		return
	}
	who := userFrom(r)
	by := season.Actor{UserID: who.UserID, InstitutionID: who.InstitutionID, Email: who.Email, RemoteAddr: httpx.ClientIP(r)}
	if _, err := d.Season.Acknowledge(r.Context(), by, id); err != nil {
		d.fail(rw, r, "alerts", err)
		return
	}
	http.Redirect(rw, r, "/app/alerts?done=acknowledged", http.StatusSeeOther)
}
