package jobs

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/riverqueue/river"

	"memora/internal/metrics"
	"memora/internal/season"
	"memora/internal/store"
)

// Config configures the runner.
type Config struct {
	// Work runs the workers and the periodic schedule in this process (serve with
	// MEMORA_WORKER=true, or memora worker). Otherwise the client only enqueues.
	Work bool
	// ShutdownTimeout is how long Stop lets running jobs finish before cancelling them.
	ShutdownTimeout time.Duration
	// MetricsInterval is how often queue depth is read (default 15 s).
	MetricsInterval time.Duration
	// Periodic adds the periodic jobs when working (default true via New's callers).
	Periodic bool
	Metrics  *metrics.Metrics
	Logger   *slog.Logger
}

// Runner is River on the store's database: the workers, the periodic schedule, and the
// enqueueing the season service uses. It is a background component (Start/Stop).
type Runner struct {
	q      queue
	cfg    Config
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

var _ season.Enqueuer = (*Runner)(nil)

// New builds the runner over st; its jobs call the services of w.
func New(st store.Store, cfg Config, w Workers) (*Runner, error) {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.MetricsInterval <= 0 {
		cfg.MetricsInterval = 15 * time.Second
	}
	rc := &river.Config{Logger: cfg.Logger, MaxAttempts: 10}
	if cfg.Work {
		rc.Workers = workers(w)
		rc.Queues = map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: maxWorkers(st)}}
		if cfg.Periodic {
			rc.PeriodicJobs = periodicJobs()
		}
	}
	q, err := newQueue(st, rc)
	if err != nil {
		return nil, err
	}
	return &Runner{q: q, cfg: cfg}, nil
}

// maxWorkers: SQLite has one writer, so more than two jobs at once only queue behind it.
func maxWorkers(st store.Store) int {
	if st.Engine() == store.SQLite {
		return 2
	}
	return 4
}

// Start starts working (when configured to) and the metrics loop.
func (r *Runner) Start(ctx context.Context) error {
	ctx, r.cancel = context.WithCancel(context.WithoutCancel(ctx))
	if r.cfg.Work {
		events, unsubscribe := r.q.subscribe(river.EventKindJobFailed)
		if err := r.q.start(ctx); err != nil {
			unsubscribe()
			r.cancel()
			return fmt.Errorf("jobs: start: %w", err)
		}
		r.wg.Add(1)
		go func() {
			defer r.wg.Done()
			defer unsubscribe()
			r.countFailures(ctx, events)
		}()
	}
	r.wg.Add(1)
	go func() {
		defer r.wg.Done()
		r.pollDepth(ctx)
	}()
	return nil
}

// Stop lets running jobs finish within the shutdown timeout, then cancels them.
func (r *Runner) Stop() {
	if r.cancel == nil {
		return
	}
	if r.cfg.Work {
		ctx, cancel := context.WithTimeout(context.Background(), r.cfg.ShutdownTimeout)
		err := r.q.stop(ctx)
		cancel()
		if err != nil {
			r.cfg.Logger.Warn("jobs: stopping: cancelling jobs still running", "err", err)
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			_ = r.q.stopAndCancel(ctx)
			cancel()
		}
	}
	r.cancel()
	r.wg.Wait()
}

// EnqueueRebuild queues a season cache rebuild in tx. An unfinished rebuild of the same
// season makes it season.ErrDuplicateJob.
func (r *Runner) EnqueueRebuild(ctx context.Context, tx store.Executor, rebuildID int64, seasonID string) (int64, error) {
	return enqueue(ctx, r.q, tx, RebuildArgs{RebuildID: rebuildID, SeasonID: seasonID})
}

// EnqueueAlert queues the delivery of an alert in tx.
func (r *Runner) EnqueueAlert(ctx context.Context, tx store.Executor, alertID int64) (int64, error) {
	return enqueue(ctx, r.q, tx, AlertArgs{AlertID: alertID})
}

// EnqueueTx queues any job in tx (a transaction from store.InTx).
func (r *Runner) EnqueueTx(ctx context.Context, tx store.Executor, args river.JobArgs) (int64, error) {
	return enqueue(ctx, r.q, tx, args)
}

func enqueue(ctx context.Context, q queue, tx store.Executor, args river.JobArgs) (int64, error) {
	h, ok := tx.(store.TxHandle)
	if !ok || h.DriverTx() == nil {
		return 0, errors.New("jobs: enqueue needs the transaction of store.InTx")
	}
	res, err := q.insertTx(ctx, h.DriverTx(), args)
	if err != nil {
		return 0, fmt.Errorf("jobs: enqueue %s: %w", args.Kind(), err)
	}
	if res.UniqueSkippedAsDuplicate {
		return res.Job.ID, season.ErrDuplicateJob
	}
	return res.Job.ID, nil
}
