package redistest

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// ClusterURLEnv names the variable holding the shared test Redis Cluster: its seed
// addresses, comma-separated (host:port or redis:// URLs), as MEMORA_REDIS_URL takes them.
const ClusterURLEnv = "MEMORA_TEST_REDIS_CLUSTER_URL"

// Target is one Redis the Redis tests run on: the shared server (MEMORA_TEST_REDIS_URL) or
// the shared Cluster (MEMORA_TEST_REDIS_CLUSTER_URL).
type Target struct {
	Name  string   // "redis" or "cluster": the subtest name
	Addrs []string // the MEMORA_REDIS_URL elements
}

// Cluster reports whether the target is a Redis Cluster.
func (r Target) Cluster() bool { return len(r.Addrs) > 1 }

// URL is the target as MEMORA_REDIS_URL spells it.
func (r Target) URL() string { return strings.Join(r.Addrs, ",") }

// Targets lists the configured test Redis targets, skipping the test when there is none and
// failing it when a configured one does not answer (a cluster must report cluster_state:ok).
func Targets(t testing.TB) []Target {
	t.Helper()
	var out []Target
	if url := os.Getenv(URLEnv); url != "" {
		out = append(out, Target{Name: "redis", Addrs: []string{url}})
	}
	if raw := os.Getenv(ClusterURLEnv); raw != "" {
		var addrs []string
		for _, a := range strings.Split(raw, ",") {
			if a = strings.TrimSpace(a); a != "" {
				addrs = append(addrs, a)
			}
		}
		if len(addrs) < 2 {
			t.Fatalf("%s must list several seed addresses, got %q", ClusterURLEnv, raw)
		}
		out = append(out, Target{Name: "cluster", Addrs: addrs})
	}
	if len(out) == 0 {
		t.Skipf("neither %s nor %s is set", URLEnv, ClusterURLEnv)
	}
	for _, r := range out {
		r.check(t)
	}
	return out
}

// ClusterTarget returns the shared test Cluster, skipping the test when none is configured
// and failing it when the configured one is not ok.
func ClusterTarget(t testing.TB) Target {
	t.Helper()
	if os.Getenv(ClusterURLEnv) == "" {
		t.Skipf("%s is not set", ClusterURLEnv)
	}
	for _, r := range Targets(t) {
		if r.Cluster() {
			return r
		}
	}
	panic("unreachable")
}

// Run runs fn as a subtest on every configured target ("redis", "cluster"). On the cluster
// the subtest also fails when any master counted a CROSSSLOT rejection while it ran.
func Run(t *testing.T, fn func(t *testing.T, r Target)) {
	t.Helper()
	for _, r := range Targets(t) {
		r.run(t, fn)
	}
}

// RunCluster runs fn as the "cluster" subtest on the shared test Cluster alone, as Run
// does, when MEMORA_TEST_REDIS_CLUSTER_URL is set (and nothing otherwise).
func RunCluster(t *testing.T, fn func(t *testing.T, r Target)) {
	t.Helper()
	if os.Getenv(ClusterURLEnv) != "" {
		ClusterTarget(t).run(t, fn)
	}
}

func (r Target) run(t *testing.T, fn func(t *testing.T, r Target)) {
	t.Helper()
	t.Run(r.Name, func(t *testing.T) {
		if r.Cluster() {
			before := r.crossSlotErrors(t)
			t.Cleanup(func() {
				if after := r.crossSlotErrors(t); after > before {
					t.Errorf("the cluster rejected %d command(s) with CROSSSLOT while the test ran", after-before)
				}
			})
		}
		fn(t, r)
	})
}

func (r Target) check(t testing.TB) {
	t.Helper()
	rdb := r.open(t)
	defer rdb.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := rdb.Ping(ctx).Err(); err != nil {
		t.Fatalf("test redis %s (%s) does not answer: %v", r.Name, r.URL(), err)
	}
	if cc, ok := rdb.(*redis.ClusterClient); ok {
		info, err := cc.ClusterInfo(ctx).Result()
		if err != nil || !strings.Contains(info, "cluster_state:ok") {
			t.Fatalf("test redis cluster (%s) is not ok: %v %s", r.URL(), err, info)
		}
	}
}

func (r Target) open(t testing.TB) redis.UniversalClient {
	t.Helper()
	var u redis.UniversalOptions
	for _, a := range r.Addrs {
		if !strings.Contains(a, "://") {
			u.Addrs = append(u.Addrs, a)
			continue
		}
		o, err := redis.ParseURL(a)
		if err != nil {
			t.Fatalf("test redis %s: %v", r.Name, err)
		}
		u.Addrs = append(u.Addrs, o.Addr)
		u.Username, u.Password, u.DB = o.Username, o.Password, o.DB
	}
	if r.Cluster() {
		return redis.NewClusterClient(u.Cluster())
	}
	return redis.NewClient(u.Simple())
}

