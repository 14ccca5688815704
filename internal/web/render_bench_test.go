package web_test

import (
	"crypto/sha256"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"testing"
	"time"

	"memora/internal/webtest"
)

// renderedPages are the student pages whose server render time issue 14 bounds (p99 ≤ 10 ms on
// the demo data); the subject, topic and lesson are found by following the pages' own links.
var renderedPages = []struct{ name, path string }{
	{"home", "/"},
	{"map", "{subject}"},
	{"topic", "{topic}"},
	{"lesson", "{lesson}"},
	{"review", "/review"},
	{"profile", "/profile"},
	{"leaderboard", "/leaderboard"},
	{"store", "/store"},
}

// BenchmarkPageRender renders every student page of the demo for layla (the demo student with
// history) through the whole HTTP handler of `memora serve --demo` (middleware, session, domain
// services, template, gzip), without a network in between. Besides ns/op it reports the median,
// p99 and max of the renders it timed, and the same of a fixed CPU task (control) to read them by:
//
//	go test -run '^$' -bench BenchmarkPageRender -benchtime 2000x ./internal/web/
func BenchmarkPageRender(b *testing.B) {
	srv := webtest.Start(b)
	h, err := srv.App.Handler()
	if err != nil {
		b.Fatal(err)
	}
	sid := &http.Cookie{Name: "sid", Value: srv.SID(b, "layla@demo.memora.test")}
	open := func(path string) (int, string) {
		req := httptest.NewRequest(http.MethodGet, path, nil)
		req.AddCookie(sid)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec.Code, rec.Body.String()
	}
	links := map[string]string{}
	links["{subject}"] = firstOpen(b, open, "/", `href="(/subjects/[^"?]+)`)
	links["{topic}"] = firstOpen(b, open, links["{subject}"], `href="(/topics/[^"?]+)`)
	links["{lesson}"] = firstOpen(b, open, links["{topic}"], `href="(/lessons/[^"?]+)`)

	for _, p := range renderedPages {
		path := p.path
		if l, ok := links[path]; ok {
			path = l
		}
		b.Run(p.name, func(b *testing.B) {
			times := make([]time.Duration, 0, b.N)
			for b.Loop() {
				req := httptest.NewRequest(http.MethodGet, path, nil)
				req.AddCookie(sid)
				req.Header.Set("Accept", "text/html")
				req.Header.Set("Accept-Encoding", "gzip")
				rec := httptest.NewRecorder()
				start := time.Now()
				h.ServeHTTP(rec, req)
				times = append(times, time.Since(start))
				if rec.Code != http.StatusOK {
					b.Fatalf("%s: status %d", path, rec.Code)
				}
			}
			reportQuantiles(b, times)
		})
	}
	// The control: a fixed piece of CPU work (SHA-256 of 1 MiB, no I/O, no allocation), timed
	// the same way. Its tail is the machine's at that moment (other processes, the scheduler),
	// not a page's: a page whose p99/p50 is close to the control's has no slow path of its own.
	b.Run("control", func(b *testing.B) {
		data := make([]byte, 1<<20)
		times := make([]time.Duration, 0, b.N)
		for b.Loop() {
			start := time.Now()
			sink = sha256.Sum256(data)
			times = append(times, time.Since(start))
		}
		reportQuantiles(b, times)
	})
}

var sink [32]byte

// firstOpen is the first link on the page at from matching pattern that opens with 200: a locked
// node may be a link too.
func firstOpen(b *testing.B, open func(string) (int, string), from, pattern string) string {
	b.Helper()
	status, body := open(from)
	if status != http.StatusOK {
		b.Fatalf("%s: status %d", from, status)
	}
	for _, m := range regexp.MustCompile(pattern).FindAllStringSubmatch(body, -1) {
		if s, _ := open(m[1]); s == http.StatusOK {
			return m[1]
		}
	}
	b.Fatalf("%s: no link matching %s opens", from, pattern)
	return ""
}

// reportQuantiles adds the median, p99 and max render time (ms) of times to the benchmark's line.
func reportQuantiles(b *testing.B, times []time.Duration) {
	if len(times) == 0 {
		return
	}
	slices.Sort(times)
	ms := func(q float64) float64 {
		return float64(times[min(len(times)-1, int(q*float64(len(times))))]) / float64(time.Millisecond)
	}
	b.ReportMetric(ms(0.5), "p50-ms")
	b.ReportMetric(ms(0.99), "p99-ms")
	b.ReportMetric(float64(times[len(times)-1])/float64(time.Millisecond), "max-ms")
}
