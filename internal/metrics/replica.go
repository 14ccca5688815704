package metrics

import (
	"errors"

	"github.com/prometheus/client_golang/prometheus"
)

// DBReplicaUp is 1 while the database read replica answers the lag-tolerant reads, 0 while
// they go to the primary (replica unreachable, not streaming or too far behind). The series
// exists only once DBReplicaUp has been called, when a replica is configured.
func (m *Metrics) DBReplicaUp() prometheus.Gauge {
	g := prometheus.NewGauge(prometheus.GaugeOpts{
		Namespace: namespace, Name: "db_replica_up",
		Help: "1 while the database read replica answers lag-tolerant reads, 0 while the primary answers them.",
	})
	if err := m.reg.Register(g); err != nil {
		var dup prometheus.AlreadyRegisteredError
		if errors.As(err, &dup) {
			return dup.ExistingCollector.(prometheus.Gauge)
		}
		panic(err)
	}
	return g
}
