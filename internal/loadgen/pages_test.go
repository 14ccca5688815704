package loadgen

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// TestAPageCountsOnlyWhenItIsHTMLWithStatus200 opens pages of a fake server as a browser does
// and checks what counts as a failure.
func TestAPageCountsOnlyWhenItIsHTMLWithStatus200(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Accept-Encoding") != "gzip" || r.Header.Get("Cookie") != "sid=abc" ||
			!strings.HasPrefix(r.Header.Get("Accept"), "text/html") {
			http.Error(w, "not a browser's request: "+r.Header.Get("Accept"), http.StatusTeapot)
			return
		}
		switch r.URL.Path {
		case "/":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write([]byte("<!doctype html><title>home</title>"))
		case "/profile":
			http.Redirect(w, r, "/onboarding", http.StatusSeeOther)
		case "/store":
			w.Header().Set("Content-Type", "application/json")
			w.Write([]byte(`{}`))
		default:
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusNotFound)
		}
	}))
	defer srv.Close()
	c := &caller{base: srv.URL, hc: newHTTPClient(1), rec: NewRecorder()}
	for _, p := range []struct{ ep, path string }{{EPPageHome, "/"}, {EPPageProfile, "/profile"},
		{EPPageStore, "/store"}, {EPPageTopic, "/topics/nope"}} {
		c.page(context.Background(), p.ep, p.path, "sid=abc", nil, time.Now())
	}
	eps, total := c.rec.Snapshot(time.Second)
	if total.Requests != 4 || total.Errors != 3 {
		t.Fatalf("requests %d, errors %d, want 4 and 3: %+v", total.Requests, total.Errors, eps)
	}
	want := map[string]string{EPPageHome: "", EPPageProfile: "303 redirect to /onboarding",
		EPPageStore: `200 but "application/json", not text/html`, EPPageTopic: "404 text/html; charset=utf-8"}
	for _, e := range eps {
		got := strings.Join(e.ErrorSamples, "|")
		if got != want[e.Endpoint] {
			t.Errorf("%s: samples %q, want %q", e.Endpoint, got, want[e.Endpoint])
		}
	}
}

func TestAProbeTellsARoutedPageFromTheNotFoundPage(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/subjects/") || r.URL.Path == "/profile" {
			http.Redirect(w, r, "/login", http.StatusSeeOther)
			return
		}
		http.NotFound(w, r)
	}))
	defer srv.Close()
	hc := srv.Client()
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	for ep, want := range map[string]bool{EPPageHome: true, EPPageMap: true, EPPageStore: false} {
		got, err := probePage(context.Background(), hc, srv.URL, ep)
		if err != nil || got != want {
			t.Errorf("%s: served=%v (%v), want %v", ep, got, err, want)
		}
	}
}
