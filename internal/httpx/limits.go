package httpx

import (
	"context"
	"net/http"
	"time"
)

// DefaultMaxBodyBytes is the request body limit when none is configured.
const DefaultMaxBodyBytes int64 = 1 << 20

// Timeout gives each request a context deadline of d (none if d <= 0).
// Unlike http.TimeoutHandler it does not buffer the response: handlers and
// the database driver observe ctx and return context.DeadlineExceeded,
// which WriteError answers with 503.
func Timeout(d time.Duration) Middleware {
	return func(next http.Handler) http.Handler {
		if d <= 0 {
			return next
		}
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			ctx, cancel := context.WithTimeout(r.Context(), d)
			defer cancel()
			next.ServeHTTP(w, r.WithContext(ctx))
		})
	}
}

// BodyLimit caps request bodies at n bytes (DefaultMaxBodyBytes if n <= 0).
// A declared Content-Length over the limit is refused at once; otherwise
// reading past the limit fails with *http.MaxBytesError, which WriteError
// answers with 413.
func BodyLimit(n int64) Middleware {
	if n <= 0 {
		n = DefaultMaxBodyBytes
	}
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.ContentLength > n {
				WriteError(w, r, &http.MaxBytesError{Limit: n})
				return
			}
			if r.Body != nil {
				r.Body = http.MaxBytesReader(w, r.Body, n)
			}
			next.ServeHTTP(w, r)
		})
	}
}
