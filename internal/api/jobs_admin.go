package api

import (
	"net/http"

	"memora/internal/httpx"
	"memora/internal/identity"
)

const msgJobs = "You don't have permission to view jobs. This action requires System Manager role."

// The job system for System Managers: a JSON summary (queue depth, failures) and River's
// own dashboard under /app/jobs/ (an operation of the authorization table like the others,
// with the same roles).
func (a *API) registerJobsAdmin(rt *httpx.Router) {
	acc := systemOnly.refusing(msgJobs)
	a.readAs(rt, "jobs", "get_dashboard", "Background jobs by state and queue depth (System Manager)",
		acc, func(r *http.Request, _ httpx.Params, _ identity.Principal) (any, error) {
			return a.Jobs.Dashboard(r.Context())
		})
	var ui http.Handler
	if a.JobsUI != nil {
		ui = a.JobsUI
	}
	a.pageAs(rt, "jobs", "ui", jobsPage, "River job dashboard (System Manager)", acc, ui,
		http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch)
}

// jobsPage is where River's dashboard is served.
const jobsPage = "/app/jobs/"
