package api_test

import (
	"net"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"

	"memora/internal/apitest"
	"memora/internal/cache"
	"memora/internal/cache/rediscache"
	"memora/internal/config"
	"memora/internal/redistest"
	"memora/internal/store"
	"memora/internal/store/storetest"
)

// eachWithRedis runs fn on every engine with the app using the shared test Redis.
func eachWithRedis(t *testing.T, fn func(t *testing.T, env *apitest.Env)) {
	url := redistest.URL(t)
	for _, e := range storetest.Engines() {
		t.Run(string(e), func(t *testing.T) { fn(t, apitest.New(t, e, reviewRedis(url))) })
	}
}

// F.54 and the Redis path: with Redis answering, Safe Mode is off and sessions are not
// degraded; the first session rebuilds the player's schedule (every live item), every use
// extends its 30-day TTL (F.55 as changed), a submission moves the answered items, and the
// database wins over a schedule that disagrees with it.
func TestReviewRedisSchedule(t *testing.T) {
	t.Parallel()
	eachWithRedisAndCluster(t, func(t *testing.T, env *apitest.Env, rdb redis.UniversalClient) {
		w := seedReview(t, env, store.SchedulerFSRS)
		c, u := w.student("s@x.test")
		past := apitest.Start.Add(-time.Hour)
		w.put(w.item(u.ID, "l1-quiz", 1, past, nil), w.item(u.ID, "l1-match:0", 2, past, nil),
			w.item(u.ID, "l1-reveal:0", 2, apitest.Start.Add(48*time.Hour), nil))
		require.False(t, env.App.Review.SafeMode())
		requireGauges(t, env, "memora_safe_mode 0", "memora_redis_up 1")
		key := rediscache.Key(cache.ScheduleKey{UserID: u.ID, SeasonID: w.season})
		t.Cleanup(func() { rdb.Del(w.ctx, key) })

		s := reviewGet(t, c, nil)
		require.False(t, s.IsDegraded)
		require.ElementsMatch(t, []string{"l1-quiz", "l1-match:0"}, reviewCardIDs(s))
		require.EqualValues(t, 3, rdb.ZCard(w.ctx, key).Val(), "the whole schedule, not only what is due")
		require.EqualValues(t, apitest.Start.Add(48*time.Hour).Unix(), rdb.ZScore(w.ctx, key, "l1-reveal:0").Val())
		month := (30 * 24 * time.Hour).Seconds()
		require.InDelta(t, month, rdb.TTL(w.ctx, key).Val().Seconds(), 5)

		require.NoError(t, rdb.Expire(w.ctx, key, time.Minute).Err())
		reviewGet(t, c, nil)
		require.InDelta(t, month, rdb.TTL(w.ctx, key).Val().Seconds(), 5, "a read extends the TTL")

		require.NoError(t, rdb.Expire(w.ctx, key, time.Minute).Err())
		reviewSubmit(t, c, reviewBody("r1", "", reviewAnswer{QuestionID: "l1-quiz", Answer: quizCorrect}))
		require.InDelta(t, month, rdb.TTL(w.ctx, key).Val().Seconds(), 5, "a write extends the TTL")
		due := w.memory(u.ID, "l1-quiz").Due
		require.True(t, due.After(apitest.Start))
		require.EqualValues(t, due.Unix(), rdb.ZScore(w.ctx, key, "l1-quiz").Val(), "moved after the commit")
		require.Equal(t, []string{"l1-match:0"}, reviewCardIDs(reviewGet(t, c, nil)))

		// A schedule that missed a write (item shown due) is corrected from the database.
		require.NoError(t, rdb.ZAdd(w.ctx, key, redisZ(past, "l1-reveal:0")).Err())
		require.Equal(t, []string{"l1-match:0"}, reviewCardIDs(reviewGet(t, c, nil)))
		require.EqualValues(t, apitest.Start.Add(48*time.Hour).Unix(), rdb.ZScore(w.ctx, key, "l1-reveal:0").Val())

		// Retired items leave the schedule.
		w.put(w.item(u.ID, "l1-read", 1, past, nil))
		require.NoError(t, rdb.ZAdd(w.ctx, key, redisZ(past, "l1-read")).Err())
		require.Equal(t, []string{"l1-match:0"}, reviewCardIDs(reviewGet(t, c, nil)))
		require.True(t, w.memory(u.ID, "l1-read").Retired)
		require.ErrorIs(t, rdb.ZScore(w.ctx, key, "l1-read").Err(), redisNil)
	})
}

