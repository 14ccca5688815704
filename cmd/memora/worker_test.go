package main

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/jobs"
	"memora/internal/store"
	"memora/internal/store/litestore"
	"memora/internal/store/storetest"
)

// `memora worker` runs the jobs that an API server with MEMORA_WORKER=false only enqueues,
// and stops cleanly when its context ends (SIGTERM).
func TestWorkerRunsJobs(t *testing.T) {
	path := filepath.Join(t.TempDir(), "memora.db")
	t.Setenv("MEMORA_DATABASE_URL", "sqlite:"+path)
	t.Setenv("MEMORA_REDIS_URL", "")
	t.Setenv("MEMORA_WORKER", "false")
	t.Setenv("MEMORA_LOG_LEVEL", "error")
	ctx := context.Background()

	api, err := openApp(ctx)
	require.NoError(t, err)
	require.NoError(t, api.Start(ctx)) // enqueue-only: MEMORA_WORKER=false
	require.NoError(t, api.Store.InTx(ctx, func(tx store.Executor) error {
		_, err := api.Jobs.EnqueueTx(ctx, tx, jobs.PartitionArgs{})
		return err
	}))
	api.Stop()
	require.EqualValues(t, 1, storetest.CountRows(t, api.Store, "SELECT count(*) FROM river_job WHERE state = 'available'"),
		"serve without the worker only enqueues")
	require.NoError(t, api.Close())

	wctx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- cmdWorker(wctx, nil) }()
	s, err := litestore.Open(ctx, path, litestore.Options{})
	require.NoError(t, err)
	defer s.Close()
	deadline := time.Now().Add(20 * time.Second)
	for storetest.CountRows(t, s, "SELECT count(*) FROM river_job WHERE state = 'completed'") != 1 {
		require.True(t, time.Now().Before(deadline), "the worker never ran the job")
		time.Sleep(50 * time.Millisecond)
	}
	stop()
	select {
	case err := <-done:
		require.NoError(t, err)
	case <-time.After(30 * time.Second):
		t.Fatal("the worker did not stop")
	}
}
