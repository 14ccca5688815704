package api

import (
	"net/http"
	"strings"

	"memora/internal/httpx"
	"memora/internal/identity"
)

func (a *API) registerProfileStats(rt *httpx.Router) {
	a.read(rt, "profile", "get_full_profile_stats", "Level, streak, weekly activity and mastery of the caller",
		func(r *http.Request, p httpx.Params, who identity.Principal) (any, error) {
			return a.Progress.FullStats(r.Context(), who, strings.TrimSpace(p.String("subject")))
		})
}