// F.53 at the API: in Safe Mode (Redis configured, nothing listening) ten players each get
// one session, degraded, and the global counter moves by exactly ten; a player's second
// request within 30 s and anyone's request past the global limit get a 429 with
// Retry-After, not an empty answer. A new minute lets requests through again.
func TestReviewSafeModeLimits(t *testing.T) {
	t.Parallel()
	for _, e := range storetest.Engines() {
		t.Run(string(e), func(t *testing.T) {
			dead := "redis://" + deadAddr(t) + "/0"
			env := apitest.New(t, e, reviewRedis(dead), func(c *config.Config) { c.SafeModeGlobalPerMin = 12 })
			w := seedReview(t, env, store.SchedulerFSRS)
			require.True(t, env.App.Review.SafeMode())
			requireGauges(t, env, "memora_safe_mode 1", "memora_redis_up 0")
			// Redis is informational in /readyz: down, it only means Safe Mode.
			ready := env.Client().Get("/readyz", nil)
			require.Equal(t, http.StatusOK, ready.Status, ready.Body)
			require.Contains(t, ready.Body, `"redis":{"status":"fail","required":false}`)
			past := apitest.Start.Add(-time.Hour)
			clients := make([]*apitest.Client, 13)
			for i := range clients {
				c, u := w.student("s" + strconv.Itoa(i) + "@x.test")
				clients[i] = c
				w.put(w.item(u.ID, "l1-quiz", 1, past, nil))
			}
			for _, c := range clients[:10] {
				s := reviewGet(t, c, nil)
				require.True(t, s.IsDegraded)
				require.Equal(t, []string{"l1-quiz"}, reviewCardIDs(s))
			}
			served, err := env.App.Review.Limiter().Count(t.Context(), env.Clock.Now())
			require.NoError(t, err)
			require.Equal(t, 10, served)

			env.Clock.Advance(10 * time.Second)
			r := clients[0].Get(apitest.Method("reviews", "get_review_session"), nil)
			expectError(t, r, http.StatusTooManyRequests, "RateLimitError")
			require.Equal(t, "20", r.Header.Get("Retry-After"))

			reviewGet(t, clients[10], nil)
			reviewGet(t, clients[11], nil)
			r = clients[12].Get(apitest.Method("reviews", "get_review_session"), nil)
			expectError(t, r, http.StatusTooManyRequests, "RateLimitError")
			require.Equal(t, "50", r.Header.Get("Retry-After"), "until the minute that began with the first request ends")

			// Focus mode never used the cache and is not limited; submissions are never limited.
			require.NotNil(t, reviewGet(t, clients[12], map[string]string{"topic_id": "revolt"}).Questions)
			reviewSubmit(t, clients[0], reviewBody("safe-1", "", reviewAnswer{QuestionID: "l1-quiz", Answer: quizCorrect}))

			env.Clock.Advance(time.Minute)
			require.True(t, reviewGet(t, clients[12], nil).IsDegraded)
		})
	}
}

var redisNil = redis.Nil

func redisZ(due time.Time, member string) redis.Z {
	return redis.Z{Score: float64(due.Unix()), Member: member}
}

// deadAddr is a loopback address where nothing listens.
func deadAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	require.NoError(t, ln.Close())
	return addr
}

func requireGauges(t *testing.T, env *apitest.Env, lines ...string) {
	t.Helper()
	r := env.Client().Get("/metrics", nil)
	require.Equal(t, http.StatusOK, r.Status)
	for _, l := range lines {
		require.Contains(t, r.Body, "\n"+l+"\n")
	}
}
