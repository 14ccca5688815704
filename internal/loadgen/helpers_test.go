package loadgen

import (
	"context"
	"os"
	"testing"

	"github.com/redis/go-redis/v9"

	"memora/internal/redistest"
)

// testRedis is a redis-server of this test's own when MEMORA_TEST_REDIS_URL is set (populate
// writes fixed keys such as srs:{1}:SEASON-2026, so it must not share a server with anyone),
// or nil when the variable is unset.
func testRedis(t *testing.T) redis.UniversalClient {
	t.Helper()
	if os.Getenv(redistest.URLEnv) == "" {
		return nil
	}
	srv := redistest.StartServer(t)
	rdb := redis.NewClient(&redis.Options{Addr: srv.Addr()})
	if err := rdb.Ping(context.Background()).Err(); err != nil {
		t.Fatalf("redis-server of the test does not answer: %v", err)
	}
	t.Cleanup(func() { rdb.Close() })
	return rdb
}
