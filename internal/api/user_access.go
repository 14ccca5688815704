package api

import (
	"net/http"

	"memora/internal/httpx"
)

func (a *API) registerUserAccess(rt *httpx.Router) {
	rt.Read(MethodPath("user_access", "get_user_access_keys"), "Subjects and tracks the caller's subscriptions open, and the plan version (guests allowed)",
		http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			a.serve(w, r, func(httpx.Params) (any, error) {
				who, err := a.optionalCaller(r)
				if err != nil {
					return nil, err
				}
				return a.Catalog.AccessKeys(r.Context(), who)
			})
		}))
}
