package rediscache_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

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

// A Redis at maxmemory with noeviction refuses SET but deletes: Change then deletes the
// epoch, so no instance reads the old one; while Redis refuses writes, Epoch fails (the
// caller reads the database), and once it takes writes again the epoch is made anew with a
// new value. With Redis gone, Change fails.
func TestSessionEpochChangeDeletesWhenRedisRefusesWrites(t *testing.T) {
	t.Parallel()
	srv := redistest.StartServer(t)
	ctx := context.Background()
	c, err := rediscache.Open(ctx, []string{srv.URL()}, clock.System{}, rediscache.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	epochs := rediscache.SessionEpochs{C: c, Prefix: "session:epoch:"}
	admin := redis.NewClient(&redis.Options{Addr: srv.Addr()})
	t.Cleanup(func() { admin.Close() })
	first, err := epochs.Epoch(ctx, 7)
	if err != nil {
		t.Fatal(err)
	}

	for _, kv := range [][2]string{{"maxmemory-policy", "noeviction"}, {"maxmemory", "1"}} {
		if err := admin.ConfigSet(ctx, kv[0], kv[1]).Err(); err != nil {
			t.Fatal(err)
		}
	}
	if err := admin.Set(ctx, "session:epoch:8", 1, 0).Err(); err == nil || !strings.Contains(err.Error(), "OOM") {
		t.Fatalf("Redis takes writes at maxmemory: %v", err)
	}
	if err := epochs.Change(ctx, 7); err != nil {
		t.Fatalf("change at maxmemory: %v", err)
	}
	if n := admin.Exists(ctx, "session:epoch:7").Val(); n != 0 {
		t.Fatal("the old epoch is still there")
	}
	if v, err := epochs.Epoch(ctx, 7); err == nil {
		t.Fatalf("an epoch read while none can be made: %d", v)
	}

	if err := admin.ConfigSet(ctx, "maxmemory", "0").Err(); err != nil {
		t.Fatal(err)
	}
	if made, err := epochs.Epoch(ctx, 7); err != nil || made == first || made <= 0 {
		t.Fatalf("made anew: %d (%v), was %d", made, err, first)
	}

	srv.Kill()
	if err := epochs.Change(ctx, 7); err == nil {
		t.Fatal("a change without Redis reported as made")
	}
}

// A change counts once a replica of the key's master holds it, so a failover cannot bring
// the old epoch back: with the replica frozen (it cannot acknowledge) Change reports the
// change as not made, without opening the breaker (identity then retries it and trusts no
// stamp of the user meanwhile); once the replica answers again a change is made, and the
// replica holds what the master holds as soon as Change returns.
func TestSessionEpochChangeWaitsForAReplica(t *testing.T) {
	t.Parallel()
	master := redistest.StartServer(t)
	replica := redistest.StartReplica(t, master)
	ctx := context.Background()
	c, err := rediscache.Open(ctx, []string{master.URL()}, clock.System{}, rediscache.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	epochs := rediscache.SessionEpochs{C: c, Prefix: "session:epoch:"}
	onReplica := redis.NewClient(&redis.Options{Addr: replica.Addr()})
	t.Cleanup(func() { onReplica.Close() })
	replicaHoldsTheEpoch := func() {
		t.Helper()
		want, err := epochs.Epoch(ctx, 7)
		if err != nil {
			t.Fatal(err)
		}
		if got, err := onReplica.Get(ctx, "session:epoch:7").Int64(); err != nil || got != want {
			t.Fatalf("the replica holds %d (%v) when Change returns, the master %d", got, err, want)
		}
	}
	// A change made while the replica answers (retried, as identity does, should the
	// replica of a loaded machine be slow to acknowledge).
	changeMade := func() {
		t.Helper()
		for try := 0; ; try++ {
			err := epochs.Change(ctx, 7)
			if err == nil {
				return
			}
			if try == 50 {
				t.Fatalf("the replica never acknowledged a change: %v", err)
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	changeMade()
	replicaHoldsTheEpoch()

	replica.Freeze()
	err = epochs.Change(ctx, 7)
	replica.Thaw()
	if err == nil {
		t.Fatal("a change no replica acknowledged was reported made")
	}
	if c.SafeMode() {
		t.Fatal("an unacknowledged change opened the breaker")
	}
	changeMade()
	replicaHoldsTheEpoch()
}
