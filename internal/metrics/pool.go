package metrics

import "github.com/prometheus/client_golang/prometheus"

// PoolStatsFunc reports a connection pool's state. It is a function rather
// than an interface so pgxpool.Stat and database/sql.DBStats can both be
// adapted with a closure and the metrics package imports neither driver.
type PoolStatsFunc func() (acquired, idle, total, maxConns int)

// DBPoolStats registers a collector reading fn at every scrape. pool names
// the pool (e.g. "postgres", "sqlite_writer", "sqlite_reader") and becomes
// the "pool" label, so several pools can report side by side.
func (m *Metrics) DBPoolStats(pool string, fn PoolStatsFunc) error {
	return m.Register(newPoolCollector(pool, fn))
}

type poolCollector struct {
	fn                           PoolStatsFunc
	acquired, idle, total, limit *prometheus.Desc
}

func newPoolCollector(pool string, fn PoolStatsFunc) *poolCollector {
	desc := func(name, help string) *prometheus.Desc {
		return prometheus.NewDesc(prometheus.BuildFQName(namespace, "db_pool", name),
			help, nil, prometheus.Labels{"pool": pool})
	}
	return &poolCollector{
		fn:       fn,
		acquired: desc("acquired_conns", "Connections currently in use."),
		idle:     desc("idle_conns", "Connections open and idle."),
		total:    desc("total_conns", "Connections open (acquired + idle + constructing)."),
		limit:    desc("max_conns", "Configured maximum number of connections."),
	}
}

// Describe implements prometheus.Collector.
func (c *poolCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- c.acquired
	ch <- c.idle
	ch <- c.total
	ch <- c.limit
}

// Collect implements prometheus.Collector.
func (c *poolCollector) Collect(ch chan<- prometheus.Metric) {
	acquired, idle, total, limit := c.fn()
	gauge := func(d *prometheus.Desc, v int) {
		ch <- prometheus.MustNewConstMetric(d, prometheus.GaugeValue, float64(v))
	}
	gauge(c.acquired, acquired)
	gauge(c.idle, idle)
	gauge(c.total, total)
	gauge(c.limit, limit)
}
