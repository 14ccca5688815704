package metrics

import (
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// httpBuckets spans the product's latency targets (100 ms reviews, 200 ms
// lesson details, 500 ms submissions, 1 s rehydration) with room either side,
// then goes on to the request timeout.
var httpBuckets = []float64{.001, .0025, .005, .01, .025, .05, .1, .2, .3, .5, .75, 1, 2.5, 5, 10, 15, 20, 30, 60, 120}

// HTTPBuckets are httpBuckets up to the request timeout, ending with it.
func HTTPBuckets(timeout time.Duration) []float64 {
	limit := timeout.Seconds()
	var out []float64
	for _, b := range httpBuckets {
		if b < limit {
			out = append(out, b)
		}
	}
	return append(out, limit)
}

// UnmatchedRoute labels requests no route matched, so scanners probing random
// paths cannot blow up the label cardinality.
const UnmatchedRoute = "unmatched"

func (m *Metrics) initHTTP() {
	labels := []string{"method", "route", "status"}
	m.httpDuration = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Namespace: namespace,
		Name:      "http_request_duration_seconds",
		Help:      "HTTP request latency by route pattern, method and status class.",
		Buckets:   HTTPBuckets(m.requestTimeout),
	}, labels)
	m.httpRequests = prometheus.NewCounterVec(prometheus.CounterOpts{
		Namespace: namespace,
		Name:      "http_requests_total",
		Help:      "HTTP requests by route pattern, method and status class.",
	}, labels)
	m.reg.MustRegister(m.httpDuration, m.httpRequests)
}

// ObserveRequest records one served request. route must be the registered
// pattern (r.Pattern), never the raw path; "" is recorded as UnmatchedRoute.
func (m *Metrics) ObserveRequest(method, route string, status int, elapsed time.Duration) {
	if route == "" {
		route = UnmatchedRoute
	}
	labels := prometheus.Labels{
		"method": methodLabel(method),
		"route":  route,
		"status": StatusClass(status),
	}
	m.httpDuration.With(labels).Observe(elapsed.Seconds())
	m.httpRequests.With(labels).Inc()
}

// StatusClass turns 404 into "4xx"; per-code labels would multiply series
// without helping alerting.
func StatusClass(status int) string {
	if status < 100 || status > 599 {
		return "other"
	}
	return strconv.Itoa(status/100) + "xx"
}

// methodLabel bounds the method label to the standard verbs.
func methodLabel(method string) string {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut,
		http.MethodPatch, http.MethodDelete, http.MethodOptions:
		return method
	}
	return "OTHER"
}
