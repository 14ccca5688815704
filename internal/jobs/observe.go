package jobs

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver"
)

// countFailures counts failed attempts by job kind.
func (r *Runner) countFailures(ctx context.Context, events <-chan *river.Event) {
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-events:
			if !ok {
				return
			}
			if ev.Job != nil && r.cfg.Metrics != nil {
				r.cfg.Metrics.JobFailures().WithLabelValues(ev.Job.Kind).Inc()
			}
		}
	}
}

// pollDepth sets the queue-depth gauge every MetricsInterval.
func (r *Runner) pollDepth(ctx context.Context) {
	t := time.NewTicker(r.cfg.MetricsInterval)
	defer t.Stop()
	for {
		if d, err := r.Dashboard(ctx); err == nil && r.cfg.Metrics != nil {
			for _, q := range d.Queues {
				r.cfg.Metrics.JobQueueDepth().WithLabelValues(q.Name).Set(float64(q.Available))
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// Dashboard is the job system at a glance.
type Dashboard struct {
	Working bool           `json:"worker_running"`
	States  map[string]int `json:"jobs_by_state"`
	Queues  []QueueDepth   `json:"queues"`
	// Failing counts jobs waiting for a retry plus those given up (discarded).
	Failing  int      `json:"failing"`
	Periodic []string `json:"periodic_jobs"`
}

// QueueDepth is one queue's backlog.
type QueueDepth struct {
	Name      string `json:"name"`
	Available int64  `json:"available"`
	Running   int64  `json:"running"`
}

// Dashboard counts jobs by state and queue.
func (r *Runner) Dashboard(ctx context.Context) (Dashboard, error) {
	exec := r.q.executor()
	states, err := exec.JobCountByAllStates(ctx, &riverdriver.JobCountByAllStatesParams{})
	if err != nil {
		return Dashboard{}, fmt.Errorf("jobs: dashboard: %w", err)
	}
	out := Dashboard{Working: r.cfg.Work, States: map[string]int{}, Queues: []QueueDepth{}, Periodic: []string{}}
	for s, n := range states {
		out.States[string(s)] = n
	}
	out.Failing = out.States["retryable"] + out.States["discarded"]
	queues, err := exec.JobCountByQueueAndState(ctx, &riverdriver.JobCountByQueueAndStateParams{QueueNames: []string{river.QueueDefault}})
	if err != nil {
		return Dashboard{}, fmt.Errorf("jobs: dashboard: %w", err)
	}
	for _, q := range queues {
		out.Queues = append(out.Queues, QueueDepth{Name: q.Queue, Available: q.CountAvailable, Running: q.CountRunning})
	}
	if r.cfg.Work && r.cfg.Periodic {
		out.Periodic = append(out.Periodic, KindPartitions, KindAutoArchive, KindReconcile, KindRetention)
	}
	sort.Slice(out.Queues, func(i, j int) bool { return out.Queues[i].Name < out.Queues[j].Name })
	return out, nil
}
