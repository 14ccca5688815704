package api

import (
	"net/http"
	"strings"

	"memora/internal/httpx"
	"memora/internal/identity"
	"memora/internal/problem"
	"memora/internal/season"
	"memora/internal/store"
)

const msgWorkload = "You don't have permission to view the workload forecast."

// The workload forecast (docs/srs.md §11): an institution's admins see their own students',
// a System Manager any institution's or (without one) the whole season's.
func (a *API) registerSRSWorkload(rt *httpx.Router) {
	a.readAs(rt, "srs", "get_workload_forecast", "Expected daily review minutes per student at the season's desired retention and ±0.05",
		roles(InstitutionAdmin, SystemManager).refusing(msgWorkload), func(r *http.Request, p httpx.Params, who identity.Principal) (any, error) {
			name, err := seasonName(p)
			if err != nil {
				return nil, err
			}
			q := season.ForecastParams{SeasonID: name, InstitutionID: strings.TrimSpace(p.String("institution"))}
			if !who.HasRole(store.RoleSystemManager) {
				if q.InstitutionID != "" && q.InstitutionID != who.InstitutionID {
					return nil, problem.ForbiddenMsg("You can only view the workload forecast of your own institution.")
				}
				q.InstitutionID = who.InstitutionID
			}
			if q.Days, err = p.Int("days", season.ForecastDefaultDays); err != nil {
				return nil, err
			}
			return a.Season.Forecast(r.Context(), q)
		})
}