// Client returns a new client of the target (a *redis.ClusterClient on the cluster), closed
// at cleanup (closing it earlier is fine). Any command reply that says the keys of one
// command or script live in different slots fails the test, even when the code under test
// swallows the error (a leaderboard answering from SQL instead).
func (r Target) Client(t testing.TB) redis.UniversalClient {
	t.Helper()
	rdb := r.open(t)
	h := &slotErrors{}
	rdb.AddHook(h)
	t.Cleanup(func() {
		_ = rdb.Close()
		for _, e := range h.take() {
			t.Errorf("cross-slot command: %s", e)
		}
	})
	return rdb
}

// Keys lists the target's keys matching pattern, from every master of a cluster (SCAN).
func (r Target) Keys(t testing.TB, pattern string) []string {
	t.Helper()
	var mu sync.Mutex
	var out []string
	r.eachMaster(t, func(ctx context.Context, c *redis.Client) error {
		keys, err := c.Keys(ctx, pattern).Result()
		mu.Lock()
		out = append(out, keys...)
		mu.Unlock()
		return err
	})
	return out
}

func (r Target) eachMaster(t testing.TB, fn func(ctx context.Context, c *redis.Client) error) {
	t.Helper()
	rdb := r.open(t)
	defer rdb.Close()
	ctx := context.Background()
	var err error
	switch c := rdb.(type) {
	case *redis.ClusterClient:
		err = c.ForEachMaster(ctx, fn)
	case *redis.Client:
		err = fn(ctx, c)
	}
	if err != nil {
		t.Errorf("test redis %s: %v", r.Name, err)
	}
}

// DropKeys deletes the target's keys matching pattern, on every master of a cluster (SCAN,
// never FLUSHDB).
func (r Target) DropKeys(t testing.TB, pattern string) {
	t.Helper()
	r.eachMaster(t, func(ctx context.Context, c *redis.Client) error {
		iter := c.Scan(ctx, 0, pattern, 1000).Iterator()
		for iter.Next(ctx) {
			c.Del(ctx, iter.Val())
		}
		return iter.Err()
	})
}

// Prefix returns a key prefix of this test alone ("test:<name>:<hex>:"), whose keys are
// dropped from the target at cleanup.
func (r Target) Prefix(t testing.TB, name string) string {
	t.Helper()
	p := "test:" + name + ":" + Suffix() + ":"
	t.Cleanup(func() { r.DropKeys(t, p+"*") })
	return p
}

// crossSlotErrors sums errorstat_CROSSSLOT over the cluster's masters.
func (r Target) crossSlotErrors(t testing.TB) int64 {
	t.Helper()
	rdb := r.open(t)
	defer rdb.Close()
	var mu sync.Mutex
	var n int64
	err := rdb.(*redis.ClusterClient).ForEachMaster(context.Background(), func(ctx context.Context, c *redis.Client) error {
		info, err := c.Info(ctx, "errorstats").Result()
		for _, line := range strings.Split(info, "\n") {
			var k int64
			if _, scanErr := fmt.Sscanf(strings.TrimSpace(line), "errorstat_CROSSSLOT:count=%d", &k); scanErr == nil {
				mu.Lock()
				n += k
				mu.Unlock()
			}
		}
		return err
	})
	if err != nil {
		t.Errorf("cluster errorstats: %v", err)
	}
	return n
}

// slotErrors records replies saying a command's keys are not in one slot.
type slotErrors struct {
	mu   sync.Mutex
	errs []string
}

func (h *slotErrors) take() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	out := h.errs
	h.errs = nil
	return out
}

func (h *slotErrors) check(cmd redis.Cmder) {
	if err := cmd.Err(); err != nil && crossSlot(err.Error()) {
		h.mu.Lock()
		h.errs = append(h.errs, fmt.Sprintf("%v: %v", cmd.Args(), err))
		h.mu.Unlock()
	}
}

func crossSlot(msg string) bool {
	return strings.Contains(msg, "CROSSSLOT") || strings.Contains(msg, "same slot") || strings.Contains(msg, "non local key")
}

func (h *slotErrors) DialHook(next redis.DialHook) redis.DialHook { return next }

func (h *slotErrors) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		err := next(ctx, cmd)
		h.check(cmd)
		return err
	}
}

func (h *slotErrors) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		err := next(ctx, cmds)
		for _, cmd := range cmds {
			h.check(cmd)
		}
		return err
	}
}

// Slot is the Redis Cluster hash slot of key (CRC16 of its hash tag, or of the whole key
// when it has none), so tests can check that the keys of one command share a slot.
func Slot(key string) int {
	if open := strings.IndexByte(key, '{'); open >= 0 {
		if end := strings.IndexByte(key[open+1:], '}'); end > 0 {
			key = key[open+1 : open+1+end]
		}
	}
	var crc uint16
	for i := 0; i < len(key); i++ {
		crc ^= uint16(key[i]) << 8
		for range 8 {
			if crc&0x8000 != 0 {
				crc = crc<<1 ^ 0x1021
			} else {
				crc <<= 1
			}
		}
	}
	return int(crc) % 16384
}
