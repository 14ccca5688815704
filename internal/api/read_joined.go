package api

import (
	"net/http"

	"memora/internal/httpx"
)

// readJoined is read for an operation whose handler reads Redis first anyway
// (get_review_session): a cached session's epoch is read in the handler's own Redis round
// trip (identity.AuthenticateSessionDeferred), and the answer is sent only once that read
// confirms the session. When it does not, the answer is dropped and the request is served
// again as read serves it, so a session ended or changed on any server is refused (or
// reloaded) exactly as there. Only signed-in users may call it, as with read.
func (a *API) readJoined(rt *httpx.Router, module, fn, summary string, h handlerFunc) {
	a.ops = append(a.ops, Operation{Module: module, Function: fn, Roles: signedIn.roles})
	plain := a.authed(signedIn, h)
	rt.Read(MethodPath(module, fn), summary, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "" {
			plain.ServeHTTP(w, r)
			return
		}
		who, ctx, confirm := a.Identity.AuthenticateSessionDeferred(r.Context(), httpx.SessionToken(r))
		if confirm == nil {
			plain.ServeHTTP(w, r)
			return
		}
		params, err := httpx.ParseParams(r)
		if err != nil {
			plain.ServeHTTP(w, r)
			return
		}
		v, err := h(r.WithContext(ctx), params, who)
		if !confirm() {
			plain.ServeHTTP(w, r)
			return
		}
		logUser(r, who)
		if err != nil {
			httpx.WriteError(w, r, err)
			return
		}
		if err := httpx.WriteMessage(w, http.StatusOK, v); err != nil {
			a.logger.Warn("write response", "err", err)
		}
	}))
}
