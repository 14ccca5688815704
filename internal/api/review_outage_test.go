package api_test

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"

	"memora/internal/apitest"
	"memora/internal/cache"
	"memora/internal/cache/rediscache"
	"memora/internal/redistest"
	"memora/internal/review"
	"memora/internal/store"
	"memora/internal/store/storetest"
)

// outage drives one student through a Redis outage.
type outage struct {
	*reviewWorld
	t     *testing.T
	c     *apitest.Client
	user  store.User
	stage string
	rdb   *redis.Client
	key   string
	acked map[string]ackedReview // by session id
	n     int
}

type ackedReview struct {
	question string
	at       time.Time
}

// submitOne answers one question (wrongly: it becomes due again soon) and remembers the
// acknowledgement.
func (o *outage) submitOne(question string) {
	o.t.Helper()
	o.n++
	id := fmt.Sprintf("outage-%d", o.n)
	reviewSubmit(o.t, o.c, reviewBody(id, "", reviewAnswer{QuestionID: question, Answer: "wrong"}))
	o.acked[id] = ackedReview{question: question, at: o.env.Clock.Now()}
}

// later moves past the player's Safe-Mode interval and the breaker's cooldown.
func (o *outage) later() { o.env.Clock.Advance(31 * time.Second) }

// requireNothingLost checks every acknowledged submission is in memory_state and the review log.
func (o *outage) requireNothingLost() {
	o.t.Helper()
	for id, a := range o.acked {
		sess, err := o.env.Store.SessionGetByClientID(o.ctx, o.user.ID, id)
		require.NoError(o.t, err, id)
		require.Equal(o.t, 1, reviewCount(o.t, o.env, fmt.Sprintf("SELECT count(*) FROM review_log WHERE user_id = $1 AND session_id = %d", sess.ID), o.user.ID), id)
		m := o.memory(o.user.ID, a.question)
		require.True(o.t, a.at.Equal(*m.LastReview), "%s: last review %s, want %s", id, m.LastReview, a.at)
	}
}

// requireScheduleMatchesDatabase checks the cached due time of every answered item is the
// database's.
func (o *outage) requireScheduleMatchesDatabase() {
	o.t.Helper()
	for _, a := range o.acked {
		score, err := o.rdb.ZScore(o.ctx, o.key, a.question).Result()
		require.NoError(o.t, err, a.question)
		require.EqualValues(o.t, o.memory(o.user.ID, a.question).Due.Unix(), score, a.question)
	}
}

func (o *outage) requireLimited() {
	o.t.Helper()
	r := o.c.Get(apitest.Method("reviews", "get_review_session"), nil)
	expectError(o.t, r, http.StatusTooManyRequests, "RateLimitError")
	require.NotEmpty(o.t, r.Header.Get("Retry-After"))
}

// Redis stops answering mid-test, twice. Frozen (SIGSTOP: a partition; it comes back with its
// old data) and then killed (it comes back empty). Meanwhile reviews are served from the
// database with is_degraded true, the per-player Safe-Mode limit answers 429, and every
// acknowledged submission is in memory_state and the review log. Once Redis answers again
// Safe Mode ends by itself and the schedule is rebuilt from the database — never served
// from a key that missed the outage's writes.
//
// Not parallel: it times real Redis calls against the client's timeout and probe, which
// other tests' load would make flaky.
func TestReviewRedisOutage(t *testing.T) {
	for _, e := range storetest.Engines() {
		t.Run(string(e), func(t *testing.T) {
			srv := redistest.StartServer(t)
			env := apitest.New(t, e, reviewRedis(srv.URL()))
			w := seedReview(t, env, store.SchedulerFSRS)
			o := &outage{reviewWorld: w, t: t, stage: w.bigReveal("outage", 30), acked: map[string]ackedReview{}}
			o.c, o.user = w.student("s@x.test")
			o.rdb = redis.NewClient(&redis.Options{Addr: srv.Addr()})
			t.Cleanup(func() { o.rdb.Close() })
			o.key = rediscache.Key(cache.ScheduleKey{UserID: o.user.ID, SeasonID: w.season})
			for i := range 30 {
				// Items 0–9 are due in ten days; the others are overdue.
				due := apitest.Start.Add(-time.Duration(i) * time.Hour)
				if i < 10 {
					due = apitest.Start.Add(10 * 24 * time.Hour)
				}
				w.put(w.item(o.user.ID, fmt.Sprintf("%s:%d", o.stage, i), 2, due, nil))
			}
			s := reviewGet(t, o.c, nil)
			require.False(t, s.IsDegraded)
			require.Len(t, s.Questions, 15)
			require.EqualValues(t, 30, o.rdb.ZCard(w.ctx, o.key).Val())

			// Partition: the first session times out on Redis and is served degraded; the next
			// two within 30 s are refused (and open the breaker).
			srv.Freeze()
			o.later()
			require.True(t, reviewGet(t, o.c, nil).IsDegraded)
			o.requireLimited()
			o.requireLimited()
			require.True(t, env.App.Review.SafeMode())
			for i := range 5 { // items due in ten days, answered wrong: due again soon
				o.submitOne(fmt.Sprintf("%s:%d", o.stage, i))
			}
			o.later()
			s = reviewGet(t, o.c, nil)
			require.True(t, s.IsDegraded)
			require.Len(t, s.Questions, 15)
			o.requireNothingLost()

			// Back with its old data: Safe Mode ends by itself, and the key that missed the
			// writes is rebuilt from the database rather than served.
			srv.Thaw()
			o.later()
			s = reviewGet(t, o.c, nil)
			require.False(t, s.IsDegraded)
			require.False(t, env.App.Review.SafeMode())
			o.requireScheduleMatchesDatabase()

			// Restart: killed, then back empty.
			srv.Kill()
			o.later()
			require.True(t, reviewGet(t, o.c, nil).IsDegraded)
			o.requireLimited()
			for i := 5; i < 8; i++ {
				o.submitOne(fmt.Sprintf("%s:%d", o.stage, i))
			}
			o.later()
			require.True(t, reviewGet(t, o.c, nil).IsDegraded)
			require.True(t, env.App.Review.SafeMode())
			o.requireNothingLost()

			srv.Start()
			o.later()
			s = reviewGet(t, o.c, nil)
			require.False(t, s.IsDegraded)
			require.Len(t, s.Questions, 15)
			require.EqualValues(t, 30, o.rdb.ZCard(w.ctx, o.key).Val(), "rebuilt")
			o.requireScheduleMatchesDatabase()
			o.requireNothingLost()
			requireSessionsValid(t, s)
		})
	}
}

func requireSessionsValid(t *testing.T, s review.Session) {
	t.Helper()
	for _, c := range s.Questions {
		require.Contains(t, c.Options, c.CorrectAnswer, c.ID)
	}
}
