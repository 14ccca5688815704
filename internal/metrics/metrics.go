// Package metrics owns Memora's Prometheus registry.
//
// There is no global default registry: New returns a value with its own
// *prometheus.Registry so tests (and several servers in one process) never
// collide on "duplicate metrics collector registration". The collectors that
// span packages (HTTP latency, Safe Mode, Redis, jobs, reconciliation, DB
// pools) are created here, in one place, so their names and labels stay
// consistent; other packages receive the value and update them, or register
// their own collectors with Register.
package metrics

import (
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"memora/internal/buildinfo"
)

// namespace prefixes every metric Memora defines.
const namespace = "memora"

// Metrics holds the registry and the collectors shared across packages.
type Metrics struct {
	reg            *prometheus.Registry
	requestTimeout time.Duration

	httpDuration *prometheus.HistogramVec
	httpRequests *prometheus.CounterVec

	safeMode         prometheus.Gauge
	redisUp          prometheus.Gauge
	redisUpOnce      sync.Once
	redisLatency     *prometheus.HistogramVec
	jobQueueDepth    *prometheus.GaugeVec
	jobFailures      *prometheus.CounterVec
	reconDiscrepancy *prometheus.GaugeVec
}

// Options shape the collectors.
type Options struct {
	// RequestTimeout is the longest a request can take (MEMORA_REQUEST_TIMEOUT): the latency
	// histogram's buckets reach it, so slow requests are not all lumped into +Inf. Zero: 15 s.
	RequestTimeout time.Duration
}

// New returns a registry with the Go runtime and process collectors and all
// of Memora's shared collectors registered.
func New() *Metrics { return NewWith(Options{}) }

// NewWith is New with options.
func NewWith(o Options) *Metrics {
	if o.RequestTimeout <= 0 {
		o.RequestTimeout = 15 * time.Second
	}
	m := &Metrics{reg: prometheus.NewRegistry(), requestTimeout: o.RequestTimeout}
	m.reg.MustRegister(
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
	)
	m.initHTTP()
	m.initOps()
	m.registerBuildInfo(buildinfo.Read())
	return m
}

// Registry exposes the underlying registry, e.g. for tests that gather.
func (m *Metrics) Registry() *prometheus.Registry { return m.reg }

// Register adds a collector owned by another package.
func (m *Metrics) Register(c prometheus.Collector) error {
	if err := m.reg.Register(c); err != nil {
		return fmt.Errorf("metrics: register: %w", err)
	}
	return nil
}

// Handler serves the registry in the Prometheus exposition format (/metrics).
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}
