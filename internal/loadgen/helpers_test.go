package loadgen

import (
	"context"
	"os"
	"testing"

	"github.com/redis/go-redis/v9"
)

// testRedisDB keeps this package's keys apart from other packages' tests sharing the server.
const testRedisDB = 11

// testRedis is the Redis of MEMORA_TEST_REDIS_URL (database testRedisDB, emptied), or nil
// when the variable is unset; set but unreachable fails the test.
func testRedis(t *testing.T) redis.UniversalClient {
	t.Helper()
	url := os.Getenv("MEMORA_TEST_REDIS_URL")
	if url == "" {
		return nil
	}
	opt, err := redis.ParseURL(url)
	if err != nil {
		t.Fatalf("MEMORA_TEST_REDIS_URL: %v", err)
	}
	opt.DB = testRedisDB
	rdb := redis.NewClient(opt)
	if err := rdb.Ping(context.Background()).Err(); err != nil {
		t.Fatalf("MEMORA_TEST_REDIS_URL is set but Redis is unreachable: %v", err)
	}
	// Only this package uses the database, and its tests run one after the other.
	if err := rdb.FlushDB(context.Background()).Err(); err != nil {
		t.Fatalf("flush redis db %d: %v", testRedisDB, err)
	}
	t.Cleanup(func() { rdb.Close() })
	return rdb
}
