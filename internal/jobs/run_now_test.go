package jobs_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/clock"
	"memora/internal/identity"
	"memora/internal/jobs"
	"memora/internal/season"
	"memora/internal/srsfit"
	"memora/internal/store"
	"memora/internal/store/storetest"
)

// An operator's "run now" queues a periodic job even after its run of the day, the worker
// runs it to completion, and a second request while one is unfinished is a duplicate.
func TestRunNowQueuesAPeriodicJobOutsideItsSchedule(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s store.Store) {
		e := start(t, s, "")
		e.runner.Stop() // this one has no session sweeper: work with one that has
		r, err := jobs.New(s, jobs.Config{Work: true, ShutdownTimeout: 5 * time.Second}, jobs.Workers{Season: e.svc,
			Sessions: &identity.Service{Store: s, Clock: clock.NewFake(t0)}, SRSFit: &srsfit.Service{Store: s, Clock: clock.NewFake(t0)}})
		require.NoError(t, err)
		require.NoError(t, r.Start(context.Background()))
		t.Cleanup(r.Stop)
		e.runner = r
		ctx := context.Background()
		runNow := func(kind string) (int64, error) {
			var id int64
			err := s.InTx(ctx, func(tx store.Executor) error {
				var err error
				id, err = e.runner.RunNow(ctx, tx, kind, "ops@x.test")
				return err
			})
			return id, err
		}
		// Today's periodic run is there (unique for the day).
		require.NoError(t, s.InTx(ctx, func(tx store.Executor) error {
			_, err := e.runner.EnqueueTx(ctx, tx, jobs.RetentionArgs{})
			return err
		}))
		for _, kind := range jobs.PeriodicKinds() {
			id, err := runNow(kind)
			require.NoError(t, err, kind)
			require.Positive(t, id)
		}
		want := int64(len(jobs.PeriodicKinds()) + 1) // and the periodic retention run
		eventually(t, "the run-now jobs", func() bool {
			return storetest.CountRows(t, s, "SELECT count(*) FROM river_job WHERE state = 'completed'") == want
		})
		_, err = runNow("nope")
		require.ErrorIs(t, err, jobs.ErrUnknownJob)
	})
}

// While a run-now job of a kind is unfinished, another is refused as a duplicate.
func TestRunNowRefusesASecondUnfinishedRun(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s store.Store) {
		require.NoError(t, jobs.Migrate(context.Background(), s))
		r, err := jobs.New(s, jobs.Config{}, jobs.Workers{}) // enqueues only: nothing runs
		require.NoError(t, err)
		ctx := context.Background()
		var ids []int64
		for range 2 {
			err := s.InTx(ctx, func(tx store.Executor) error {
				id, err := r.RunNow(ctx, tx, jobs.KindRetention, "ops@x.test")
				ids = append(ids, id)
				return err
			})
			if len(ids) == 1 {
				require.NoError(t, err)
			} else {
				require.ErrorIs(t, err, season.ErrDuplicateJob)
			}
		}
		require.Equal(t, ids[0], ids[1], "the duplicate names the queued job")
	})
}
