package api

import (
	"net/http"

	"memora/internal/httpx"
	"memora/internal/identity"
	"memora/internal/problem"
)

const msgAlerts = "You don't have permission to view alerts. This action requires System Manager role."

// Operational alerts (reconciliation above 0.1 %, …) for System Managers, until
// acknowledged.
func (a *API) registerAlerts(rt *httpx.Router) {
	a.readAs(rt, "srs", "get_alerts", "Operational alerts, open ones or all (System Manager)",
		roles(SystemManager).refusing(msgAlerts), func(r *http.Request, p httpx.Params, _ identity.Principal) (any, error) {
			all, err := p.Bool("include_acknowledged")
			if err != nil {
				return nil, err
			}
			limit, err := p.Int("limit", 50)
			if err != nil {
				return nil, err
			}
			if limit < 1 || limit > 500 {
				return nil, problem.InvalidMsg("limit must be between 1 and 500")
			}
			return a.Season.Alerts(r.Context(), all, limit)
		})
	a.mutationAs(rt, "srs", "acknowledge_alert", "Acknowledge an open alert (System Manager)",
		roles(SystemManager).refusing(msgAlerts), func(r *http.Request, p httpx.Params, who identity.Principal) (any, error) {
			id, err := p.Int("alert_id", 0)
			if err != nil {
				return nil, err
			}
			if id <= 0 {
				return nil, problem.InvalidMsg("alert_id is required.")
			}
			return a.Season.Acknowledge(r.Context(), actor(r, who), int64(id))
		})
}
