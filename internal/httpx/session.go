package httpx

import (
	"net/http"
	"time"
)

// SessionCookie is the Frappe session cookie. The API's login and the web app's sign-in set the
// same one, so signing in on a page signs in the page's API calls too.
const SessionCookie = "sid"

// SessionToken is the request's session token; "" without one (Frappe's "Guest" included).
func SessionToken(r *http.Request) string {
	c, err := r.Cookie(SessionCookie)
	if err != nil || c.Value == "Guest" {
		return ""
	}
	return c.Value
}

// SetSession gives the client the session cookie: HttpOnly, SameSite=Lax, Secure when asked.
func SetSession(w http.ResponseWriter, token string, expires time.Time, secure bool) {
	http.SetCookie(w, &http.Cookie{Name: SessionCookie, Value: token, Path: "/", Expires: expires,
		HttpOnly: true, Secure: secure, SameSite: http.SameSiteLaxMode})
}

// ClearSession makes the client forget the session cookie.
func ClearSession(w http.ResponseWriter, secure bool) {
	http.SetCookie(w, &http.Cookie{Name: SessionCookie, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: secure, SameSite: http.SameSiteLaxMode})
}
