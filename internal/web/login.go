package web

import (
	"net/http"
	"strings"

	"memora/internal/demo"
	"memora/internal/httpx"
)

type loginForm struct {
	Email, Next, Error string
	Demo, Reset        bool
	// EmailInvalid and PasswordInvalid mark a field left empty. A pair that matches no account marks
	// neither: the one message is tied to both fields, and which of the two was wrong is never said.
	EmailInvalid, PasswordInvalid bool
}

// FocusEmail reports whether the page opens with the cursor in the e-mail field (after an error
// with no e-mail kept); after any other error it opens in the password field, the e-mail kept.
func (f loginForm) FocusEmail() bool { return f.Error != "" && f.Email == "" }

// DemoAccount and DemoPassword are what the demo's sign-in page suggests.
func (loginForm) DemoAccount() string  { return demo.TourAccount }
func (loginForm) DemoPassword() string { return demo.Password }

func (w *App) loginShow(rw http.ResponseWriter, r *http.Request) {
	if who, _ := w.caller(r); who != nil {
		http.Redirect(rw, r, localPath(r.URL.Query().Get("next")), http.StatusSeeOther)
		return
	}
	l := w.localizer(r)
	w.render(rw, r, http.StatusOK, "login", view{L: l, Title: l.T("login.title"),
		Data: loginForm{Next: r.URL.Query().Get("next"), Demo: w.opts.Demo, Reset: r.URL.Query().Has("reset")}})
}

// loginSubmit signs in with the API's session: errors (wrong password, too many attempts with
// the wait) are shown in place, with the e-mail kept.
func (w *App) loginSubmit(rw http.ResponseWriter, r *http.Request) {
	l := w.localizer(r)
	form := loginForm{Email: strings.TrimSpace(r.PostFormValue("email")), Next: r.PostFormValue("next"), Demo: w.opts.Demo}
	password := r.PostFormValue("password")
	if form.Email == "" || password == "" {
		form.Error = l.T("login.missing")
		form.EmailInvalid, form.PasswordInvalid = form.Email == "", password == ""
		w.render(rw, r, http.StatusBadRequest, "login", view{L: l, Title: l.T("login.title"), Data: form})
		return
	}
	res, err := w.Identity.Login(r.Context(), form.Email, password, httpx.ClientIP(r))
	if err != nil {
		var status int
		if form.Error, status = l.explain(err); form.Error == "" {
			w.serverError(rw, r, err)
			return
		}
		w.render(rw, r, status, "login", view{L: l, Title: l.T("login.title"), Data: form})
		return
	}
	w.setSession(rw, res)
	http.Redirect(rw, r, localPath(form.Next), http.StatusSeeOther)
}

// logout ends the session on the server and forgets the cookie.
func (w *App) logout(rw http.ResponseWriter, r *http.Request) {
	if who, err := w.caller(r); err == nil && who != nil {
		if err := w.Identity.Logout(r.Context(), httpx.SessionToken(r), *who, httpx.ClientIP(r)); err != nil {
			w.serverError(rw, r, err)
			return
		}
	}
	w.clearSession(rw)
	http.Redirect(rw, r, "/login", http.StatusSeeOther)
}
