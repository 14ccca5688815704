package loadgen

import (
	"strings"
	"testing"
)

const metricsBefore = `# HELP memora_http_request_duration_seconds HTTP request latency by route pattern, method and status class.
# TYPE memora_http_request_duration_seconds histogram
memora_http_request_duration_seconds_bucket{method="GET",route="/",status="2xx",le="0.001"} 10
memora_http_request_duration_seconds_bucket{method="GET",route="/",status="2xx",le="0.01"} 10
memora_http_request_duration_seconds_bucket{method="GET",route="/",status="2xx",le="0.025"} 10
memora_http_request_duration_seconds_bucket{method="GET",route="/",status="2xx",le="+Inf"} 10
memora_http_request_duration_seconds_sum{method="GET",route="/",status="2xx"} 0.004
memora_http_requests_total{method="GET",route="/",status="2xx"} 10
`

const metricsAfter = `memora_http_request_duration_seconds_bucket{method="GET",route="/",status="2xx",le="0.001"} 60
memora_http_request_duration_seconds_bucket{method="GET",route="/",status="2xx",le="0.01"} 108
memora_http_request_duration_seconds_bucket{method="GET",route="/",status="2xx",le="0.025"} 109
memora_http_request_duration_seconds_bucket{method="GET",route="/",status="2xx",le="+Inf"} 110
memora_http_request_duration_seconds_bucket{method="POST",route="/api/x",status="5xx",le="0.001"} 0
memora_http_request_duration_seconds_bucket{method="POST",route="/api/x",status="5xx",le="0.01"} 0
memora_http_request_duration_seconds_bucket{method="POST",route="/api/x",status="5xx",le="0.025"} 0
memora_http_request_duration_seconds_bucket{method="POST",route="/api/x",status="5xx",le="+Inf"} 0
`

func TestServerFiguresAreTheHistogramsDifferenceInBucketBounds(t *testing.T) {
	before, err := parseServerCounts(strings.NewReader(metricsBefore))
	if err != nil {
		t.Fatal(err)
	}
	after, err := parseServerCounts(strings.NewReader(metricsAfter))
	if err != nil {
		t.Fatal(err)
	}
	routes := serverRoutes(before, after)
	if len(routes) != 1 {
		t.Fatalf("routes with requests: %+v", routes)
	}
	r := routes[0]
	// 100 requests in the run: 50 ≤ 1 ms, 98 ≤ 10 ms, 99 ≤ 25 ms, one slower.
	if r.Route != "/" || r.Requests != 100 || r.P50 != 1 || r.P99 != 25 || r.Within(10) != 0.98 || r.Within(7) != -1 {
		t.Fatalf("%+v (within 10 ms %v)", r, r.Within(10))
	}
	var out strings.Builder
	(&Report{Server: routes}).WriteServer(&out)
	if !strings.Contains(out.String(), "98.00 %") {
		t.Fatalf("table:\n%s", out.String())
	}
	if _, err := parseServerCounts(strings.NewReader(`memora_http_request_duration_seconds_bucket{le="x"} 1`)); err == nil {
		t.Fatal("a bad bucket bound was accepted")
	}
}
