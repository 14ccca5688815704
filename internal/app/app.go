// Package app is the composition root: it opens the database (PostgreSQL or SQLite) and
// the optional Redis, builds the services, the HTTP handler and the worker, starts them in
// order and stops them in reverse.
package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"

	"memora/internal/api"
	"memora/internal/audit"
	"memora/internal/clock"
	"memora/internal/config"
	"memora/internal/httpx"
	"memora/internal/identity"
	"memora/internal/jobs"
	"memora/internal/metrics"
	"memora/internal/profile"
	"memora/internal/store"
	"memora/internal/store/engine"
)

// App is a running Memora.
type App struct {
	Config  config.Config
	Logger  *slog.Logger
	Clock   clock.Clock
	Store   store.Store
	Metrics *metrics.Metrics
	Audit   audit.Log

	Identity *identity.Service
	Profile  *profile.Service

	router *httpx.Router
}

// Open connects to the database (applying migrations) and builds the services.
func Open(ctx context.Context, cfg config.Config, logger *slog.Logger, clk clock.Clock) (*App, error) {
	st, err := engine.Open(ctx, cfg.DatabaseURL, engine.Options{
		PostgresMaxConns: int32(cfg.DBMaxConns), SQLiteReaders: cfg.SQLiteReaders,
	})
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	if err := jobs.Migrate(ctx, st); err != nil {
		st.Close()
		return nil, err
	}
	a := &App{Config: cfg, Logger: logger, Clock: clk, Store: st, Metrics: metrics.New()}
	a.Audit = audit.Log{Store: st, Clock: clk, Logger: logger}
	a.Identity = &identity.Service{
		Store: st, Clock: clk, Audit: a.Audit, Logger: logger, SessionTTL: cfg.SessionTTL,
		Accounts:  identity.NewFailureLimiter(cfg.LoginRate, cfg.LoginWindow),
		Addresses: identity.NewFailureLimiter(cfg.LoginRate*4, cfg.LoginWindow),
	}
	a.Profile = &profile.Service{Store: st, Clock: clk}
	return a, nil
}

// Close releases the database.
func (a *App) Close() error { return a.Store.Close() }

// Routes lists what the HTTP handler serves (for the OpenAPI agreement test).
func (a *App) Routes() []httpx.Route {
	if a.router == nil {
		return nil
	}
	return a.router.Routes()
}

// Handler is the whole HTTP surface: API, health, metrics, OpenAPI, under the middleware.
func (a *App) Handler() (http.Handler, error) {
	rt := httpx.NewRouter()
	api.New(api.Services{Identity: a.Identity, Profile: a.Profile},
		api.Options{CookieSecure: a.Config.CookieSecure, SessionTTL: a.Config.SessionTTL}, a.Clock, a.Logger).Register(rt)
	rt.Handle("/healthz", "Process alive", http.HandlerFunc(httpx.Healthz), http.MethodGet)
	rt.Handle("/readyz", "Database reachable; Redis state", httpx.Readyz(
		map[string]httpx.Check{"database": a.Store.Ping}, nil), http.MethodGet)
	rt.Handle("/metrics", "Prometheus metrics", a.Metrics.Handler(), http.MethodGet)
	rt.Handle("/api/openapi.json", "This API's OpenAPI document", api.OpenAPIHandler(), http.MethodGet)
	a.router = rt
	return httpx.Stack(rt, httpx.Options{
		Logger: a.Logger, Observer: a.Metrics, Responder: api.MapErrors(httpx.NewResponder(a.Logger)),
		Timeout: a.Config.RequestTimeout, MaxBodyBytes: a.Config.MaxBodyBytes, TrustedOrigins: a.Config.TrustedOrigins,
	})
}

// Serve listens on the configured address until ctx ends, then shuts down gracefully.
// ready, when set, is told the bound address once the listener is open.
func (a *App) Serve(ctx context.Context, ready func(addr string)) error {
	h, err := a.Handler()
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", a.Config.Addr)
	if err != nil {
		return fmt.Errorf("listen %s: %w", a.Config.Addr, err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: a.Config.RequestTimeout,
		ErrorLog: slog.NewLogLogger(a.Logger.Handler(), slog.LevelWarn)}
	if ready != nil {
		ready(ln.Addr().String())
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	a.Logger.Info("shutting down", "grace", a.Config.ShutdownTimeout)
	sctx, cancel := context.WithTimeout(context.Background(), a.Config.ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("shutdown: %w", err)
	}
	return nil
}
