package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"time"
)

// Timeouts of the public listener, all derived from MEMORA_REQUEST_TIMEOUT (d) so a slow
// client cannot hold a connection longer than a slow handler could:
//   - the request line and headers must arrive within min(d, 10 s);
//   - the whole request, body included, within d (the body-read deadline);
//   - the answer must be written within d + 5 s (the handler's own deadline is d);
//   - a keep-alive connection idle for 4·d is closed.
type Timeouts struct {
	ReadHeader, Read, Write, Idle time.Duration
}

// ServerTimeouts derives the listener's timeouts from the request timeout.
func ServerTimeouts(d time.Duration) Timeouts {
	return Timeouts{ReadHeader: min(d, 10*time.Second), Read: d, Write: d + 5*time.Second, Idle: 4 * d}
}

func (a *App) newServer(h http.Handler, t Timeouts) *http.Server {
	return &http.Server{Handler: h, ReadHeaderTimeout: t.ReadHeader, ReadTimeout: t.Read, WriteTimeout: t.Write,
		IdleTimeout: t.Idle, MaxHeaderBytes: 64 << 10,
		ErrorLog: slog.NewLogLogger(a.Logger.Handler(), slog.LevelDebug)} // TLS handshake noise, scanners
}

// Serve listens on the configured address (HTTPS when MEMORA_TLS_CERT and MEMORA_TLS_KEY are
// set) until ctx ends, then shuts down gracefully. /metrics moves to MEMORA_METRICS_ADDR and
// the profiler listens on MEMORA_PPROF_ADDR when they are set. ready, when set, is told the
// bound address once the listener is open.
func (a *App) Serve(ctx context.Context, ready func(addr string)) error {
	h, err := a.Handler()
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", a.Config.Addr)
	if err != nil {
		return fmt.Errorf("listen %s: %w", a.Config.Addr, err)
	}
	side, err := a.sideServers()
	if err != nil {
		ln.Close()
		return err
	}
	defer side.close()
	srv := a.newServer(h, ServerTimeouts(a.Config.RequestTimeout))
	if a.Config.Prime { // before the listener accepts: its first requests find it ready
		a.Prime(ctx)
	}
	primed := func() {}
	defer func() { primed() }() // before Stop and Close: priming ends with the server
	if err := a.Start(ctx); err != nil {
		ln.Close()
		return err
	}
	defer a.Stop() // after the HTTP shutdown: running jobs get the grace period too
	if ready != nil {
		ready(ln.Addr().String())
	}
	errc := make(chan error, 1)
	go func() {
		if a.Config.TLS() {
			errc <- srv.ServeTLS(ln, a.Config.TLSCert, a.Config.TLSKey)
			return
		}
		errc <- srv.Serve(ln)
	}()
	if a.Config.Prime { // the students in the background: requests are served meanwhile
		pctx, cancel := context.WithCancel(ctx)
		wait := a.PrimeStudentsInBackground(pctx)
		primed = func() { cancel(); wait() }
	}
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	a.Logger.Info("shutting down", "grace_seconds", a.Config.ShutdownTimeout.Seconds())
	sctx, cancel := context.WithTimeout(context.Background(), a.Config.ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("shutdown: %w", err)
	}
	return nil
}

// sideServers are the metrics and profiler listeners, opened before the public one serves so
// a bad address fails the start.
type sideServers []*http.Server

func (s sideServers) close() {
	for _, srv := range s {
		srv.Close()
	}
}

func (a *App) sideServers() (sideServers, error) {
	var out sideServers
	open := func(name, addr string, h http.Handler, t Timeouts) error {
		ln, err := net.Listen("tcp", addr)
		if err != nil {
			return fmt.Errorf("listen %s (%s): %w", addr, name, err)
		}
		srv := a.newServer(h, t)
		out = append(out, srv)
		go func() {
			if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
				a.Logger.Warn("listener stopped", "listener", name, "err", err)
			}
		}()
		a.Logger.Info("listening", "listener", name, "addr", ln.Addr().String())
		return nil
	}
	if a.Config.MetricsAddr != "" {
		mux := http.NewServeMux()
		mux.Handle("GET /metrics", a.Metrics.Handler())
		if err := open("metrics", a.Config.MetricsAddr, mux, ServerTimeouts(10*time.Second)); err != nil {
			return nil, err
		}
	}
	if a.Config.PprofAddr != "" { // a loopback address unless forced: config refuses others
		mux := http.NewServeMux()
		mux.HandleFunc("/debug/pprof/", pprof.Index)
		mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
		mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
		mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
		t := ServerTimeouts(10 * time.Second)
		t.Write = 5 * time.Minute // CPU profiles and traces stream for as long as asked
		if err := open("pprof", a.Config.PprofAddr, mux, t); err != nil {
			out.close()
			return nil, err
		}
	}
	return out, nil
}
