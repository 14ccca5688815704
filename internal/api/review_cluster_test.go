package api_test

import (
	"strings"
	"testing"

	"github.com/redis/go-redis/v9"

	"memora/internal/apitest"
	"memora/internal/config"
	"memora/internal/redistest"
	"memora/internal/store"
	"memora/internal/store/storetest"
)

// eachWithRedisAndCluster runs fn on every engine with the app using the shared test Redis,
// and on SQLite with the app using the shared test Redis Cluster (each when configured);
// rdb is a client of the same Redis for the test's own checks.
func eachWithRedisAndCluster(t *testing.T, fn func(t *testing.T, env *apitest.Env, rdb redis.UniversalClient)) {
	redistest.Run(t, func(t *testing.T, r redistest.Target) {
		engines := storetest.Engines()
		if r.Cluster() {
			engines = []store.Engine{store.SQLite} // the engine makes no difference to Redis
			// The keys the app writes beside the season's schedules and leaderboards (both
			// dropped by redistest.Season): the login and sign-up counts of the loopback address.
			t.Cleanup(func() {
				for _, p := range []string{"login:*", "signup:*"} {
					r.DropKeys(t, p)
				}
			})
		}
		for _, e := range engines {
			t.Run(string(e), func(t *testing.T) { fn(t, apitest.New(t, e, redisTarget(r.Addrs)), r.Client(t)) })
		}
	})
}

// redisTarget points the app at a Redis: one address, or a Cluster's seeds.
func redisTarget(addrs []string) func(*config.Config) {
	return func(c *config.Config) {
		c.Redis = config.Redis{Addrs: addrs}
		c.RedisURL = strings.Join(addrs, ",")
		c.RedisFailures = 3 // as reviewRedis
	}
}
