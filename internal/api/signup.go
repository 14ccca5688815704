package api

import (
	"net/http"

	"memora/internal/httpx"
	"memora/internal/identity"
)

// ResetPagePath is the web app's page that a password reset link opens (with ?token=…), on
// the configured site (MEMORA_PUBLIC_URL), never on a request's Host.
const ResetPagePath = "/reset-password"

// registerSignUp adds the first-party account routes: sign-up with a join code, and the
// forgotten-password pair. Guests call them; no session is needed.
func (a *API) registerSignUp(rt *httpx.Router) {
	rt.Mutation(MethodPath("auth", "sign_up"),
		"Create a Student account with an institution's join code; sets the sid cookie", http.HandlerFunc(a.signUp))
	rt.Mutation(MethodPath("auth", "forgot_password"),
		"E-mail a one-time password reset link (same answer whether the account exists or not)", http.HandlerFunc(a.forgotPassword))
	rt.Mutation(MethodPath("auth", "reset_password"),
		"Set a new password with a reset link's token; ends every session of the account", http.HandlerFunc(a.resetPassword))
}

// signUp answers like login: the sid cookie and {message, home_page, full_name}.
func (a *API) signUp(w http.ResponseWriter, r *http.Request) {
	p, err := httpx.ParseParams(r)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	res, err := a.Identity.SignUp(r.Context(), identity.SignUp{JoinCode: p.String("join_code"),
		FullName: p.String("full_name"), Email: p.String("email"), Password: p.String("pwd")}, httpx.ClientIP(r))
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	logUser(r, res.Principal)
	httpx.SetSession(w, res.Token, res.ExpiresAt, a.opts.CookieSecure)
	writeJSON(w, a, loginReply{Message: "Logged In", HomePage: "/", FullName: res.Principal.FullName})
}

func (a *API) forgotPassword(w http.ResponseWriter, r *http.Request) {
	a.serve(w, r, func(p httpx.Params) (any, error) {
		err := a.Identity.RequestPasswordReset(r.Context(), p.String("email"), a.opts.SiteURL+ResetPagePath, httpx.ClientIP(r))
		if err != nil {
			return nil, err
		}
		return "Password Reset Requested", nil
	})
}

func (a *API) resetPassword(w http.ResponseWriter, r *http.Request) {
	a.serve(w, r, func(p httpx.Params) (any, error) {
		if err := a.Identity.ResetPassword(r.Context(), p.String("token"), p.String("pwd")); err != nil {
			return nil, err
		}
		return "Password Updated", nil
	})
}
