package api

import (
	"net/http"

	"memora/internal/httpx"
	"memora/internal/identity"
)

const msgRunJobs = "You don't have permission to run jobs. This action requires System Manager role."

// "Run now" for the periodic jobs (auto-archive, retention, reconciliation, partitions,
// session sweep), so an operator never inserts job rows by hand.
func (a *API) registerJobsRun(rt *httpx.Router) {
	a.mutationAs(rt, "jobs", "run_now", "Queue a periodic job to run at once (System Manager)", systemOnly.refusing(msgRunJobs),
		func(r *http.Request, p httpx.Params, who identity.Principal) (any, error) {
			name, err := requiredParam(p, "job")
			if err != nil {
				return nil, err
			}
			return a.Jobs.Run(r.Context(), a.Identity.Store, a.Audit, caller(r, who), name)
		})
}
