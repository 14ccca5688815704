package httpx_test

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"memora/internal/httpx"
	"memora/internal/metrics"
)

var errNoSubject = errors.New("subject not found")

// newStack builds the production stack over a small router.
func newStack(t *testing.T) (http.Handler, *metrics.Metrics) {
	t.Helper()
	log, _ := newLogger()
	m := metrics.New()
	rs := httpx.NewResponder(log).Map(errNoSubject, http.StatusNotFound, "")
	rt := httpx.NewRouter()
	rt.Read("/api/method/memora.api.subjects.get_subject", "Get a subject",
		http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			httpx.WriteError(w, r, errNoSubject)
		}))
	rt.Mutation("/api/method/memora.api.sessions.submit_session", "Submit",
		http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			p, err := httpx.ParseParams(r)
			if err != nil {
				httpx.WriteError(w, r, err)
				return
			}
			_ = httpx.WriteMessage(w, http.StatusOK, p.String("x"))
		}))
	rt.Read("/boom", "Panics", http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("kaboom") }))
	h, err := httpx.Stack(rt, httpx.Options{Logger: log, Observer: m, Responder: rs, MaxBodyBytes: 64})
	if err != nil {
		t.Fatal(err)
	}
	return h, m
}

func TestStackEndToEnd(t *testing.T) {
	t.Parallel()
	h, m := newStack(t)
	const submit = "/api/method/memora.api.sessions.submit_session"

	expectError(t, serve(h, httptest.NewRequest("GET", submit, nil)), 405, "MethodNotAllowed")
	expectError(t, serve(h, httptest.NewRequest("GET", "/api/method/memora.api.subjects.get_subject", nil)), 404, "DoesNotExistError")
	expectError(t, serve(h, post(submit, "application/json", `{"x":`)), 400, "ValidationError")
	expectError(t, serve(h, post(submit, "application/json", `{"x":"`+strings.Repeat("a", 100)+`"}`)), 413, "RequestEntityTooLarge")
	rec := serve(h, httptest.NewRequest("GET", "/boom", nil))
	expectError(t, rec, 500, "ServerError")
	if strings.Contains(rec.Body.String(), "kaboom") {
		t.Error("panic text leaked")
	}
	if rec.Header().Get("X-Request-Id") == "" {
		t.Error("no request id on an error response")
	}

	cross := post(submit, "application/json", `{"x":"1"}`)
	cross.Header.Set("Sec-Fetch-Site", "cross-site")
	cross.AddCookie(&http.Cookie{Name: "sid", Value: "s"})
	expectError(t, serve(h, cross), 403, "PermissionError")
	cross.Header.Set("Authorization", "token k:s")
	cross.Body = io.NopCloser(strings.NewReader(`{"x":"1"}`))
	if rec := serve(h, cross); rec.Code != 200 {
		t.Errorf("API-key request refused: %d %s", rec.Code, rec.Body.String())
	}

	// The histogram is labelled with the pattern, not the raw path.
	scrape := httptest.NewRecorder()
	m.Handler().ServeHTTP(scrape, httptest.NewRequest("GET", "/metrics", nil))
	for _, want := range []string{
		`memora_http_request_duration_seconds_count{method="GET",route="/api/method/memora.api.sessions.submit_session",status="4xx"} 1`,
		`memora_http_request_duration_seconds_count{method="GET",route="/boom",status="5xx"} 1`,
	} {
		if !strings.Contains(scrape.Body.String(), want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}
