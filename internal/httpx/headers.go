package httpx

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// APIContentSecurityPolicy is the policy of everything that is not a page: JSON answers load
// nothing and may not be framed. The web app's pages set their own, stricter-than-default
// policy (internal/web/headers.go) with the same frame-ancestors 'none'.
const APIContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

// hstsValue asks browsers to use HTTPS only for a year.
const hstsValue = "max-age=31536000"

// SecurityHeaders sets the headers every answer carries: Referrer-Policy everywhere;
// Content-Security-Policy, X-Frame-Options and nosniff on the API, health and metrics paths
// (pages set their own, and the jobs dashboard its own); Strict-Transport-Security when hsts
// is on (cookies are Secure, or Memora serves TLS itself).
func SecurityHeaders(hsts bool) Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			h := w.Header()
			h.Set("Referrer-Policy", "same-origin")
			if apiPath(r.URL.Path) {
				h.Set("Content-Security-Policy", APIContentSecurityPolicy)
				h.Set("X-Frame-Options", "DENY")
				h.Set("X-Content-Type-Options", "nosniff")
			}
			if hsts {
				h.Set("Strict-Transport-Security", hstsValue)
			}
			next.ServeHTTP(w, r)
		})
	}
}

func apiPath(p string) bool {
	return strings.HasPrefix(p, "/api/") || p == "/healthz" || p == "/readyz" || p == "/metrics"
}

// corsAllowHeaders are the request headers a trusted origin's script may send.
var corsAllowHeaders = []string{"Accept", "Accept-Language", "Authorization", "Content-Type", HeaderRequestID}

// CORS lets the pages of trusted origins (MEMORA_TRUSTED_ORIGINS) call the API from the
// browser with the session cookie: a preflight (OPTIONS with Access-Control-Request-Method)
// from such an origin is answered 204 with what it may send, and its requests get
// Access-Control-Allow-Origin (that origin, never "*") with Allow-Credentials. Other origins
// get no CORS header, so browsers keep their answers from them. Only /api/ paths.
func CORS(trusted []string) Middleware {
	return func(next http.Handler) http.Handler {
		if len(trusted) == 0 {
			return next
		}
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			origin := r.Header.Get("Origin")
			if origin == "" || !strings.HasPrefix(r.URL.Path, "/api/") {
				next.ServeHTTP(w, r)
				return
			}
			h := w.Header()
			h.Add("Vary", "Origin")
			if !slices.Contains(trusted, origin) {
				next.ServeHTTP(w, r)
				return
			}
			h.Set("Access-Control-Allow-Origin", origin)
			h.Set("Access-Control-Allow-Credentials", "true")
			if r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {
				h.Add("Vary", "Access-Control-Request-Method")
				h.Add("Vary", "Access-Control-Request-Headers")
				h.Set("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE")
				h.Set("Access-Control-Allow-Headers", strings.Join(corsAllowHeaders, ", "))
				h.Set("Access-Control-Max-Age", strconv.Itoa(600))
				w.WriteHeader(http.StatusNoContent)
				return
			}
			h.Set("Access-Control-Expose-Headers", "Retry-After, "+HeaderRequestID)
			next.ServeHTTP(w, r)
		})
	}
}
