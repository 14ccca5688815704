package rediscache_test

import (
	"context"
	"testing"
	"time"

	"memora/internal/cache/rediscache"
	"memora/internal/clock"
	"memora/internal/redistest"
)

// A user's session epoch is the same on every instance until it is changed, is never the
// same after a change, and is made anew (with a new value) when the key is gone.
func TestSessionEpochsAreSharedAndChangeOnEveryInstance(t *testing.T) {
	redistest.Run(t, func(t *testing.T, r redistest.Target) {
		ctx := context.Background()
		prefix := r.Prefix(t, "epoch")
		instance := func() rediscache.SessionEpochs {
			c := rediscache.New(r.Client(t), clock.System{}, rediscache.Options{Timeout: time.Second})
			t.Cleanup(func() { c.Close() })
			return rediscache.SessionEpochs{C: c, Prefix: prefix}
		}
		a, b := instance(), instance()
		first, err := a.Epoch(ctx, 7)
		if err != nil || first <= 0 {
			t.Fatalf("epoch: %d %v", first, err)
		}
		if again, err := b.Epoch(ctx, 7); err != nil || again != first {
			t.Fatalf("the other instance reads %d (%v), want %d", again, err, first)
		}
		if other, _ := b.Epoch(ctx, 8); other == first {
			t.Fatal("two users share an epoch")
		}
		if err := b.Change(ctx, 7); err != nil {
			t.Fatal(err)
		}
		changed, err := a.Epoch(ctx, 7)
		if err != nil || changed == first {
			t.Fatalf("after a change on the other instance: %d (%v), was %d", changed, err, first)
		}
		if err := r.Client(t).Del(ctx, prefix+"7").Err(); err != nil {
			t.Fatal(err)
		}
		if made, err := a.Epoch(ctx, 7); err != nil || made == changed || made <= 0 {
			t.Fatalf("a lost epoch made anew: %d (%v), was %d", made, err, changed)
		}
	})
}
