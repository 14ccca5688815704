package api

import (
	"net/http"

	"memora/internal/httpx"
	"memora/internal/identity"
)

const msgSRSParams = "You don't have permission to manage SRS parameters. This action requires the Institution Admin or System Manager role."

// The fitted FSRS-6 parameters of a season (docs/srs.md §12), for the admins of the
// institution and System Managers: institution defaults to the caller's own (a System
// Manager may name any; another institution is unknown to an admin).
func (a *API) registerSRSParams(rt *httpx.Router) {
	acc := adminStaff.refusing(msgSRSParams)
	a.readAs(rt, "srs", "get_parameter_versions", "A season's fitted FSRS-6 parameter versions, the one in use and the fit's rules (Institution Admin, System Manager)",
		acc, func(r *http.Request, p httpx.Params, who identity.Principal) (any, error) {
			season, err := requiredParam(p, "season")
			if err != nil {
				return nil, err
			}
			return a.SRSFit.List(r.Context(), caller(r, who), p.String("institution"), season)
		})
	a.mutationAs(rt, "srs", "pin_parameter_version", "Pin a season's parameter version (0: follow the latest fit again) (Institution Admin, System Manager)",
		acc, func(r *http.Request, p httpx.Params, who identity.Principal) (any, error) {
			season, err := requiredParam(p, "season")
			if err != nil {
				return nil, err
			}
			if _, err := requiredParam(p, "version"); err != nil {
				return nil, err
			}
			version, err := p.Int("version", 0)
			if err != nil {
				return nil, err
			}
			return a.SRSFit.Pin(r.Context(), caller(r, who), p.String("institution"), season, version)
		})
	a.mutationAs(rt, "srs", "reset_parameters", "Put a season back on its default weights; the fit job leaves it alone (Institution Admin, System Manager)",
		acc, func(r *http.Request, p httpx.Params, who identity.Principal) (any, error) {
			season, err := requiredParam(p, "season")
			if err != nil {
				return nil, err
			}
			return a.SRSFit.Reset(r.Context(), caller(r, who), p.String("institution"), season)
		})
	a.mutationAs(rt, "srs", "fit_parameters_now", "Queue a fit of a season's FSRS-6 parameters now (Institution Admin, System Manager)",
		acc, func(r *http.Request, p httpx.Params, who identity.Principal) (any, error) {
			season, err := requiredParam(p, "season")
			if err != nil {
				return nil, err
			}
			return a.SRSFit.FitNow(r.Context(), caller(r, who), p.String("institution"), season)
		})
}
