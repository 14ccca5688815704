package web

import (
	"net/http"
	"strings"

	"memora/internal/httpx"
	"memora/internal/identity"
)

// resetPath is the page a reset link opens; the link carries ?token=.
const resetPath = "/reset-password"

type resetForm struct {
	Email, Token, Error string
	// Field is the reset form's field Error is about ("password" or "confirm"), marked invalid;
	// "" when it is about the link. The cursor goes to the new password either way: neither
	// password comes back filled in.
	Field       string
	Sent        bool
	MinPassword int
}

func (w *App) forgotShow(rw http.ResponseWriter, r *http.Request) {
	l := w.localizer(r)
	w.render(rw, r, http.StatusOK, "forgot", view{L: l, Title: l.T("forgot.title"), Data: resetForm{}})
}

// forgotSubmit asks for a one-time link. The page says the same whether the address has an
// account or not, so it cannot be used to find out who studies here.
func (w *App) forgotSubmit(rw http.ResponseWriter, r *http.Request) {
	l := w.localizer(r)
	form := resetForm{Email: strings.TrimSpace(r.PostFormValue("email"))}
	err := w.Identity.RequestPasswordReset(r.Context(), form.Email, w.opts.SiteURL+resetPath, httpx.ClientIP(r))
	status := http.StatusOK
	if err != nil {
		if form.Error, status = l.explain(err); form.Error == "" {
			w.serverError(rw, r, err)
			return
		}
	} else {
		form.Sent = true
	}
	w.render(rw, r, status, "forgot", view{L: l, Title: l.T("forgot.title"), Data: form})
}

func (w *App) resetShow(rw http.ResponseWriter, r *http.Request) {
	l := w.localizer(r)
	w.render(rw, r, http.StatusOK, "reset", view{L: l, Title: l.T("reset.title"),
		Data: resetForm{Token: r.URL.Query().Get("token"), MinPassword: identity.MinPasswordLength}})
}

// resetSubmit sets the new password; every session of the account ends, so the student signs
// in again with it.
func (w *App) resetSubmit(rw http.ResponseWriter, r *http.Request) {
	l := w.localizer(r)
	form := resetForm{Token: r.PostFormValue("token"), MinPassword: identity.MinPasswordLength}
	password := r.PostFormValue("password")
	if password != r.PostFormValue("confirm") {
		form.Error, form.Field = l.T("reset.mismatch"), "confirm"
		w.render(rw, r, http.StatusBadRequest, "reset", view{L: l, Title: l.T("reset.title"), Data: form})
		return
	}
	if err := w.Identity.ResetPassword(r.Context(), form.Token, password); err != nil {
		var status int
		if form.Error, status = l.explain(err); form.Error == "" {
			w.serverError(rw, r, err)
			return
		}
		form.Field = identity.SignUpField(err) // the password policy's refusals are the sign-up's
		w.render(rw, r, status, "reset", view{L: l, Title: l.T("reset.title"), Data: form})
		return
	}
	w.clearSession(rw)
	http.Redirect(rw, r, "/login?reset=1", http.StatusSeeOther)
}
