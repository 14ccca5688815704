package rediscache_test

import (
	"context"
	"net"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"

	"memora/internal/cache"
	"memora/internal/cache/rediscache"
	"memora/internal/clock"
	"memora/internal/redistest"
)

// roundTrips counts what a client sends: single commands and pipelines.
type roundTrips struct{ single, pipelines atomic.Int64 }

func (h *roundTrips) DialHook(next redis.DialHook) redis.DialHook {
	return func(ctx context.Context, network, addr string) (net.Conn, error) { return next(ctx, network, addr) }
}

func (h *roundTrips) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error { h.single.Add(1); return next(ctx, cmd) }
}

func (h *roundTrips) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error { h.pipelines.Add(1); return next(ctx, cmds) }
}

// A session epoch read left to the request (Defer) is sent in the schedule's pipeline, one
// round trip for both, and reads what Epoch reads; without a pipeline, or when the key is
// gone, the read makes its own round trip as Epoch does.
func TestDeferredSessionEpochRidesInTheSchedulePipeline(t *testing.T) {
	t.Parallel()
	redistest.Run(t, func(t *testing.T, r redistest.Target) {
		ctx := context.Background()
		rdb := r.Client(t)
		trips := &roundTrips{}
		rdb.AddHook(trips)
		c := rediscache.New(rdb, clock.NewFake(t0), rediscache.Options{Timeout: time.Second})
		t.Cleanup(func() { c.Close() })
		src := &source{}
		sch := rediscache.NewSchedule(c, src)
		k := cache.ScheduleKey{UserID: 42, SeasonID: redistest.Season(t)}
		src.set(k, dueEvery(30))
		prefix := r.Prefix(t, "epoch")
		epochs := rediscache.SessionEpochs{C: c, Prefix: prefix}
		want, err := epochs.Epoch(ctx, 42)
		require.NoError(t, err)
		_, err = sch.Due(ctx, k, t0.Add(time.Hour), 15) // built
		require.NoError(t, err)

		single, pipelines := trips.single.Load(), trips.pipelines.Load()
		dctx, read := epochs.Defer(ctx, 42)
		ids, err := sch.Due(dctx, k, t0.Add(10*time.Minute), 15)
		require.NoError(t, err)
		require.Len(t, ids, 11)
		got, err := read(ctx)
		require.NoError(t, err)
		require.Equal(t, want, got)
		require.Equal(t, single, trips.single.Load(), "no command of its own")
		require.Equal(t, pipelines+1, trips.pipelines.Load(), "one pipeline for both (a Cluster sends it to each node concerned)")

		// Not taken by a pipeline: read reads it itself.
		_, read = epochs.Defer(ctx, 42)
		got, err = read(ctx)
		require.NoError(t, err)
		require.Equal(t, want, got)
		require.Equal(t, single+1, trips.single.Load())

		// A lost key is made anew, never trusted as the old value.
		require.NoError(t, rdb.Del(ctx, prefix+"42").Err())
		dctx, read = epochs.Defer(ctx, 42)
		_, err = sch.Due(dctx, k, t0.Add(10*time.Minute), 15)
		require.NoError(t, err)
		made, err := read(ctx)
		require.NoError(t, err)
		require.NotEqual(t, want, made)
		require.Positive(t, made)
	})
}
