package app

import (
	"net/http"
	"net/http/pprof"
)

// servePprof exposes Go's profiler on its own listener (MEMORA_PPROF_ADDR), never on the
// public one: how the load figures in docs/benchmarks.md were explained.
func (a *App) servePprof() {
	if a.Config.PprofAddr == "" {
		return
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	go func() {
		if err := http.ListenAndServe(a.Config.PprofAddr, mux); err != nil {
			a.Logger.Warn("pprof listener stopped", "err", err)
		}
	}()
}
