package web

import (
	"net/http"

	"memora/internal/i18n"
)

// langSwitch remembers the chosen language for a year and returns to the page it was chosen on.
// It works without JavaScript: the switch is a one-button form.
func (w *App) langSwitch(rw http.ResponseWriter, r *http.Request) {
	lang, ok := i18n.Parse(r.PostFormValue("lang"))
	if !ok {
		lang = i18n.Arabic
	}
	http.SetCookie(rw, &http.Cookie{Name: i18n.CookieName, Value: string(lang), Path: "/", MaxAge: 365 * 24 * 3600,
		Secure: w.opts.CookieSecure, SameSite: http.SameSiteLaxMode})
	http.Redirect(rw, r, localPath(r.PostFormValue("next")), http.StatusSeeOther)
}
