package httpx_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"memora/internal/httpx"
)

func TestRequestIDEchoedAndGenerated(t *testing.T) {
	t.Parallel()
	var seen string
	h := httpx.RequestID(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen = httpx.RequestIDFrom(r.Context())
	}))

	req := httptest.NewRequest("GET", "/", nil)
	req.Header.Set("X-Request-Id", "lb-123_abc")
	rec := serve(h, req)
	if got := rec.Header().Get("X-Request-Id"); got != "lb-123_abc" || seen != "lb-123_abc" {
		t.Errorf("echo: header %q, context %q", got, seen)
	}

	rec = serve(h, httptest.NewRequest("GET", "/", nil))
	if got := rec.Header().Get("X-Request-Id"); got == "" || got != seen {
		t.Errorf("generated: header %q, context %q", got, seen)
	}

	// An id that could forge log lines is replaced, not trusted.
	req = httptest.NewRequest("GET", "/", nil)
	req.Header.Set("X-Request-Id", "evil\" level=ERROR")
	rec = serve(h, req)
	if got := rec.Header().Get("X-Request-Id"); got == "" || strings.Contains(got, "evil") {
		t.Errorf("unsafe id adopted: %q", got)
	}
}

func TestRecoverHidesPanic(t *testing.T) {
	t.Parallel()
	log, logs := newLogger()
	h := httpx.Chain(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {
		panic("secret internal state 0xdeadbeef")
	}), httpx.NewResponder(log).Middleware, httpx.RequestID, httpx.AccessLog(log, nil), httpx.Recover)
	rec := serve(h, httptest.NewRequest("GET", "/", nil))
	body := expectError(t, rec, http.StatusInternalServerError, "ServerError")
	if strings.Contains(rec.Body.String(), "deadbeef") || body.Exc != "Internal server error" {
		t.Fatalf("panic leaked: %s", rec.Body.String())
	}
	out := logs.String()
	if !strings.Contains(out, "secret internal state 0xdeadbeef") || !strings.Contains(out, "goroutine") {
		t.Errorf("panic value or stack not logged: %s", out)
	}
	if !strings.Contains(out, `"status":500`) {
		t.Errorf("access log lacks the 500: %s", out)
	}
}

func TestRecoverAfterResponseStartedAborts(t *testing.T) {
	t.Parallel()
	log, _ := newLogger()
	h := httpx.Chain(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusOK)
		panic("late")
	}), httpx.NewResponder(log).Middleware, httpx.AccessLog(log, nil), httpx.Recover)
	defer func() {
		if v := recover(); v != http.ErrAbortHandler {
			t.Errorf("recovered %v, want http.ErrAbortHandler", v)
		}
	}()
	serve(h, httptest.NewRequest("GET", "/", nil))
}

func TestTimeoutSetsDeadline(t *testing.T) {
	t.Parallel()
	var deadline time.Time
	var hasDeadline bool
	h := httpx.Timeout(time.Minute)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		deadline, hasDeadline = r.Context().Deadline()
	}))
	serve(h, httptest.NewRequest("GET", "/", nil))
	if !hasDeadline || time.Until(deadline) > time.Minute {
		t.Fatalf("deadline %v (set %v)", deadline, hasDeadline)
	}
}

func TestTimeoutExpiryIs503(t *testing.T) {
	t.Parallel()
	h := httpx.Timeout(time.Millisecond)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done()
		httpx.WriteError(w, r, r.Context().Err())
	}))
	expectError(t, serve(h, httptest.NewRequest("GET", "/", nil)), http.StatusServiceUnavailable, "ServiceUnavailable")
}

func TestBodyLimit(t *testing.T) {
	t.Parallel()
	h := httpx.BodyLimit(16)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, err := httpx.ParseParams(r); err != nil {
			httpx.WriteError(w, r, err)
			return
		}
		_ = httpx.WriteMessage(w, http.StatusOK, "ok")
	}))

	// Declared too large: refused before reading.
	req := httptest.NewRequest("POST", "/", strings.NewReader(`{"a":"0123456789abcdef"}`))
	req.Header.Set("Content-Type", "application/json")
	expectError(t, serve(h, req), http.StatusRequestEntityTooLarge, "RequestEntityTooLarge")

	// Undeclared length: refused while reading.
	req = httptest.NewRequest("POST", "/", strings.NewReader(`{"a":"0123456789abcdef"}`))
	req.Header.Set("Content-Type", "application/json")
	req.ContentLength = -1
	expectError(t, serve(h, req), http.StatusRequestEntityTooLarge, "RequestEntityTooLarge")

	req = httptest.NewRequest("POST", "/", strings.NewReader(`{"a":1}`))
	req.Header.Set("Content-Type", "application/json")
	if rec := serve(h, req); rec.Code != http.StatusOK {
		t.Fatalf("small body: %d %s", rec.Code, rec.Body.String())
	}
}

func newCrossOrigin(t *testing.T, trusted ...string) http.Handler {
	t.Helper()
	mw, err := httpx.CrossOrigin(trusted)
	if err != nil {
		t.Fatal(err)
	}
	return mw(ok("done"))
}

