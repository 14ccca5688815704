package api

import (
	"net/http"

	"memora/internal/httpx"
	"memora/internal/identity"
)

func (a *API) registerProfile(rt *httpx.Router) {
	a.read(rt, "profile", "get_player_profile", "XP, gems, grade and stream of the caller",
		func(r *http.Request, _ httpx.Params, who identity.Principal) (any, error) {
			return a.Profile.Summary(r.Context(), who.UserID)
		})
	rt.Read(MethodPath("profile", "get_player_login_info"), "Who is logged in (guests allowed)",
		http.HandlerFunc(a.loginInfo))
}

func (a *API) loginInfo(w http.ResponseWriter, r *http.Request) {
	a.serve(w, r, func(httpx.Params) (any, error) {
		who, err := a.optionalCaller(r)
		if err != nil {
			return nil, err
		}
		if who == nil {
			return map[string]bool{"is_logged_in": false}, nil
		}
		return a.Profile.LoginInfo(r.Context(), who)
	})
}
