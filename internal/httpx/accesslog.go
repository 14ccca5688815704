package httpx

import (
	"context"
	"log/slog"
	"net/http"
	"time"
)

// RequestObserver receives one observation per request; *metrics.Metrics
// implements it. route is the matched pattern, "" when none matched.
type RequestObserver interface {
	ObserveRequest(method, route string, status int, elapsed time.Duration)
}

// AccessLog logs one line per request and feeds obs (which may be nil). It
// installs the per-request record that SetUser and the Router fill in. The
// line names the client address (ClientIP) and the user by id, never by
// e-mail address (students are minors); durations carry their unit in the key.
func AccessLog(log *slog.Logger, obs RequestObserver) Middleware {
	log = orDefault(log)
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			start := time.Now()
			rec := &record{}
			r = r.WithContext(context.WithValue(r.Context(), keyRecord, rec))
			sw := &statusWriter{ResponseWriter: w}
			// Deferred so a request aborted by a re-panic is still logged.
			defer func() {
				elapsed := time.Since(start)
				user, pattern := rec.snapshot()
				status := sw.finalStatus()
				if obs != nil {
					obs.ObserveRequest(r.Method, pattern, status, elapsed)
				}
				log.LogAttrs(r.Context(), accessLevel(r.URL.Path, status), "http request",
					slog.String("request_id", RequestIDFrom(r.Context())),
					slog.String("method", r.Method),
					slog.String("route", pattern),
					slog.String("path", r.URL.Path),
					slog.Int("status", status),
					slog.Float64("duration_ms", float64(elapsed.Microseconds())/1000),
					slog.Int64("bytes", sw.bytes),
					slog.String("client", ClientIP(r)),
					slog.String("user", user))
			}()
			next.ServeHTTP(sw, r)
		})
	}
}

// accessLevel logs health checks and metrics scrapes at debug (they come every few seconds
// and say nothing), unless they fail.
func accessLevel(path string, status int) slog.Level {
	switch path {
	case "/healthz", "/readyz", "/metrics":
		if status < 500 {
			return slog.LevelDebug
		}
	}
	return slog.LevelInfo
}

// statusWriter remembers the status and size of a response.
type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (w *statusWriter) WriteHeader(code int) {
	// 1xx responses (e.g. 103 Early Hints) precede the real status.
	if w.status == 0 && code >= 200 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += int64(n)
	return n, err
}

// Flush keeps streaming handlers working through the wrapper.
func (w *statusWriter) Flush() {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	_ = http.NewResponseController(w.ResponseWriter).Flush()
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// Status is the status written so far, 0 if none.
func (w *statusWriter) Status() int { return w.status }

func (w *statusWriter) finalStatus() int {
	if w.status == 0 {
		return http.StatusOK
	}
	return w.status
}
