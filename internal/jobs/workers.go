package jobs

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"memora/internal/season"
	"memora/internal/srsfit"
)

// Job kinds. Each is unique while pending (by its unique arguments), and the periodic ones
// once per period as well, so two processes or a restart never run one twice.
const (
	KindAutoArchive = "season_auto_archive"
	KindRetention   = "archive_retention_flag"
	KindReconcile   = "srs_reconcile"
	KindPartitions  = "season_partition_maintenance"
	KindRebuild     = "srs_cache_rebuild"
	KindAlert       = "alert_notify"
	KindSessions    = "auth_session_sweep"
	KindSRSFit      = "srs_parameter_fit"
)

// AutoArchiveArgs archives finished seasons that asked for it (daily).
type AutoArchiveArgs struct{}

func (AutoArchiveArgs) Kind() string { return KindAutoArchive }
func (AutoArchiveArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 5, UniqueOpts: river.UniqueOpts{ByArgs: true, ByPeriod: 24 * time.Hour}}
}

// RetentionArgs flags archived rows past the retention period (weekly).
type RetentionArgs struct{}

func (RetentionArgs) Kind() string { return KindRetention }
func (RetentionArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 5, UniqueOpts: river.UniqueOpts{ByArgs: true, ByPeriod: 7 * 24 * time.Hour}}
}

// ReconcileArgs reconciles a sample of the active seasons with Redis (daily).
type ReconcileArgs struct {
	SampleSize int `json:"sample_size"`
}

func (ReconcileArgs) Kind() string { return KindReconcile }
func (ReconcileArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 3, UniqueOpts: river.UniqueOpts{ByArgs: true, ByPeriod: 24 * time.Hour}}
}

// PartitionArgs gives every unarchived season its partition (daily).
type PartitionArgs struct{}

func (PartitionArgs) Kind() string { return KindPartitions }
func (PartitionArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 5, UniqueOpts: river.UniqueOpts{ByArgs: true, ByPeriod: 24 * time.Hour}}
}

// RebuildArgs rebuilds one season's schedule cache; one at a time per season.
type RebuildArgs struct {
	RebuildID int64  `json:"rebuild_id"`
	SeasonID  string `json:"season_id" river:"unique"`
}

func (RebuildArgs) Kind() string { return KindRebuild }

// InsertOpts: unique among unfinished jobs only, so a season can be rebuilt again later.
func (RebuildArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 10, UniqueOpts: river.UniqueOpts{ByArgs: true, ByState: []rivertype.JobState{
		rivertype.JobStateAvailable, rivertype.JobStatePending, rivertype.JobStateRetryable,
		rivertype.JobStateRunning, rivertype.JobStateScheduled,
	}}}
}

// AlertArgs delivers one alert by e-mail and webhook.
type AlertArgs struct {
	AlertID int64 `json:"alert_id"`
}

func (AlertArgs) Kind() string { return KindAlert }
func (AlertArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 10, UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

// SessionSweepArgs deletes expired login sessions (hourly).
type SessionSweepArgs struct{}

func (SessionSweepArgs) Kind() string { return KindSessions }
func (SessionSweepArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 3, UniqueOpts: river.UniqueOpts{ByArgs: true, ByPeriod: time.Hour}}
}

// SRSFitArgs fits FSRS-6 parameters (srsfit): every institution's active seasons
// (weekly, no arguments), or one institution's season (staff's "fit now").
type SRSFitArgs struct {
	InstitutionID string `json:"institution_id,omitempty"`
	SeasonID      string `json:"season_id,omitempty"`
}

func (SRSFitArgs) Kind() string { return KindSRSFit }

// InsertOpts: the weekly run once a week; one institution's season unique while unfinished.
func (a SRSFitArgs) InsertOpts() river.InsertOpts {
	if a.InstitutionID == "" {
		return river.InsertOpts{MaxAttempts: 3, UniqueOpts: river.UniqueOpts{ByArgs: true, ByPeriod: 7 * 24 * time.Hour}}
	}
	return river.InsertOpts{MaxAttempts: 3, UniqueOpts: river.UniqueOpts{ByArgs: true, ByState: unfinished}}
}

// longJob is the timeout of jobs that walk a whole season.
const longJob = 2 * time.Hour

type autoArchiveWorker struct {
	river.WorkerDefaults[AutoArchiveArgs]
	svc *season.Service
}

func (w *autoArchiveWorker) Timeout(*river.Job[AutoArchiveArgs]) time.Duration { return longJob }

