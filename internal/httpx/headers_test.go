package httpx_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"memora/internal/httpx"
)

func headersStack(t *testing.T, o httpx.Options) http.Handler {
	t.Helper()
	rt := httpx.NewRouter()
	rt.Read("/api/method/{name}", "Any", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = httpx.WriteMessage(w, http.StatusOK, "hello")
	}))
	rt.Mutation("/api/method/change", "Any", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = httpx.WriteMessage(w, http.StatusOK, "changed")
	}))
	rt.Handle("/", "pages", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'")
		w.WriteHeader(http.StatusOK)
	}))
	h, err := httpx.Stack(rt, o)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// API answers forbid framing and loading anything, pages keep their own policy, and HSTS is
// sent only when cookies are Secure.
func TestAPIAnswersCarryTheSecurityHeadersAndPagesKeepTheirPolicy(t *testing.T) {
	t.Parallel()
	h := headersStack(t, httpx.Options{})
	api := serve(h, httptest.NewRequest(http.MethodGet, "/api/method/memora.api.x.y", nil)).Header()
	if got := api.Get("Content-Security-Policy"); got != httpx.APIContentSecurityPolicy || !strings.Contains(got, "frame-ancestors 'none'") {
		t.Errorf("API CSP = %q", got)
	}
	for k, want := range map[string]string{"Referrer-Policy": "same-origin", "X-Frame-Options": "DENY", "X-Content-Type-Options": "nosniff"} {
		if got := api.Get(k); got != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
	if api.Get("Strict-Transport-Security") != "" {
		t.Error("HSTS without Secure cookies")
	}
	page := serve(h, httptest.NewRequest(http.MethodGet, "/learn", nil)).Header()
	if got := page.Get("Content-Security-Policy"); got != "default-src 'self'; frame-ancestors 'none'" {
		t.Errorf("page CSP overwritten: %q", got)
	}
	secure := serve(headersStack(t, httpx.Options{HSTS: true}), httptest.NewRequest(http.MethodGet, "/learn", nil)).Header()
	if got := secure.Get("Strict-Transport-Security"); got != "max-age=31536000" {
		t.Errorf("HSTS = %q", got)
	}
}

// A separately hosted client on a trusted origin can preflight and call the API with its
// cookie; any other origin gets no CORS approval and its unsafe requests are refused.
func TestTrustedOriginsGetCORSWithCredentials(t *testing.T) {
	t.Parallel()
	const trusted = "https://client.example.org"
	h := headersStack(t, httpx.Options{TrustedOrigins: []string{trusted}})

	pre := httptest.NewRequest(http.MethodOptions, "/api/method/change", nil)
	pre.Header.Set("Origin", trusted)
	pre.Header.Set("Access-Control-Request-Method", "POST")
	pre.Header.Set("Access-Control-Request-Headers", "content-type")
	rec := serve(h, pre)
	if rec.Code != http.StatusNoContent {
		t.Fatalf("preflight status %d", rec.Code)
	}
	for k, want := range map[string]string{"Access-Control-Allow-Origin": trusted, "Access-Control-Allow-Credentials": "true"} {
		if got := rec.Header().Get(k); got != want {
			t.Errorf("preflight %s = %q, want %q", k, got, want)
		}
	}
	if !strings.Contains(rec.Header().Get("Access-Control-Allow-Methods"), "POST") ||
		!strings.Contains(rec.Header().Get("Access-Control-Allow-Headers"), "Content-Type") {
		t.Errorf("preflight allows %v", rec.Header())
	}

	post := httptest.NewRequest(http.MethodPost, "/api/method/change", strings.NewReader("{}"))
	post.Header.Set("Origin", trusted)
	post.Header.Set("Sec-Fetch-Site", "cross-site")
	post.Header.Set("Content-Type", "application/json")
	rec = serve(h, post)
	if rec.Code != http.StatusOK || rec.Header().Get("Access-Control-Allow-Origin") != trusted ||
		rec.Header().Get("Access-Control-Allow-Credentials") != "true" {
		t.Errorf("trusted POST: %d %v", rec.Code, rec.Header())
	}

	evil := httptest.NewRequest(http.MethodOptions, "/api/method/change", nil)
	evil.Header.Set("Origin", "https://evil.example")
	evil.Header.Set("Access-Control-Request-Method", "POST")
	rec = serve(h, evil)
	if rec.Header().Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("untrusted preflight approved: %v", rec.Header())
	}
	evilPost := httptest.NewRequest(http.MethodPost, "/api/method/change", strings.NewReader("{}"))
	evilPost.Header.Set("Origin", "https://evil.example")
	evilPost.Header.Set("Sec-Fetch-Site", "cross-site")
	if rec = serve(h, evilPost); rec.Code != http.StatusForbidden || rec.Header().Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("untrusted POST: %d %v", rec.Code, rec.Header())
	}
}
