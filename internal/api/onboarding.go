package api

import (
	"net/http"

	"memora/internal/httpx"
	"memora/internal/identity"
	"memora/internal/profile"
)

func (a *API) registerOnboarding(rt *httpx.Router) {
	a.read(rt, "onboarding", "get_academic_masters", "Grades, streams and seasons to choose from",
		func(r *http.Request, _ httpx.Params, who identity.Principal) (any, error) {
			return a.Profile.AcademicMasters(r.Context(), who.InstitutionID)
		})
	a.mutation(rt, "onboarding", "set_academic_profile", "Choose grade, stream and season",
		func(r *http.Request, p httpx.Params, who identity.Principal) (any, error) {
			err := a.Profile.SetAcademicProfile(r.Context(), who.UserID, profile.AcademicChoice{
				Grade: p.String("grade"), Stream: p.String("stream"), Season: p.String("season"),
			})
			if err != nil {
				return nil, err
			}
			return statusReply{Status: "success", Message: "Academic profile saved successfully"}, nil
		})
}

// statusReply is the original's {status, message} answer of mutations.
type statusReply struct {
	Status  string `json:"status"`
	Message string `json:"message"`
}
