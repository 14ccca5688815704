package identity

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"

	"memora/internal/cache/rediscache"
	"memora/internal/clock"
	"memora/internal/redistest"
	"memora/internal/store"
	"memora/internal/store/storetest"
)

// redisServers are two servers (a, b) on one database whose session epochs are in a
// redis-server of this test only, each through its own client (its own connections and
// breaker, as two processes have), and an admin client of that Redis.
func redisServers(t *testing.T, st store.Store) (a, b *Service, counted *versionReads, srv *redistest.Server, admin *redis.Client) {
	t.Helper()
	srv = redistest.StartServer(t)
	counted = &versionReads{Store: st}
	a, b, _ = twoServers(t, counted)
	t.Cleanup(a.StopEpochRetries)
	t.Cleanup(b.StopEpochRetries)
	for _, s := range []*Service{a, b} {
		// The breaker's cooldown runs on the wall clock: the service's clock is a fake.
		c, err := rediscache.Open(context.Background(), []string{srv.URL()}, clock.System{},
			rediscache.Options{Timeout: 100 * time.Millisecond, Cooldown: 50 * time.Millisecond})
		require.NoError(t, err)
		t.Cleanup(func() { c.Close() })
		s.Epochs = rediscache.SessionEpochs{C: c, Prefix: "session:epoch:"}
	}
	admin = redis.NewClient(&redis.Options{Addr: srv.Addr()})
	t.Cleanup(func() { admin.Close() })
	return a, b, counted, srv, admin
}

// Redis at maxmemory with noeviction refuses SET (OOM) but serves GET: the epoch of a user
// whose password changed, whose role was removed, or who logged out on server a is deleted
// instead, and server b, which had the sessions cached and stamped, refuses them (or serves
// the new roles) at once, reading the database while the epoch cannot be made anew; a
// stays without pending retries.
func TestRedisAtMaxmemoryStillEndsSessionsAtOnceOnEveryServer(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st store.Store) {
		ctx := context.Background()
		a, b, counted, _, admin := redisServers(t, st)
		w := newTwoServersWorld(t, st, a, b)
		pw := w.newUser("pw@example.org", store.RoleStudent)
		teacher := w.newUser("teacher@example.org", store.RoleTeacher, store.RoleStudent)
		out := w.newUser("out@example.org", store.RoleStudent)
		login := func(u store.User) (string, Principal) {
			res, err := a.Login(ctx, u.Email, "correct horse 1", "10.0.0.1")
			require.NoError(t, err)
			return res.Token, cachedAndStamped(t, b, counted, res.Token)
		}
		pwToken, _ := login(pw)
		teacherToken, _ := login(teacher)
		outToken, outWho := login(out)

		require.NoError(t, admin.ConfigSet(ctx, "maxmemory-policy", "noeviction").Err())
		require.NoError(t, admin.ConfigSet(ctx, "maxmemory", "1").Err())
		require.ErrorContains(t, admin.Set(ctx, "session:epoch:probe", 1, 0).Err(), "OOM", "Redis refuses writes")
		require.NoError(t, admin.Get(ctx, "session:epoch:"+strconv.FormatInt(pw.ID, 10)).Err(), "and serves reads")

		require.NoError(t, a.SetPassword(ctx, pw.ID, "another horse 2"))
		_, err := b.AuthenticateSession(ctx, pwToken)
		require.ErrorIs(t, err, ErrNotLoggedIn, "after a password change")

		_, err = a.SetUserRole(ctx, w.admin, teacher.ID, store.RoleTeacher, false)
		require.NoError(t, err)
		who, err := b.AuthenticateSession(ctx, teacherToken)
		require.NoError(t, err)
		require.Equal(t, []string{store.RoleStudent}, who.Roles, "without the removed role, at once")

		require.NoError(t, a.Logout(ctx, outToken, outWho, "10.0.0.1"))
		_, err = b.AuthenticateSession(ctx, outToken)
		require.ErrorIs(t, err, ErrNotLoggedIn, "after a logout on the other server")

		for _, u := range []store.User{pw, teacher, out} {
			require.False(t, a.stamps.retries.pending(u.ID), "deleted, not left to the background")
		}
		// While the epoch cannot be made anew, b reads the database for the user.
		before := counted.n.Load()
		for range 2 {
			_, err = b.AuthenticateSession(ctx, teacherToken)
			require.NoError(t, err)
		}
		require.Equal(t, before+2, counted.n.Load())

		// Memory again: the epoch is made anew and the session is spared the database again.
		require.NoError(t, admin.ConfigSet(ctx, "maxmemory", "0").Err())
		cachedAndStamped(t, b, counted, teacherToken)
	})
}

// Redis holds every write (CLIENT PAUSE WRITE: SET and DEL time out) while it serves reads:
// the logout on server a succeeds and its epoch change is retried in the background. Server b
// reads the old epoch meanwhile and still serves its stamp (no server can see the logout
// there); once Redis takes writes again the retry changes the epoch and b refuses the session.
// Then Redis is stopped and started again empty: a password change made while it was down is
// retried until Redis answers.
func TestEpochChangeHeldByRedisIsMadeInTheBackground(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st store.Store) {
		ctx := context.Background()
		a, b, counted, srv, admin := redisServers(t, st)
		w := newTwoServersWorld(t, st, a, b)
		u := w.newUser("out@example.org", store.RoleStudent)
		res, err := a.Login(ctx, u.Email, "correct horse 1", "10.0.0.1")
		require.NoError(t, err)
		who := cachedAndStamped(t, b, counted, res.Token)
		key := "session:epoch:" + strconv.FormatInt(u.ID, 10)
		epoch, err := admin.Get(ctx, key).Int64()
		require.NoError(t, err)

		require.NoError(t, admin.Do(ctx, "CLIENT", "PAUSE", 600_000, "WRITE").Err())
		t.Cleanup(func() { admin.Do(context.Background(), "CLIENT", "UNPAUSE") })
		require.NoError(t, a.Logout(ctx, res.Token, who, "10.0.0.1"))
		require.True(t, a.stamps.retries.pending(u.ID), "left to the background")
		_, err = b.AuthenticateSession(ctx, res.Token)
		require.NoError(t, err, "b reads the old epoch while the change is held")

		require.NoError(t, admin.Do(ctx, "CLIENT", "UNPAUSE").Err())
		waitEpochRetries(t, a)
		require.False(t, a.stamps.retries.pending(u.ID))
		now, err := admin.Get(ctx, key).Int64()
		require.NoError(t, err)
		require.NotEqual(t, epoch, now, "changed in the background")
		_, err = b.AuthenticateSession(ctx, res.Token)
		require.ErrorIs(t, err, ErrNotLoggedIn, "b refuses the session once the change is made")

		// Redis stopped: the change is retried until it answers again. Restarted empty, the
		// retry's SET or, when a first command after the restart is refused, its DEL is the
		// change: either leaves no old epoch.
		v := w.newUser("down@example.org", store.RoleStudent)
		srv.Kill()
		require.NoError(t, a.SetPassword(ctx, v.ID, "another horse 2"))
		require.True(t, a.stamps.retries.pending(v.ID))
		srv.Start()
		waitEpochRetries(t, a)
		require.False(t, a.stamps.retries.pending(v.ID), "changed once Redis answers")
	})
}
