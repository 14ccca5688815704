package app

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"

	"github.com/redis/go-redis/v9"

	"memora/internal/cache/rediscache"
	"memora/internal/jobs"
	"memora/internal/metrics"
	"memora/internal/season"
	"memora/internal/srsfit"
	"memora/internal/store/litestore"
	"memora/internal/store/pgstore"
)

// Component is a background part of the app: started in order, stopped in reverse.
type Component interface {
	Start(ctx context.Context) error
	Stop()
}

// JobsPrefix is where River's job dashboard is mounted (System Managers only).
const JobsPrefix = "/app/jobs"

// openOperations builds the season service, the job runner (working in this process when
// MEMORA_WORKER is true, enqueueing only otherwise), the job dashboard, and the
// connection-pool metrics. The season service enqueues through an insert-only queue, so it
// is built whole before the runner whose jobs call it.
func (a *App) openOperations() error {
	var schedule season.ScheduleCache // nil without Redis
	if a.Redis != nil {
		schedule = rediscache.NewSeasonCache(a.Redis)
	}
	queue, err := jobs.NewQueue(a.Store, a.Logger)
	if err != nil {
		return err
	}
	a.Season = &season.Service{Store: a.Store, Clock: a.Clock, Audit: a.Audit, Cache: schedule, Jobs: queue,
		Metrics: a.Metrics, Logger: a.Logger, Changed: func() { a.Reads.ForgetAll(); a.Catalog.InvalidateAllAccess() }}
	// A change of the FSRS weights in use reaches every server at once through Redis, else
	// each server checks its cached set against the database (docs/srs.md §12).
	srsChanged, srsBroadcast := a.Reads.ForgetSRSParams, (*srsfit.Broadcast)(nil)
	a.Reads.SRSCheck = func() bool { return !srsBroadcast.Live() }
	if a.Config.Redis.Enabled() {
		opts, err := rediscache.UniversalOptions(a.Config.Redis.Addrs, a.Config.RedisTimeout)
		if err != nil {
			return fmt.Errorf("srs parameters redis: %w", err)
		}
		srsBroadcast = &srsfit.Broadcast{Redis: redis.NewUniversalClient(opts), Forget: a.Reads.ForgetSRSParams,
			ForgetAll: a.Reads.ForgetAllSRSParams, Logger: a.Logger}
		srsChanged = srsBroadcast.Changed
	}
	a.SRSFit = &srsfit.Service{Store: a.Store, Audit: a.Audit, Clock: a.Clock, Logger: a.Logger, Queue: queue,
		Changed: srsChanged}
	notifier := &season.Notifier{Store: a.Store, SMTPURL: a.Config.SMTPURL, Emails: a.Config.AlertEmails,
		Webhook: a.Config.AlertWebhook, HTTP: &http.Client{}}
	runner, err := jobs.New(a.Store, jobs.Config{Work: a.Config.Worker, Periodic: true,
		ShutdownTimeout: a.Config.ShutdownTimeout, Metrics: a.Metrics, Logger: a.Logger},
		jobs.Workers{Season: a.Season, Notifier: notifier, Sessions: a.Identity, SRSFit: a.SRSFit})
	if err != nil {
		return err
	}
	a.Jobs = runner
	if a.JobsUI, err = runner.UI(JobsPrefix, a.Logger); err != nil {
		return err
	}
	a.components = []Component{a.Jobs, a.JobsUI}
	if srsBroadcast != nil {
		a.components = append([]Component{srsBroadcast}, a.components...)
	}
	return a.registerPoolMetrics()
}

func (a *App) registerPoolMetrics() error {
	switch db := a.Store.(type) {
	case *pgstore.Store:
		return a.Metrics.DBPoolStats("postgres", func() (int, int, int, int) {
			s := db.Pool().Stat()
			return int(s.AcquiredConns()), int(s.IdleConns()), int(s.TotalConns()), int(s.MaxConns())
		})
	case *litestore.Store:
		if err := a.Metrics.DBPoolStats("sqlite_writer", sqlPool(db.Writer())); err != nil {
			return err
		}
		return a.Metrics.DBPoolStats("sqlite_reader", sqlPool(db.Reader()))
	}
	return nil
}

func sqlPool(db *sql.DB) metrics.PoolStatsFunc {
	return func() (int, int, int, int) {
		s := db.Stats()
		return s.InUse, s.Idle, s.OpenConnections, s.MaxOpenConnections
	}
}

// Start starts the background components in order; when one fails, those already started
// are stopped.
func (a *App) Start(ctx context.Context) error {
	for i, c := range a.components {
		if err := c.Start(ctx); err != nil {
			for j := i - 1; j >= 0; j-- {
				a.components[j].Stop()
			}
			return fmt.Errorf("start: %w", err)
		}
	}
	a.started = true
	return nil
}

// Stop stops the background components in reverse order (running jobs get the shutdown
// timeout to finish).
func (a *App) Stop() {
	if !a.started {
		return
	}
	for i := len(a.components) - 1; i >= 0; i-- {
		a.components[i].Stop()
	}
	a.started = false
}
