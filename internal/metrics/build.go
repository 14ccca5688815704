package metrics

import (
	"github.com/prometheus/client_golang/prometheus"

	"memora/internal/buildinfo"
)

// registerBuildInfo adds memora_build_info: always 1, its labels say which build is running
// (the usual Prometheus idiom for joining a version onto other series).
func (m *Metrics) registerBuildInfo(in buildinfo.Info) {
	g := prometheus.NewGauge(prometheus.GaugeOpts{
		Namespace: namespace, Name: "build_info",
		Help:        "Always 1; the labels name the running build (version, commit, Go version).",
		ConstLabels: prometheus.Labels{"version": in.Version, "commit": in.Commit, "goversion": in.GoVersion},
	})
	g.Set(1)
	m.reg.MustRegister(g)
}