func (w *autoArchiveWorker) Work(ctx context.Context, _ *river.Job[AutoArchiveArgs]) error {
	out, err := w.svc.AutoArchive(ctx)
	if err == nil && !out.Success {
		err = fmt.Errorf("auto-archive failed for %v", out.Failed)
	}
	return err
}

type retentionWorker struct {
	river.WorkerDefaults[RetentionArgs]
	svc *season.Service
}

func (w *retentionWorker) Timeout(*river.Job[RetentionArgs]) time.Duration { return longJob }

func (w *retentionWorker) Work(ctx context.Context, _ *river.Job[RetentionArgs]) error {
	_, err := w.svc.FlagEligible(ctx)
	return err
}

type reconcileWorker struct {
	river.WorkerDefaults[ReconcileArgs]
	svc *season.Service
}

func (w *reconcileWorker) Work(ctx context.Context, job *river.Job[ReconcileArgs]) error {
	size := job.Args.SampleSize
	if size == 0 {
		size = season.DefaultSample
	}
	_, err := w.svc.Reconcile(ctx, season.Actor{}, size, "")
	return err
}

type partitionWorker struct {
	river.WorkerDefaults[PartitionArgs]
	svc *season.Service
}

func (w *partitionWorker) Work(ctx context.Context, _ *river.Job[PartitionArgs]) error {
	out, err := w.svc.EnsurePartitions(ctx)
	if err == nil && len(out.Failed) > 0 {
		err = fmt.Errorf("partition maintenance failed for %v", out.Failed)
	}
	return err
}

type rebuildWorker struct {
	river.WorkerDefaults[RebuildArgs]
	svc *season.Service
}

func (w *rebuildWorker) Timeout(*river.Job[RebuildArgs]) time.Duration { return longJob }

func (w *rebuildWorker) Work(ctx context.Context, job *river.Job[RebuildArgs]) error {
	_, err := w.svc.RunRebuild(ctx, job.Args.RebuildID)
	return err
}

type alertWorker struct {
	river.WorkerDefaults[AlertArgs]
	notifier *season.Notifier
}

func (w *alertWorker) Work(ctx context.Context, job *river.Job[AlertArgs]) error {
	return w.notifier.Deliver(ctx, job.Args.AlertID)
}

// SessionSweeper deletes expired login sessions (identity.Service).
type SessionSweeper interface {
	SweepSessions(ctx context.Context) (int64, error)
}

type srsFitWorker struct {
	river.WorkerDefaults[SRSFitArgs]
	svc *srsfit.Service
}

func (w *srsFitWorker) Timeout(*river.Job[SRSFitArgs]) time.Duration { return longJob }

func (w *srsFitWorker) Work(ctx context.Context, job *river.Job[SRSFitArgs]) error {
	if w.svc == nil {
		return errors.New("srs parameter fit: no service")
	}
	if job.Args.InstitutionID != "" {
		_, err := w.svc.Fit(ctx, job.Args.InstitutionID, job.Args.SeasonID)
		return err
	}
	_, err := w.svc.FitAll(ctx)
	return err
}

type sessionSweepWorker struct {
	river.WorkerDefaults[SessionSweepArgs]
	sessions SessionSweeper
}

func (w *sessionSweepWorker) Work(ctx context.Context, _ *river.Job[SessionSweepArgs]) error {
	_, err := w.sessions.SweepSessions(ctx)
	return err
}

// Workers are the services the jobs call.
type Workers struct {
	Season   *season.Service  // archival, retention, reconciliation, partitions, cache rebuilds
	Notifier *season.Notifier // alert delivery
	Sessions SessionSweeper   // the login-session sweep
	SRSFit   *srsfit.Service  // FSRS-6 parameter fits
}

// workers registers every worker.
func workers(w Workers) *river.Workers {
	svc, n := w.Season, w.Notifier
	ws := river.NewWorkers()
	river.AddWorker(ws, &sessionSweepWorker{sessions: w.Sessions})
	river.AddWorker(ws, &autoArchiveWorker{svc: svc})
	river.AddWorker(ws, &retentionWorker{svc: svc})
	river.AddWorker(ws, &reconcileWorker{svc: svc})
	river.AddWorker(ws, &partitionWorker{svc: svc})
	river.AddWorker(ws, &rebuildWorker{svc: svc})
	river.AddWorker(ws, &alertWorker{notifier: n})
	river.AddWorker(ws, &srsFitWorker{svc: w.SRSFit})
	return ws
}
