package identity

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/store"
	"memora/internal/store/storetest"
)

// current is userID's epoch now (0: none).
func (e *memEpochs) current(userID int64) int64 {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.m[userID]
}

// waitEpochRetries waits until s's background epoch retries have ended (each change made,
// given up, or the service stopped). The minute is a guard against a hang, not a measure.
func waitEpochRetries(t *testing.T, s *Service) {
	t.Helper()
	done := make(chan struct{})
	go func() { s.stamps.retries.wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(time.Minute):
		t.Fatal("the background retries of the epoch changes did not end")
	}
}

// cachedAndStamped authenticates token on s until its session is served without the
// database (loaded, confirmed and stamped), and checks that it is.
func cachedAndStamped(t *testing.T, s *Service, counted *versionReads, token string) Principal {
	t.Helper()
	ctx := context.Background()
	var who Principal
	var err error
	for range 2 {
		who, err = s.AuthenticateSession(ctx, token)
		require.NoError(t, err)
	}
	before := counted.n.Load()
	for range 2 {
		_, err = s.AuthenticateSession(ctx, token)
		require.NoError(t, err)
	}
	require.Equal(t, before, counted.n.Load(), "served from the cache without the database")
	return who
}

// When the epoch cannot be changed after a logout (Redis refuses writes and deletes, reads
// work), the logout still succeeds and the change is retried in the background; meanwhile
// the server that ended the session trusts no stamp of the user (each request reads the
// database), and once the change is made the other server refuses the session at once.
func TestAnEpochChangeThatFailsIsRetriedInTheBackground(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st store.Store) {
		ctx := context.Background()
		counted, a, b, _, epochs, w := memEpochServers(t, st)
		u := w.newUser("out@example.org", store.RoleStudent)
		out, err := a.Login(ctx, u.Email, "correct horse 1", "10.0.0.1")
		require.NoError(t, err)
		kept, err := a.Login(ctx, u.Email, "correct horse 1", "10.0.0.2")
		require.NoError(t, err)
		who := cachedAndStamped(t, b, counted, out.Token)
		cachedAndStamped(t, a, counted, kept.Token)
		epoch := epochs.current(u.ID)

		epochs.readOnly.Store(true)
		require.NoError(t, a.Logout(ctx, out.Token, who, "10.0.0.1"), "the logout is committed: it does not fail")
		require.Equal(t, epoch, epochs.current(u.ID), "not changed yet")
		require.True(t, a.stamps.retries.pending(u.ID))
		// What no server can close while b reads the old epoch: b still serves its stamp.
		_, err = b.AuthenticateSession(ctx, out.Token)
		require.NoError(t, err)
		// a trusts no stamp of the user until the change is made: the database answers.
		before := counted.n.Load()
		for range 2 {
			_, err = a.AuthenticateSession(ctx, kept.Token)
			require.NoError(t, err)
		}
		require.Equal(t, before+2, counted.n.Load(), "a reads the database while the epoch is unchanged")

		epochs.readOnly.Store(false) // Redis takes writes again
		waitEpochRetries(t, a)
		require.False(t, a.stamps.retries.pending(u.ID))
		require.NotEqual(t, epoch, epochs.current(u.ID), "changed in the background")
		_, err = b.AuthenticateSession(ctx, out.Token)
		require.ErrorIs(t, err, ErrNotLoggedIn, "refused on the other server once the change is made")
		cachedAndStamped(t, a, counted, kept.Token) // a's stamps are trusted again
	})
}

// The background retries end: a change is given up once no stamp from before it can be left
// (epochRetryWindow on the service's clock), and stopping the service makes one last try,
// waits for the goroutine, and starts none afterwards (the user's stamps stay untrusted).
func TestEpochRetriesEndAtTheirWindowAndWhenTheServiceStops(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st store.Store) {
		ctx := context.Background()
		counted, a, _, clk, epochs, w := memEpochServers(t, st)

		// Given up at its window: this server trusts the user's stamps again.
		u := w.newUser("window@example.org", store.RoleStudent)
		res, err := a.Login(ctx, u.Email, "correct horse 1", "10.0.0.1")
		require.NoError(t, err)
		cachedAndStamped(t, a, counted, res.Token)
		epoch := epochs.current(u.ID)
		epochs.readOnly.Store(true)
		_, err = a.SetUserRole(ctx, w.admin, u.ID, store.RoleTeacher, true)
		require.NoError(t, err)
		require.True(t, a.stamps.retries.pending(u.ID))
		clk.Advance(epochRetryWindow)
		waitEpochRetries(t, a)
		require.False(t, a.stamps.retries.pending(u.ID), "given up")
		require.Equal(t, epoch, epochs.current(u.ID))
		who := cachedAndStamped(t, a, counted, res.Token)
		require.ElementsMatch(t, []string{store.RoleStudent, store.RoleTeacher}, who.Roles, "the granted role, served from the stamp")

		// Stopped: one last try (Redis takes writes again by then), and no goroutine after.
		v := w.newUser("stop@example.org", store.RoleStudent)
		epoch = epochs.current(v.ID)
		require.NoError(t, a.SetPassword(ctx, v.ID, "another horse 2"))
		require.True(t, a.stamps.retries.pending(v.ID))
		epochs.readOnly.Store(false)
		a.StopEpochRetries()
		require.False(t, a.stamps.retries.pending(v.ID), "made by the last round")
		require.NotEqual(t, epoch, epochs.current(v.ID))

		epochs.readOnly.Store(true)
		require.NoError(t, a.SetPassword(ctx, v.ID, "third horse 3"))
		require.True(t, a.stamps.retries.pending(v.ID), "still not trusted on this server")
		a.stamps.retries.mu.Lock()
		running := a.stamps.retries.running
		a.stamps.retries.mu.Unlock()
		require.False(t, running, "no retries start once the service stopped")
		a.StopEpochRetries() // again: returns
	})
}
