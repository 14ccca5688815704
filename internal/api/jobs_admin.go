package api

import (
	"net/http"

	"memora/internal/httpx"
	"memora/internal/identity"
	"memora/internal/problem"
	"memora/internal/store"
)

const msgJobs = "You don't have permission to view jobs. This action requires System Manager role."

// The job system for System Managers: a JSON summary (queue depth, failures) and River's
// own dashboard under /app/jobs/.
func (a *API) registerJobsAdmin(rt *httpx.Router) {
	a.readAs(rt, "jobs", "get_dashboard", "Background jobs by state and queue depth (System Manager)",
		roles(SystemManager).refusing(msgJobs), func(r *http.Request, _ httpx.Params, _ identity.Principal) (any, error) {
			return a.Jobs.Dashboard(r.Context())
		})
	if a.JobsUI != nil {
		rt.Handle("/app/jobs/", "River job dashboard (System Manager)", a.systemManagerPage(a.JobsUI),
			http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch)
	}
}

// systemManagerPage lets only System Managers through to h.
func (a *API) systemManagerPage(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		who, err := a.authenticate(r)
		if err != nil {
			httpx.WriteError(w, r, err)
			return
		}
		if !who.HasRole(store.RoleSystemManager) {
			httpx.WriteError(w, r, problem.ForbiddenMsg(msgJobs))
			return
		}
		h.ServeHTTP(w, r)
	})
}
