package api

import (
	"net/http"

	"memora/internal/httpx"
)

// PlanVersionPath is the guest route of the original's static-JSON builder.
const PlanVersionPath = "/api/method/memora.json_builders.academic_cache.get_plan_version"

func (a *API) registerAcademicCache(rt *httpx.Router) {
	rt.Read(PlanVersionPath, "Version of the plan of a grade, stream and season (guests allowed)",
		http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			a.serve(w, r, func(p httpx.Params) (any, error) {
				who, err := a.optionalCaller(r)
				if err != nil {
					return nil, err
				}
				institution := ""
				if who != nil {
					institution = who.InstitutionID
				}
				return a.Catalog.PlanVersion(r.Context(), institution, p.String("grade"), p.String("season"), p.String("stream"))
			})
		}))
}
