package webtest

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"memora/internal/api"
	"memora/internal/app"
	"memora/internal/clock"
	"memora/internal/config"
	"memora/internal/demo"
	"memora/internal/identity"
	"memora/internal/importer"
)

// Server is a whole Memora with the demo loaded, on an httptest server.
type Server struct {
	// URL is the base URL, without a trailing slash (http://127.0.0.1:PORT).
	URL string
	App *app.App
}

// Option changes how Start builds the app.
type Option func(*options)

type options struct {
	worker bool
	mutate []func(*config.Config)
}

// WithWorker runs the background worker (River jobs and periodic jobs), as `memora serve` does. Off by
// default: pages do not need it, and it costs start-up time.
func WithWorker() Option { return func(o *options) { o.worker = true } }

// WithConfig changes the configuration before the app opens.
func WithConfig(fn func(*config.Config)) Option {
	return func(o *options) { o.mutate = append(o.mutate, fn) }
}

// Start opens a Memora on a fresh SQLite file in t.TempDir() with the real clock, loads the demo as
// `memora serve --demo` does (same import, demo passwords, demo mode), and serves app.Handler() on an httptest
// server until the test ends. Server errors (level warn and up) go to the test log.
func Start(t testing.TB, opts ...Option) *Server {
	t.Helper()
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	cfg, err := config.Parse(map[string]string{
		"MEMORA_DATABASE_URL": "sqlite:" + t.TempDir() + "/memora.db",
		"MEMORA_LOG_LEVEL":    "warn",
		"MEMORA_WORKER":       fmt.Sprint(o.worker),
	})
	if err != nil {
		t.Fatalf("webtest: config: %v", err)
	}
	for _, m := range o.mutate {
		m(&cfg)
	}
	logs := &testLog{t: t}
	logger := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: cfg.SlogLevel()}))
	ctx := context.Background()
	a, err := app.Open(ctx, cfg, logger, clock.System{})
	if err != nil {
		t.Fatalf("webtest: open app: %v", err)
	}
	t.Cleanup(func() { a.Close() })
	if err := LoadDemo(ctx, a); err != nil {
		t.Fatalf("webtest: %v", err)
	}
	a.Demo = true // as serve --demo: the sign-in page names the demo accounts
	h, err := a.Handler()
	if err != nil {
		t.Fatalf("webtest: handler: %v", err)
	}
	if o.worker {
		if err := a.Start(ctx); err != nil {
			t.Fatalf("webtest: start worker: %v", err)
		}
		t.Cleanup(a.Stop)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(func() {
		srv.Close()
		logs.stop()
	})
	return &Server{URL: srv.URL, App: a}
}

// LoadDemo imports the demo institution, gives every demo account demo.Password and marks it
// demo, and puts the server in demo mode (the demo accounts log in only there): the steps of
// `memora serve --demo` on an empty database (cmd/memora loadDemo).
func LoadDemo(ctx context.Context, a *app.App) error {
	file, err := demo.Load(a.Clock.Now())
	if err != nil {
		return err
	}
	if _, err := importer.Apply(ctx, a.Store, file, a.Clock.Now()); err != nil {
		return fmt.Errorf("demo import: %w", err)
	}
	for _, acc := range demo.Accounts() {
		u, err := a.Store.UserGetByEmail(ctx, identity.NormalizeEmail(acc.Email))
		if err != nil {
			return fmt.Errorf("demo account %s: %w", acc.Email, err)
		}
		if err := a.Identity.SetPassword(ctx, u.ID, demo.Password); err != nil {
			return fmt.Errorf("demo password %s: %w", acc.Email, err)
		}
		if err := a.Store.UserSetDemo(ctx, u.ID, true); err != nil {
			return fmt.Errorf("demo account %s: %w", acc.Email, err)
		}
	}
	a.Identity.DemoMode = true // as serve --demo: the demo accounts log in
	return nil
}

// SID logs email in through POST /api/method/login with the demo password and returns the session
// token (the sid cookie's value), for HTTP clients and for Login.
func (s *Server) SID(t testing.TB, email string) string {
	t.Helper()
	return s.SIDWithPassword(t, email, demo.Password)
}

// SIDWithPassword is SID for an account with another password (one a test created).
func (s *Server) SIDWithPassword(t testing.TB, email, password string) string {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"usr": email, "pwd": password})
	resp, err := http.Post(s.URL+"/api/method/login", "application/json", strings.NewReader(string(body)))
	if err != nil {
		t.Fatalf("webtest: login %s: %v", email, err)
	}
	defer resp.Body.Close()
	reply, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("webtest: login %s: %d %s", email, resp.StatusCode, reply)
	}
	for _, c := range resp.Cookies() {
		if c.Name == api.SessionCookie && c.Value != "" {
			return c.Value
		}
	}
	t.Fatalf("webtest: login %s: no %s cookie in %v", email, api.SessionCookie, resp.Header)
	return ""
}

// testLog sends the server's log lines to the test log until stop.
type testLog struct {
	mu      sync.Mutex
	t       testing.TB
	stopped bool
}

func (l *testLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.stopped {
		l.t.Logf("server: %s", strings.TrimRight(string(p), "\n"))
	}
	return len(p), nil
}

func (l *testLog) stop() {
	l.mu.Lock()
	l.stopped = true
	l.mu.Unlock()
}
