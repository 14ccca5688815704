package httpx

import (
	"fmt"
	"net/http"
	"strings"
)

const msgCrossOrigin = "Cross-origin request refused"

// CrossOrigin refuses unsafe cross-origin browser requests (CSRF against the
// sid cookie) with a 403 Frappe body, using http.CrossOriginProtection.
// trusted lists extra origins ("https://admin.example.org") allowed to call.
//
// Requests carrying "Authorization: token key:secret" are exempt: that
// header is never sent ambiently by a browser, and a cross-origin page
// cannot add it without a CORS preflight, approved only for trusted origins. The auth layer
// must therefore not fall back to the cookie when such a header is present.
func CrossOrigin(trusted []string) (Middleware, error) {
	cop := http.NewCrossOriginProtection()
	for _, origin := range trusted {
		if err := cop.AddTrustedOrigin(origin); err != nil {
			return nil, fmt.Errorf("httpx: trusted origin %q: %w", origin, err)
		}
	}
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		WriteError(w, r, Permission(msgCrossOrigin))
	}))
	return func(next http.Handler) http.Handler {
		protected := cop.Handler(next)
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if hasTokenAuth(r) {
				next.ServeHTTP(w, r)
				return
			}
			protected.ServeHTTP(w, r)
		})
	}, nil
}

func hasTokenAuth(r *http.Request) bool {
	scheme, _, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	return ok && strings.EqualFold(scheme, "token")
}
