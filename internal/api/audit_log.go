package api

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"memora/internal/audit"
	"memora/internal/httpx"
	"memora/internal/identity"
	"memora/internal/problem"
	"memora/internal/store"
)

func (a *API) registerAuditLog(rt *httpx.Router) {
	a.readAs(rt, "audit", "get_audit_log",
		"Audit log filtered by institution, actor, action and time (System Manager: all; Institution Admin: own)",
		roles(InstitutionAdmin, SystemManager).refusing(msgAuditLog), a.auditLog)
}

const (
	maxAuditLimit = 1000
	msgAuditLog   = "You don't have permission to view the audit log."
)

// auditLog lists audit entries, newest first. System Managers see every institution;
// Institution Admins only their own.
func (a *API) auditLog(r *http.Request, p httpx.Params, who identity.Principal) (any, error) {
	q, err := auditQuery(p, who)
	if err != nil {
		return nil, err
	}
	if actor := strings.TrimSpace(p.String("actor")); actor != "" {
		id, found, err := a.actorID(r, actor)
		if err != nil || !found {
			return []audit.Record{}, err
		}
		q.ActorUserID = id
	}
	return a.Audit.List(r.Context(), q)
}

func auditQuery(p httpx.Params, who identity.Principal) (audit.Query, error) {
	q := audit.Query{InstitutionID: strings.TrimSpace(p.String("institution")), Action: strings.TrimSpace(p.String("action"))}
	switch {
	case who.HasRole(store.RoleSystemManager):
	case who.HasRole(store.RoleInstitutionAdmin):
		if q.InstitutionID != "" && q.InstitutionID != who.InstitutionID {
			return q, problem.ForbiddenMsg("You can only view the audit log of your own institution.")
		}
		q.InstitutionID = who.InstitutionID
	default:
		return q, problem.ForbiddenMsg("You don't have permission to view the audit log.")
	}
	var err error
	if q.Limit, err = p.Int("limit", 100); err != nil {
		return q, err
	}
	if q.Limit < 1 || q.Limit > maxAuditLimit {
		return q, problem.InvalidMsg("limit must be between 1 and 1000")
	}
	if q.Since, err = auditTime(p, "since", who.Location, false); err != nil {
		return q, err
	}
	q.Until, err = auditTime(p, "until", who.Location, true)
	return q, err
}

// auditTime reads an RFC 3339 time or a date (the caller's day; an "until" date includes
// that whole day).
func auditTime(p httpx.Params, field string, loc *time.Location, endOfDay bool) (time.Time, error) {
	v := strings.TrimSpace(p.String(field))
	if v == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339, v); err == nil {
		return t, nil
	}
	if loc == nil {
		loc = time.UTC
	}
	d, err := time.ParseInLocation(time.DateOnly, v, loc)
	if err != nil {
		return time.Time{}, problem.Invalidf("Invalid value for {name}: expected YYYY-MM-DD or an RFC 3339 time", "name", field)
	}
	if endOfDay {
		d = d.AddDate(0, 0, 1)
	}
	return d, nil
}

// actorID resolves an actor given as a user id or an e-mail address.
func (a *API) actorID(r *http.Request, actor string) (int64, bool, error) {
	if id, err := strconv.ParseInt(actor, 10, 64); err == nil {
		return id, true, nil
	}
	u, err := a.Identity.Store.UserGetByEmail(r.Context(), identity.NormalizeEmail(actor))
	if errors.Is(err, store.ErrNotFound) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, err
	}
	return u.ID, true, nil
}
