package api

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"memora/internal/httpx"
	"memora/internal/identity"
	"memora/internal/problem"
)

// SessionCookie is the Frappe session cookie name (httpx.SessionCookie).
const SessionCookie = httpx.SessionCookie

// authenticate finds the caller from an `Authorization: token key:secret` header or the
// session cookie.
func (a *API) authenticate(r *http.Request) (identity.Principal, error) {
	var (
		who identity.Principal
		err error
	)
	if h := r.Header.Get("Authorization"); h != "" {
		scheme, cred, _ := strings.Cut(h, " ")
		if !strings.EqualFold(scheme, "token") {
			return identity.Principal{}, identity.ErrInvalidCredentials
		}
		who, err = a.Identity.AuthenticateAPIKey(r.Context(), strings.TrimSpace(cred))
	} else {
		who, err = a.Identity.AuthenticateSession(r.Context(), httpx.SessionToken(r))
	}
	if err != nil {
		return identity.Principal{}, err
	}
	logUser(r, who)
	return who, nil
}

// optionalCaller is authenticate for routes guests may call: no credentials is a guest.
func (a *API) optionalCaller(r *http.Request) (*identity.Principal, error) {
	if r.Header.Get("Authorization") == "" && httpx.SessionToken(r) == "" {
		return nil, nil
	}
	who, err := a.authenticate(r)
	if errors.Is(err, identity.ErrNotLoggedIn) {
		return nil, nil // an expired session is a guest, as in Frappe
	}
	if err != nil {
		return nil, err
	}
	return &who, nil
}

func (a *API) registerAuth(rt *httpx.Router) {
	rt.Mutation("/api/method/login", "Log in with usr and pwd; sets the sid cookie", http.HandlerFunc(a.login))
	rt.Mutation("/api/method/logout", "End the current session", http.HandlerFunc(a.logout))
}

type loginReply struct {
	Message  string `json:"message"`
	HomePage string `json:"home_page"`
	FullName string `json:"full_name"`
}

func (a *API) login(w http.ResponseWriter, r *http.Request) {
	p, err := httpx.ParseParams(r)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	usr, pwd := p.String("usr"), p.String("pwd")
	if usr == "" || pwd == "" {
		httpx.WriteError(w, r, problem.InvalidMsg("Both usr and pwd are required"))
		return
	}
	res, err := a.Identity.Login(r.Context(), usr, pwd, httpx.ClientIP(r))
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	logUser(r, res.Principal)
	httpx.SetSession(w, res.Token, res.ExpiresAt, a.opts.CookieSecure)
	home := "/"
	if !res.Principal.HasRole("Student") || len(res.Principal.Roles) > 1 {
		home = "/app"
	}
	writeJSON(w, a, loginReply{Message: "Logged In", HomePage: home, FullName: res.Principal.FullName})
}

func (a *API) logout(w http.ResponseWriter, r *http.Request) {
	who, err := a.authenticate(r)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	if err := a.Identity.Logout(r.Context(), httpx.SessionToken(r), who, httpx.ClientIP(r)); err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	httpx.ClearSession(w, a.opts.CookieSecure)
	if err := httpx.WriteMessage(w, http.StatusOK, "Logged Out"); err != nil {
		a.logger.Warn("write response", "err", err)
	}
}

// writeJSON writes a body that is not the {"message": …} envelope (login's Frappe reply).
func writeJSON(w http.ResponseWriter, a *API, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	if err := json.NewEncoder(w).Encode(v); err != nil {
		a.logger.Warn("write response", "err", err)
	}
}

// logUser names the caller in the access log by id, never by e-mail address.
func logUser(r *http.Request, who identity.Principal) {
	httpx.SetUser(r.Context(), strconv.FormatInt(who.UserID, 10))
}
