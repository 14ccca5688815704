package metrics_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"memora/internal/buildinfo"
	"memora/internal/metrics"
)

func TestNewHasOwnRegistry(t *testing.T) {
	t.Parallel()
	// Two values in one process must not collide, as they would on the
	// default registry.
	a, b := metrics.New(), metrics.New()
	if a.Registry() == b.Registry() {
		t.Fatal("registries are shared")
	}
}

func TestObserveRequestUsesPatternAndStatusClass(t *testing.T) {
	t.Parallel()
	m := metrics.New()
	m.ObserveRequest("GET", "GET /api/method/{name}", 404, 30*time.Millisecond)
	m.ObserveRequest("BREW", "", 200, time.Millisecond)

	body := scrape(t, m)
	for _, want := range []string{
		`memora_http_request_duration_seconds_count{method="GET",route="GET /api/method/{name}",status="4xx"} 1`,
		`memora_http_requests_total{method="OTHER",route="unmatched",status="2xx"} 1`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("scrape lacks %q", want)
		}
	}
}

func TestStatusClass(t *testing.T) {
	t.Parallel()
	cases := map[int]string{200: "2xx", 304: "3xx", 429: "4xx", 503: "5xx", 0: "other", 600: "other"}
	for in, want := range cases {
		if got := metrics.StatusClass(in); got != want {
			t.Errorf("StatusClass(%d) = %q, want %q", in, got, want)
		}
	}
}

func TestOpsCollectors(t *testing.T) {
	t.Parallel()
	m := metrics.New()
	m.SafeMode().Set(1)
	m.RedisUp().Set(0)
	m.RedisLatency().WithLabelValues("zrange").Observe(0.001)
	m.JobQueueDepth().WithLabelValues("default").Set(7)
	m.JobFailures().WithLabelValues("reconcile").Inc()
	m.ReconciliationDiscrepancyRate().WithLabelValues("2025").Set(0.002)

	body := scrape(t, m)
	for _, want := range []string{
		"memora_safe_mode 1", "memora_redis_up 0",
		`memora_redis_latency_seconds_count{op="zrange"} 1`,
		`memora_job_queue_depth{queue="default"} 7`,
		`memora_job_failures_total{kind="reconcile"} 1`,
		`memora_reconciliation_discrepancy_rate{season="2025"} 0.002`,
		"go_goroutines", "process_",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("scrape lacks %q", want)
		}
	}
}

func TestDBPoolStats(t *testing.T) {
	t.Parallel()
	m := metrics.New()
	calls := 0
	err := m.DBPoolStats("postgres", func() (int, int, int, int) {
		calls++
		return 3, 2, 5, 8
	})
	if err != nil {
		t.Fatal(err)
	}
	body := scrape(t, m)
	for _, want := range []string{
		`memora_db_pool_acquired_conns{pool="postgres"} 3`,
		`memora_db_pool_idle_conns{pool="postgres"} 2`,
		`memora_db_pool_total_conns{pool="postgres"} 5`,
		`memora_db_pool_max_conns{pool="postgres"} 8`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("scrape lacks %q", want)
		}
	}
	if calls == 0 {
		t.Error("stats func never called")
	}
	// A second pool with another name reports beside the first.
	if err := m.DBPoolStats("sqlite_reader", func() (int, int, int, int) { return 0, 2, 2, 2 }); err != nil {
		t.Fatal(err)
	}
	// The same pool twice is a programming error the caller must see.
	if err := m.DBPoolStats("postgres", func() (int, int, int, int) { return 0, 0, 0, 0 }); err == nil {
		t.Error("duplicate pool registered without error")
	}
}

func TestRegister(t *testing.T) {
	t.Parallel()
	m := metrics.New()
	c := prometheus.NewCounter(prometheus.CounterOpts{Name: "memora_test_total", Help: "test"})
	if err := m.Register(c); err != nil {
		t.Fatal(err)
	}
	if err := m.Register(c); err == nil {
		t.Fatal("duplicate registration accepted")
	}
}

func scrape(t *testing.T, m *metrics.Metrics) string {
	t.Helper()
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("scrape status %d", rec.Code)
	}
	b, err := io.ReadAll(rec.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestBuildInfoNamesTheRunningBuild(t *testing.T) {
	t.Parallel()
	body := scrape(t, metrics.New())
	in := buildinfo.Read()
	want := `memora_build_info{commit="` + in.Commit + `",goversion="` + in.GoVersion + `",version="` + in.Version + `"} 1`
	if !strings.Contains(body, want) {
		t.Errorf("scrape lacks %q", want)
	}
}

func TestRedisUpIsAbsentUntilRedisIsConfigured(t *testing.T) {
	t.Parallel()
	m := metrics.New()
	if body := scrape(t, m); strings.Contains(body, "memora_redis_up") {
		t.Error("memora_redis_up reported without Redis")
	}
	m.RedisUp().Set(0)
	m.RedisUp().Set(1) // registered once
	if body := scrape(t, m); !strings.Contains(body, "memora_redis_up 1") {
		t.Error("memora_redis_up missing once Redis is configured")
	}
}

func TestLatencyBucketsReachTheRequestTimeout(t *testing.T) {
	t.Parallel()
	for timeout, want := range map[time.Duration]string{15 * time.Second: `le="15"`, 45 * time.Second: `le="45"`, 3 * time.Second: `le="3"`} {
		m := metrics.NewWith(metrics.Options{RequestTimeout: timeout})
		m.ObserveRequest("GET", "GET /x", 200, 12*time.Second)
		body := scrape(t, m)
		if !strings.Contains(body, want) {
			t.Errorf("timeout %v: no bucket %s", timeout, want)
		}
		if strings.Contains(body, `le="120"`) {
			t.Errorf("timeout %v: buckets beyond the timeout", timeout)
		}
	}
	if got := metrics.HTTPBuckets(15 * time.Second); got[len(got)-1] != 15 || got[len(got)-2] != 10 {
		t.Errorf("HTTPBuckets(15s) = %v", got)
	}
}
