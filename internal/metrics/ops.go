package metrics

import "github.com/prometheus/client_golang/prometheus"

// redisBuckets are tight because Redis calls run under a ~200 ms timeout and
// Safe Mode decisions depend on the tail.
var redisBuckets = []float64{.0002, .0005, .001, .002, .005, .01, .025, .05, .1, .2, .5}

func (m *Metrics) initOps() {
	m.safeMode = prometheus.NewGauge(prometheus.GaugeOpts{
		Namespace: namespace, Name: "safe_mode",
		Help: "1 while reviews are served in Safe Mode because Redis is unreachable.",
	})
	m.redisUp = prometheus.NewGauge(prometheus.GaugeOpts{ // registered on first use: absent without Redis
		Namespace: namespace, Name: "redis_up",
		Help: "1 when the configured Redis answers, 0 when it does not.",
	})
	m.redisLatency = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Namespace: namespace, Name: "redis_latency_seconds",
		Help:    "Latency of Redis commands by operation.",
		Buckets: redisBuckets,
	}, []string{"op"})
	m.jobQueueDepth = prometheus.NewGaugeVec(prometheus.GaugeOpts{
		Namespace: namespace, Name: "job_queue_depth",
		Help: "Jobs waiting to run, by queue.",
	}, []string{"queue"})
	m.jobFailures = prometheus.NewCounterVec(prometheus.CounterOpts{
		Namespace: namespace, Name: "job_failures_total",
		Help: "Failed job attempts, by job kind.",
	}, []string{"kind"})
	m.reconDiscrepancy = prometheus.NewGaugeVec(prometheus.GaugeOpts{
		Namespace: namespace, Name: "reconciliation_discrepancy_rate",
		Help: "Share of sampled memory records whose Redis schedule disagreed with the database in the last run, by season.",
	}, []string{"season"})
	m.reg.MustRegister(m.safeMode, m.redisLatency, m.jobQueueDepth,
		m.jobFailures, m.reconDiscrepancy)
}

// SafeMode is 1 while Safe Mode is on, 0 otherwise.
func (m *Metrics) SafeMode() prometheus.Gauge { return m.safeMode }

// RedisUp is 1 when Redis is reachable, 0 when it is configured but down. The series exists
// only once RedisUp has been called (when Redis is configured): without Redis it is absent,
// not a misleading 0 that would page someone.
func (m *Metrics) RedisUp() prometheus.Gauge {
	m.redisUpOnce.Do(func() { m.reg.MustRegister(m.redisUp) })
	return m.redisUp
}

// RedisLatency observes Redis command latency; label "op" (e.g. "zrange").
func (m *Metrics) RedisLatency() *prometheus.HistogramVec { return m.redisLatency }

// JobQueueDepth is the number of waiting jobs; label "queue".
func (m *Metrics) JobQueueDepth() *prometheus.GaugeVec { return m.jobQueueDepth }

// JobFailures counts failed job attempts; label "kind".
func (m *Metrics) JobFailures() *prometheus.CounterVec { return m.jobFailures }

// ReconciliationDiscrepancyRate is the last run's mismatch share (0..1);
// label "season".
func (m *Metrics) ReconciliationDiscrepancyRate() *prometheus.GaugeVec {
	return m.reconDiscrepancy
}
