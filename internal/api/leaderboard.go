package api

import (
	"net/http"
	"strings"

	"memora/internal/httpx"
	"memora/internal/identity"
)

func (a *API) registerLeaderboard(rt *httpx.Router) {
	a.read(rt, "leaderboard", "get_leaderboard", "Top 50 of the caller's institution and the caller's exact rank",
		func(r *http.Request, p httpx.Params, who identity.Principal) (any, error) {
			return a.Leaderboard.Get(r.Context(), who, strings.TrimSpace(p.String("subject")),
				strings.TrimSpace(p.String("period")))
		})
}
