package httpx

import (
	"context"
	"log/slog"
	"net/http"
	"sync"
	"time"
)

// Check probes one dependency; nil means healthy. An alias so callers may
// pass a plain map[string]func(context.Context) error.
type Check = func(ctx context.Context) error

// checkTimeout bounds each readiness probe so a hung dependency makes
// /readyz fail fast instead of hanging the load balancer's probe.
const checkTimeout = 2 * time.Second

// Healthz answers 200 {"status":"ok"} while the process can serve at all.
func Healthz(w http.ResponseWriter, _ *http.Request) {
	_ = writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

type checkResult struct {
	Status   string `json:"status"`
	Required bool   `json:"required"`
}

type readyBody struct {
	Status string                 `json:"status"`
	Checks map[string]checkResult `json:"checks"`
}

// Readyz answers 200 when every required check passes and 503 otherwise.
// Informational checks (e.g. Redis, whose outage only means Safe Mode) are
// reported but never fail readiness. Failures are logged, not sent: their
// text may name hosts.
func Readyz(required, informational map[string]Check) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body := readyBody{Status: "ok", Checks: map[string]checkResult{}}
		results := runChecks(r.Context(), required, informational)
		for name, res := range results {
			body.Checks[name] = res
			if res.Required && res.Status != "ok" {
				body.Status = "unavailable"
			}
		}
		status := http.StatusOK
		if body.Status != "ok" {
			status = http.StatusServiceUnavailable
		}
		_ = writeJSON(w, status, body)
	})
}

// runChecks probes concurrently so the slowest check, not the sum, bounds
// the response time.
func runChecks(ctx context.Context, required, informational map[string]Check) map[string]checkResult {
	var mu sync.Mutex
	var wg sync.WaitGroup
	out := map[string]checkResult{}
	run := func(name string, check Check, req bool) {
		defer wg.Done()
		res := checkResult{Status: "ok", Required: req}
		if err := probe(ctx, check); err != nil {
			res.Status = "fail"
			Logger(ctx).LogAttrs(ctx, slog.LevelWarn, "readiness check failed",
				slog.String("check", name), slog.Bool("required", req), slog.Any("error", err))
		}
		mu.Lock()
		out[name] = res
		mu.Unlock()
	}
	for name, c := range informational {
		wg.Add(1)
		go run(name, c, false)
	}
	for name, c := range required {
		wg.Add(1)
		go run(name, c, true)
	}
	wg.Wait()
	return out
}

func probe(ctx context.Context, check Check) error {
	ctx, cancel := context.WithTimeout(ctx, checkTimeout)
	defer cancel()
	return check(ctx)
}
