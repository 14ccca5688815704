package jobs

import (
	"context"
	"errors"
	"log/slog"

	"github.com/riverqueue/river"

	"memora/internal/season"
	"memora/internal/srsfit"
	"memora/internal/store"
)

// Queue enqueues jobs in the caller's transaction and works none: an insert-only River
// client on the store's database. It exists apart from the Runner so the services the
// jobs call (season) are given their enqueuer when they are built, before the Runner that
// calls them.
type Queue struct{ q queue }

var _ season.Enqueuer = (*Queue)(nil)

// NewQueue returns the insert-only queue over st.
func NewQueue(st store.Store, logger *slog.Logger) (*Queue, error) {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	q, err := newQueue(st, &river.Config{Logger: logger, MaxAttempts: 10})
	if err != nil {
		return nil, err
	}
	return &Queue{q: q}, nil
}

// EnqueueRebuild queues a season cache rebuild in tx. An unfinished rebuild of the same
// season makes it season.ErrDuplicateJob.
func (q *Queue) EnqueueRebuild(ctx context.Context, tx store.Executor, rebuildID int64, seasonID string) (int64, error) {
	return enqueue(ctx, q.q, tx, RebuildArgs{RebuildID: rebuildID, SeasonID: seasonID})
}

// EnqueueFit queues a fit of one institution's season in tx (staff's "fit now"). An
// unfinished fit of the same season makes it srsfit.ErrDuplicate.
func (q *Queue) EnqueueFit(ctx context.Context, tx store.Executor, institutionID, seasonID, _ string) (int64, error) {
	id, err := enqueue(ctx, q.q, tx, SRSFitArgs{InstitutionID: institutionID, SeasonID: seasonID})
	if errors.Is(err, season.ErrDuplicateJob) {
		err = srsfit.ErrDuplicate
	}
	return id, err
}

// EnqueueAlert queues the delivery of an alert in tx.
func (q *Queue) EnqueueAlert(ctx context.Context, tx store.Executor, alertID int64) (int64, error) {
	return enqueue(ctx, q.q, tx, AlertArgs{AlertID: alertID})
}
