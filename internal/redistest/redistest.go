// Package redistest gives tests a real Redis: the shared server of MEMORA_TEST_REDIS_URL and
// the shared Redis Cluster of MEMORA_TEST_REDIS_CLUSTER_URL (when set they must answer: tests
// fail, not skip; when unset, tests that need them are skipped; Run runs a test on each), and
// throwaway redis-server processes and clusters that a test may freeze, kill and restart to
// play an outage.
//
// Parallel tests share one Redis without flushing it: schedule keys are srs:{player}:season,
// so a test that uses a season id of its own (Season) never sees another test's keys.
package redistest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// URLEnv names the variable holding the test server URL.
const URLEnv = "MEMORA_TEST_REDIS_URL"

// URL returns the shared test Redis, skipping the test when none is configured and failing
// it when the configured one does not answer.
func URL(t testing.TB) string {
	t.Helper()
	url := os.Getenv(URLEnv)
	if url == "" {
		t.Skipf("%s is not set", URLEnv)
	}
	rdb := connect(t, url)
	if err := rdb.Ping(context.Background()).Err(); err != nil {
		t.Fatalf("%s does not answer: %v", URLEnv, err)
	}
	return url
}

// Client returns a client of the shared test Redis, closed at cleanup.
func Client(t testing.TB) *redis.Client {
	t.Helper()
	return connect(t, URL(t))
}

func connect(t testing.TB, url string) *redis.Client {
	t.Helper()
	opts, err := redis.ParseURL(url)
	if err != nil {
		t.Fatalf("%s: %v", URLEnv, err)
	}
	rdb := redis.NewClient(opts)
	t.Cleanup(func() { rdb.Close() })
	return rdb
}

// Season returns a season id that no other test uses ("SEASON-2026-t<hex>", a valid season
// id), so keys built from it are this test's alone; at cleanup they are deleted from the
// shared server and the shared Cluster, so the suite leaves no keys behind.
func Season(t testing.TB) string {
	t.Helper()
	id := "SEASON-2026-t" + Suffix()
	if url := os.Getenv(URLEnv); url != "" {
		t.Cleanup(func() { DropKeys(t, url, "*"+id+"*") })
	}
	if os.Getenv(ClusterURLEnv) != "" {
		t.Cleanup(func() {
			for _, r := range Targets(t) {
				if r.Cluster() {
					r.DropKeys(t, "*"+id+"*")
				}
			}
		})
	}
	return id
}

// DropKeys deletes the keys of the Redis at url that match pattern (SCAN, never FLUSHDB).
func DropKeys(t testing.TB, url, pattern string) {
	t.Helper()
	opts, err := redis.ParseURL(url)
	if err != nil {
		t.Errorf("%s: %v", URLEnv, err)
		return
	}
	rdb := redis.NewClient(opts)
	defer rdb.Close()
	ctx := context.Background()
	iter := rdb.Scan(ctx, 0, pattern, 1000).Iterator()
	for iter.Next(ctx) {
		rdb.Del(ctx, iter.Val())
	}
	if err := iter.Err(); err != nil {
		t.Errorf("drop test keys %s: %v", pattern, err)
	}
}

// Suffix is 12 random hex digits.
func Suffix() string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// waitFor polls PING until Redis answers or the deadline passes.
func waitFor(ctx context.Context, rdb redis.UniversalClient, within time.Duration) error {
	deadline := time.Now().Add(within)
	for {
		err := rdb.Ping(ctx).Err()
		if err == nil || time.Now().After(deadline) {
			return err
		}
		time.Sleep(20 * time.Millisecond)
	}
}
