package web

import (
	"net/http"
	"strings"
	"time"

	"memora/internal/audit"
	"memora/internal/i18n"
)

// deskAudit is the audit log with its filters: System Managers read every institution (or one),
// Institution Admins their own.
type deskAudit struct {
	Action, Since, Until, Institution string
	AllInstitutions                   bool // the institution filter is offered
	Entries                           []deskAuditRow
	Error                             string
}

// deskAuditRow is an entry with its time as its reader reads it: the day and clock of the
// reader's institution (the clock of the date filters), in the page's words and digits.
type deskAuditRow struct {
	audit.Record
	When string
}

const deskAuditLimit = 200

func (d *desk) auditLog(rw http.ResponseWriter, r *http.Request) {
	who := userFrom(r)
	l := d.localizer(r)
	qs := r.URL.Query()
	page := deskAudit{Action: strings.TrimSpace(qs.Get("action")), Since: strings.TrimSpace(qs.Get("since")),
		Until: strings.TrimSpace(qs.Get("until")), AllInstitutions: who.HasRole(roleSystem)}
	q := audit.Query{Action: page.Action, Limit: deskAuditLimit, InstitutionID: who.InstitutionID}
	if page.AllInstitutions {
		page.Institution = strings.TrimSpace(qs.Get("institution"))
		q.InstitutionID = page.Institution
	}
	var errSince, errUntil error
	q.Since, errSince = auditDay(page.Since, who.Zone(), false)
	q.Until, errUntil = auditDay(page.Until, who.Zone(), true)
	if errSince != nil || errUntil != nil {
		page.Error = l.T("desk.audit.bad_date")
		d.show(rw, r, http.StatusBadRequest, "audit", "desk.audit.title", "desk_audit", page)
		return
	}
	entries, err := d.Audit.List(r.Context(), q)
	if err != nil {
		d.serverError(rw, r, err)
		return
	}
	for _, e := range entries {
		at := e.CreatedAt.In(who.Zone())
		page.Entries = append(page.Entries, deskAuditRow{Record: e,
			When: l.T("desk.audit.at", "day", l.Day(at), "clock", i18n.Digits(l.Lang, at.Format("15:04")))})
	}
	d.show(rw, r, http.StatusOK, "audit", "desk.audit.title", "desk_audit", page)
}

// auditDay reads a date filter (YYYY-MM-DD, the reader's day); "until" includes its whole day.
func auditDay(v string, loc *time.Location, endOfDay bool) (time.Time, error) {
	if v == "" {
		return time.Time{}, nil
	}
	t, err := time.ParseInLocation(time.DateOnly, v, loc)
	if err != nil {
		return time.Time{}, err
	}
	if endOfDay {
		t = t.AddDate(0, 0, 1).Add(-time.Nanosecond)
	}
	return t, nil
}
