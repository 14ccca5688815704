package jobs

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"

	"riverqueue.com/riverui"
)

// UI is River's own job dashboard (riverui), served under a path prefix. It is a
// background component: Start before serving, Stop on shutdown.
type UI struct {
	h      *riverui.Handler
	cancel context.CancelFunc
}

// UI builds the dashboard over the runner's client, served under prefix (e.g. /app/jobs).
func (r *Runner) UI(prefix string, logger *slog.Logger) (*UI, error) {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	h, err := riverui.NewHandler(&riverui.HandlerOpts{Endpoints: r.q.endpoints(), Logger: logger, Prefix: prefix})
	if err != nil {
		return nil, fmt.Errorf("jobs: dashboard: %w", err)
	}
	return &UI{h: h}, nil
}

func (u *UI) ServeHTTP(w http.ResponseWriter, req *http.Request) { u.h.ServeHTTP(w, req) }

// Start starts the dashboard's background services.
func (u *UI) Start(ctx context.Context) error {
	ctx, u.cancel = context.WithCancel(context.WithoutCancel(ctx))
	if err := u.h.Start(ctx); err != nil {
		u.cancel()
		return fmt.Errorf("jobs: dashboard: %w", err)
	}
	return nil
}

// Stop stops them.
func (u *UI) Stop() {
	if u.cancel != nil {
		u.cancel()
	}
}
