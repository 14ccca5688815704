package api_test

import (
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/apitest"
	"memora/internal/cache"
	"memora/internal/cache/rediscache"
	"memora/internal/redistest"
	"memora/internal/store"
)

// A Redis Cluster master is killed (SIGKILL) while students submit reviews through the API.
// Its replica takes over (cluster-node-timeout 1 s), the app goes into Safe Mode while the
// cluster has no master for those slots and leaves it by itself once the new master
// answers, and every acknowledged submission is in the database (session and review log).
// The cluster is the test's own: the shared one must not lose a master.
//
// Not parallel: it times real Redis failover against the client's timeouts.
func TestReviewClusterMasterKilledMidLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a Redis Cluster of its own")
	}
	cl := redistest.StartCluster(t, time.Second)
	env := apitest.New(t, store.SQLite, redisTarget(cl.Addrs()))
	w := seedReview(t, env, store.SchedulerFSRS)
	const players, items = 12, 20
	stage := w.bigReveal("failover", items)
	type player struct {
		c   *apitest.Client
		u   store.User
		key string
	}
	ps := make([]player, players)
	past := apitest.Start.Add(-time.Hour)
	for i := range ps {
		c, u := w.student(fmt.Sprintf("f%d@x.test", i))
		ps[i] = player{c: c, u: u, key: rediscache.Key(cache.ScheduleKey{UserID: u.ID, SeasonID: w.season})}
		for q := range items {
			w.put(w.item(u.ID, fmt.Sprintf("%s:%d", stage, q), 2, past, nil))
		}
		require.False(t, reviewGet(t, c, nil).IsDegraded, "schedule cached before the load")
	}
	victim := cl.MasterOf(t, ps[0].key)
	onVictim := 0
	for _, p := range ps {
		if cl.MasterOf(t, p.key) == victim {
			onVictim++
		}
	}

	// The load: every player submits one review after another until stopped.
	type ack struct {
		user     int64
		question string
	}
	var (
		mu                           sync.Mutex
		acked                        = map[string]ack{} // client session id → what was answered
		failed                       int
		sawSafeMode                  atomic.Bool
		stop                         = make(chan struct{})
		wg                           sync.WaitGroup
		ackedBeforeKill, ackedAtSafe int
	)
	for i, p := range ps {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := 0; ; n++ {
				select {
				case <-stop:
					return
				default:
				}
				id := fmt.Sprintf("failover-%d-%d", i, n)
				q := fmt.Sprintf("%s:%d", stage, n%items)
				r := p.c.Post(apitest.Method("reviews", "submit_review_session"),
					reviewBody(id, "", reviewAnswer{QuestionID: q, Answer: "wrong"}))
				mu.Lock()
				if r.Status == http.StatusOK {
					acked[id] = ack{user: p.u.ID, question: q}
				} else {
					failed++
				}
				mu.Unlock()
				if env.App.Review.SafeMode() {
					sawSafeMode.Store(true)
				}
			}
		}()
	}
	stopLoad := sync.OnceFunc(func() { close(stop); wg.Wait() })
	count := func() int {
		mu.Lock()
		defer mu.Unlock()
		return len(acked)
	}
	waitFor := func(what string, within time.Duration, cond func() bool) {
		t.Helper()
		deadline := time.Now().Add(within)
		for !cond() {
			if time.Now().After(deadline) {
				stopLoad()
				t.Fatalf("%s: not within %v (acknowledged %d)", what, within, count())
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	waitFor("load under way", 30*time.Second, func() bool { return count() >= 50 })
	ackedBeforeKill = count()
	victim.Kill()
	killed := time.Now()
	waitFor("Safe Mode entered", 30*time.Second, func() bool { return env.App.Review.SafeMode() })
	ackedAtSafe = count()
	cl.WaitOK(t, 30*time.Second) // the replica is the master now
	failedOver := time.Since(killed)

	// Safe Mode ends by itself: the breaker's probe (after its cooldown, on the app's clock)
	// finds every slot served again.
	waitFor("Safe Mode left", 30*time.Second, func() bool {
		env.Clock.Advance(6 * time.Second)
		return !env.App.Review.SafeMode()
	})
	left := time.Since(killed)
	after := count()
	waitFor("load after recovery", 30*time.Second, func() bool { return count() >= after+50 })
	stopLoad()
	require.True(t, sawSafeMode.Load())
	// (A loaded machine may time a command out and reopen the breaker; it closes again.)
	waitFor("Safe Mode off after the load", 30*time.Second, func() bool {
		env.Clock.Advance(6 * time.Second)
		return !env.App.Review.SafeMode()
	})
	for _, p := range ps {
		require.False(t, reviewGet(t, p.c, nil).IsDegraded, "player %d", p.u.ID)
	}

	// Nothing acknowledged is lost.
	found := 0
	for id, a := range acked {
		sess, err := env.Store.SessionGetByClientID(w.ctx, a.user, id)
		require.NoError(t, err, id)
		n := reviewCount(t, env, fmt.Sprintf("SELECT count(*) FROM review_log WHERE user_id = $1 AND session_id = %d", sess.ID), a.user)
		require.Equal(t, 1, n, id)
		found++
	}
	t.Logf("players %d (%d on the killed master); acknowledged %d (%d before the kill, %d when Safe Mode began), "+
		"found in the database %d, refused %d; failover %v, Safe Mode left %v after the kill",
		players, onVictim, len(acked), ackedBeforeKill, ackedAtSafe, found, failed,
		failedOver.Round(100*time.Millisecond), left.Round(100*time.Millisecond))
	require.Equal(t, len(acked), found)
}