func TestCrossOriginCookiePOSTRefused(t *testing.T) {
	t.Parallel()
	h := newCrossOrigin(t)
	req := httptest.NewRequest("POST", "http://memora.test/api/method/logout", nil)
	req.Header.Set("Origin", "https://evil.example")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	req.AddCookie(&http.Cookie{Name: "sid", Value: "s3cr3t"})
	expectError(t, serve(h, req), http.StatusForbidden, "PermissionError")
}

func TestCrossOriginAllowed(t *testing.T) {
	t.Parallel()
	h := newCrossOrigin(t, "https://admin.memora.test")
	cases := map[string]func(r *http.Request){
		"same origin":               func(r *http.Request) { r.Header.Set("Sec-Fetch-Site", "same-origin") },
		"no browser headers (curl)": func(r *http.Request) {},
		"api key token": func(r *http.Request) {
			r.Header.Set("Origin", "https://evil.example")
			r.Header.Set("Sec-Fetch-Site", "cross-site")
			r.Header.Set("Authorization", "token abc:def")
		},
		"trusted origin": func(r *http.Request) {
			r.Header.Set("Origin", "https://admin.memora.test")
			r.Header.Set("Sec-Fetch-Site", "cross-site")
		},
	}
	for name, setup := range cases {
		req := httptest.NewRequest("POST", "http://memora.test/api/method/logout", nil)
		req.AddCookie(&http.Cookie{Name: "sid", Value: "s3cr3t"})
		setup(req)
		if rec := serve(h, req); rec.Code != http.StatusOK {
			t.Errorf("%s: status %d %s", name, rec.Code, rec.Body.String())
		}
	}
	// Safe methods are never refused.
	req := httptest.NewRequest("GET", "http://memora.test/x", nil)
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	if rec := serve(h, req); rec.Code != http.StatusOK {
		t.Errorf("cross-site GET: %d", rec.Code)
	}
}

func TestCrossOriginBadTrustedOrigin(t *testing.T) {
	t.Parallel()
	if _, err := httpx.CrossOrigin([]string{"not a url/path"}); err == nil {
		t.Fatal("bad origin accepted")
	}
}

type observation struct {
	method, route string
	status        int
}

type fakeObserver struct {
	mu  sync.Mutex
	got []observation
}

func (f *fakeObserver) ObserveRequest(method, route string, status int, _ time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.got = append(f.got, observation{method, route, status})
}

func TestAccessLogRecordsPatternUserAndStatus(t *testing.T) {
	t.Parallel()
	log, logs := newLogger()
	obs := &fakeObserver{}
	rt := httpx.NewRouter()
	rt.Read("/api/method/{name}", "Any", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		httpx.SetUser(r.Context(), "42")
		if httpx.User(r.Context()) != "42" {
			t.Error("User does not return SetUser's id")
		}
		_ = httpx.WriteMessage(w, http.StatusOK, "hello")
	}))
	h, err := httpx.Stack(rt, httpx.Options{Logger: log, Observer: obs})
	if err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest("GET", "/api/method/memora.api.x.y?q=1", nil)
	req.Header.Set("X-Request-Id", "rid-1")
	serve(h, req)
	serve(h, httptest.NewRequest("GET", "/nowhere", nil))

	want := []observation{{"GET", "/api/method/{name}", 200}, {"GET", "", 404}}
	if len(obs.got) != 2 || obs.got[0] != want[0] || obs.got[1] != want[1] {
		t.Errorf("observations = %+v, want %+v", obs.got, want)
	}
	out := logs.String()
	for _, frag := range []string{`"route":"/api/method/{name}"`, `"user":"42"`,
		`"request_id":"rid-1"`, `"status":200`, `"bytes":`, `"duration_ms":`, `"client":"192.0.2.1"`} {
		if !strings.Contains(out, frag) {
			t.Errorf("access log lacks %s: %s", frag, out)
		}
	}
}

// Health checks and metrics scrapes come every few seconds: logged at debug unless they fail.
func TestHealthChecksAndScrapesAreLoggedAtDebug(t *testing.T) {
	t.Parallel()
	log, logs := newLogger()
	rt := httpx.NewRouter()
	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { _ = httpx.WriteMessage(w, http.StatusOK, "ok") })
	rt.Handle("/healthz", "alive", ok, http.MethodGet)
	rt.Handle("/metrics", "metrics", ok, http.MethodGet)
	rt.Handle("/readyz", "ready", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = httpx.WriteMessage(w, http.StatusServiceUnavailable, "down")
	}), http.MethodGet)
	h, err := httpx.Stack(rt, httpx.Options{Logger: log})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/healthz", "/metrics", "/readyz"} {
		serve(h, httptest.NewRequest("GET", p, nil))
	}
	for _, line := range strings.Split(strings.TrimSpace(logs.String()), "\n") {
		if !strings.Contains(line, `"msg":"http request"`) {
			continue
		}
		failed := strings.Contains(line, `"path":"/readyz"`)
		if debug := strings.Contains(line, `"level":"DEBUG"`); debug == failed {
			t.Errorf("wrong level: %s", line)
		}
	}
}

func TestSetUserOutsideAccessLogIsNoop(t *testing.T) {
	t.Parallel()
	httpx.SetUser(context.Background(), "x")
	if httpx.User(context.Background()) != "" {
		t.Error("user stored without a record")
	}
}
