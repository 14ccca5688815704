package jobs

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"memora/internal/audit"
	"memora/internal/identity"
	"memora/internal/problem"
	"memora/internal/season"
	"memora/internal/store"
)

// Periodic job names an operator may run now (the kinds of the periodic schedule).
var periodicKinds = []string{KindAutoArchive, KindRetention, KindReconcile, KindPartitions, KindSessions, KindSRSFit}

// PeriodicKinds lists the periodic jobs RunNow accepts.
func PeriodicKinds() []string { return slices.Clone(periodicKinds) }

// ErrUnknownJob is RunNow's answer to a kind that is not a periodic job.
var ErrUnknownJob = errors.New("not a periodic job")

// unfinished are the states in which a run-now job blocks another of its kind.
var unfinished = []rivertype.JobState{rivertype.JobStateAvailable, rivertype.JobStatePending,
	rivertype.JobStateRetryable, rivertype.JobStateRunning, rivertype.JobStateScheduled}

// runNowOpts: no period (the periodic run of the day does not block an operator's), one
// unfinished run-now per kind at a time.
func runNowOpts(attempts int) river.InsertOpts {
	return river.InsertOpts{MaxAttempts: attempts, Tags: []string{"run_now"},
		UniqueOpts: river.UniqueOpts{ByState: unfinished}}
}

// The periodic jobs' arguments as an operator queues them: the same kind and worker, the
// operator in the arguments (the worker ignores it), other uniqueness.
type (
	runNowAutoArchive struct {
		AutoArchiveArgs
		By string `json:"run_now_by"`
	}
	runNowRetention struct {
		RetentionArgs
		By string `json:"run_now_by"`
	}
	runNowReconcile struct {
		ReconcileArgs
		By string `json:"run_now_by"`
	}
	runNowPartitions struct {
		PartitionArgs
		By string `json:"run_now_by"`
	}
	runNowSessions struct {
		SessionSweepArgs
		By string `json:"run_now_by"`
	}
	runNowSRSFit struct {
		SRSFitArgs
		By string `json:"run_now_by"`
	}
)

func (runNowAutoArchive) InsertOpts() river.InsertOpts { return runNowOpts(1) }
func (runNowRetention) InsertOpts() river.InsertOpts   { return runNowOpts(1) }
func (runNowReconcile) InsertOpts() river.InsertOpts   { return runNowOpts(1) }
func (runNowPartitions) InsertOpts() river.InsertOpts  { return runNowOpts(1) }
func (runNowSessions) InsertOpts() river.InsertOpts    { return runNowOpts(1) }
func (runNowSRSFit) InsertOpts() river.InsertOpts      { return runNowOpts(1) }

// RunNow queues a periodic job to run at once, outside its schedule, noting who asked: its
// id, or season.ErrDuplicateJob (with the queued job's id) while one queued this way has
// not finished. The job runs where workers run (serve or memora worker).
func (r *Runner) RunNow(ctx context.Context, tx store.Executor, kind, by string) (int64, error) {
	var args river.JobArgs
	switch kind {
	case KindAutoArchive:
		args = runNowAutoArchive{By: by}
	case KindRetention:
		args = runNowRetention{By: by}
	case KindReconcile:
		args = runNowReconcile{By: by}
	case KindPartitions:
		args = runNowPartitions{By: by}
	case KindSessions:
		args = runNowSessions{By: by}
	case KindSRSFit:
		args = runNowSRSFit{By: by}
	default:
		return 0, ErrUnknownJob
	}
	return enqueue(ctx, r.q, tx, args)
}

// JobNames are the names operators use for the periodic jobs, by kind.
var JobNames = map[string]string{"auto_archive": KindAutoArchive, "retention": KindRetention,
	"reconciliation": KindReconcile, "partitions": KindPartitions, "session_sweep": KindSessions,
	"srs_fit": KindSRSFit}

// RunNowResult says what "run now" did: Status "queued", or "already_queued" when one queued
// this way had not finished (JobID is that one).
type RunNowResult struct {
	Job    string `json:"job"`
	Kind   string `json:"kind"`
	JobID  int64  `json:"job_id"`
	Status string `json:"status"`
}

// ActionRunNow is the audit action of an operator's run-now.
const ActionRunNow = "jobs.run_now"

const msgUnknownJob = "Unknown job '{job}': use auto_archive, retention, reconciliation, partitions, session_sweep or srs_fit"

// Run queues the periodic job called name (a JobNames key or kind) now, audited as done by
// c (a request that found one still queued too), in one transaction of st.
func (r *Runner) Run(ctx context.Context, st store.Store, log audit.Log, c identity.Caller, name string) (RunNowResult, error) {
	kind, ok := JobNames[name]
	if !ok && slices.Contains(periodicKinds, name) {
		kind, ok = name, true
	}
	if !ok {
		return RunNowResult{}, problem.Invalidf(msgUnknownJob, "job", name)
	}
	res := RunNowResult{Job: name, Kind: kind, Status: "queued"}
	err := st.InTx(ctx, func(tx store.Executor) error {
		id, err := r.RunNow(ctx, tx, kind, c.Email)
		res.JobID = id
		if errors.Is(err, season.ErrDuplicateJob) {
			res.Status = "already_queued"
		} else if err != nil {
			return err
		}
		return log.Record(ctx, tx, c.Entry(ActionRunNow, kind, map[string]any{"job_id": id, "status": res.Status}))
	})
	if err != nil {
		return RunNowResult{}, fmt.Errorf("run %s now: %w", kind, err)
	}
	return res, nil
}
