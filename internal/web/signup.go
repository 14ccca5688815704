package web

import (
	"net/http"
	"strings"

	"memora/internal/httpx"
	"memora/internal/identity"
)

type signupForm struct {
	JoinCode, FullName, Email, Error string
	// Field is the field Error is about (identity.SignUpField): marked invalid and focused.
	Field       string
	MinPassword int
}

func (w *App) signupShow(rw http.ResponseWriter, r *http.Request) {
	l := w.localizer(r)
	w.render(rw, r, http.StatusOK, "signup", view{L: l, Title: l.T("signup.title"),
		Data: signupForm{JoinCode: r.URL.Query().Get("code"), MinPassword: identity.MinPasswordLength}})
}

// signupSubmit creates a student of the join code's institution and signs them in; the
// service's refusal (unknown code, e-mail taken, weak password…) is shown in place with what
// they typed kept, except the password.
func (w *App) signupSubmit(rw http.ResponseWriter, r *http.Request) {
	l := w.localizer(r)
	form := signupForm{JoinCode: strings.TrimSpace(r.PostFormValue("join_code")), FullName: strings.TrimSpace(r.PostFormValue("full_name")),
		Email: strings.TrimSpace(r.PostFormValue("email")), MinPassword: identity.MinPasswordLength}
	res, err := w.Identity.SignUp(r.Context(), identity.SignUp{JoinCode: form.JoinCode, FullName: form.FullName,
		Email: form.Email, Password: r.PostFormValue("password")}, httpx.ClientIP(r))
	if err != nil {
		var status int
		if form.Error, status = l.explain(err); form.Error == "" {
			w.serverError(rw, r, err)
			return
		}
		form.Field = identity.SignUpField(err)
		w.render(rw, r, status, "signup", view{L: l, Title: l.T("signup.title"), Data: form})
		return
	}
	w.setSession(rw, res)
	http.Redirect(rw, r, "/onboarding", http.StatusSeeOther)
}
