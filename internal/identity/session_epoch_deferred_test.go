package identity

import (
	"context"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/require"

	"memora/internal/store"
	"memora/internal/store/storetest"
)

// deferredEpochs are memEpochs whose read rides in the request's own Redis round trip: it
// reads the shared epoch when confirm calls it, after the handler ran, as the review
// schedule's pipeline does.
type deferredEpochs struct{ *memEpochs }

func (e deferredEpochs) Defer(ctx context.Context, userID int64) (context.Context, func(context.Context) (int64, error)) {
	return ctx, func(ctx context.Context) (int64, error) { return e.Epoch(ctx, userID) }
}

// deferredRequests authenticate as get_review_session does (api.readJoined): the deferred
// check, and AuthenticateSession when it does not apply or does not confirm. handler runs
// between the two halves of the deferred check; fast counts the answers it confirmed.
type deferredRequests struct {
	fast    atomic.Int64
	handler func()
}

func (d *deferredRequests) authenticate(s *Service, token string) (Principal, error) {
	ctx := context.Background()
	who, _, confirm := s.AuthenticateSessionDeferred(ctx, token)
	if confirm != nil {
		if d.handler != nil {
			d.handler()
		}
		if confirm() {
			d.fast.Add(1)
			return who, nil
		}
	}
	return s.AuthenticateSession(ctx, token)
}

// With the epoch read in the handler's own Redis round trip, a cached session is served
// without the database or a Redis read of its own while nothing changes, and a password
// change, a role removal, a disabled account, a logout and an erasure on one server still end
// (or change) the user's sessions at once on the other, also when the change is made while
// the request's handler runs; a failed read voids every stamp, as a failed epoch read does.
func TestDeferredEpochReadsSpareARoundTripAndStillEndSessionsAtOnceOnEveryServer(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st store.Store) {
		ctx := context.Background()
		counted, a, b, _, epochs, w := memEpochServers(t, st)
		a.Epochs, b.Epochs = deferredEpochs{epochs}, deferredEpochs{epochs}
		reqs := &deferredRequests{}
		w.authenticate = reqs.authenticate
		// Cached on b and confirmed there once (the first requests take the plain path).
		loggedIn := func(email string) string {
			res, err := a.Login(ctx, email, "correct horse 1", "10.0.0.1")
			require.NoError(t, err)
			for range 2 {
				_, err = reqs.authenticate(b, res.Token)
				require.NoError(t, err)
			}
			before, fast := counted.n.Load(), reqs.fast.Load()
			for range 3 {
				_, err = reqs.authenticate(b, res.Token)
				require.NoError(t, err)
			}
			require.Equal(t, before, counted.n.Load(), "served from the cache without the database")
			require.Equal(t, fast+3, reqs.fast.Load(), "confirmed by the deferred read")
			return res.Token
		}
		endSessionsAtOnce(t, w, loggedIn)

		// A change made while the handler runs is seen by the read after it.
		during := w.newUser("during@example.org", store.RoleStudent)
		token := loggedIn(during.Email)
		reqs.handler = func() { require.NoError(t, a.SetPassword(ctx, during.ID, "another horse 2")) }
		_, err := reqs.authenticate(b, token)
		require.ErrorIs(t, err, ErrNotLoggedIn, "a password changed while the handler ran")
		reqs.handler = nil

		teacher := w.newUser("during-teacher@example.org", store.RoleTeacher, store.RoleStudent)
		token = loggedIn(teacher.Email)
		reqs.handler = func() {
			_, err := a.SetUserRole(ctx, w.admin, teacher.ID, store.RoleTeacher, false)
			require.NoError(t, err)
		}
		who, err := reqs.authenticate(b, token)
		require.NoError(t, err)
		require.Equal(t, []string{store.RoleStudent}, who.Roles, "a role removed while the handler ran")
		reqs.handler = nil

		// A failed read refuses the fast answer and voids the stamps: the database answers
		// until the session is confirmed again.
		kept := w.newUser("kept@example.org", store.RoleStudent)
		token = loggedIn(kept.Email)
		before := counted.n.Load()
		reqs.handler = func() { epochs.down.Store(true) }
		_, err = reqs.authenticate(b, token)
		require.NoError(t, err)
		require.Equal(t, before+1, counted.n.Load(), "the database answers when the read fails")
		reqs.handler = nil
		epochs.down.Store(false)
		fast := reqs.fast.Load()
		_, err = reqs.authenticate(b, token)
		require.NoError(t, err)
		require.Equal(t, before+2, counted.n.Load(), "confirmed again after the failed read")
		require.Equal(t, fast, reqs.fast.Load())
		_, err = reqs.authenticate(b, token)
		require.NoError(t, err)
		require.Equal(t, before+2, counted.n.Load())
		require.Equal(t, fast+1, reqs.fast.Load())
	})
}

// A write the handler holds under the deferred check (Hold) is made when confirm returns
// true, never before, and is dropped when the caller is not confirmed (the request is then
// served again and writes in that run); outside the deferred check it is made at once.
func TestHeldWritesWaitForTheDeferredConfirm(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st store.Store) {
		ctx := context.Background()
		_, a, b, _, epochs, w := memEpochServers(t, st)
		a.Epochs, b.Epochs = deferredEpochs{epochs}, deferredEpochs{epochs}
		reqs := &deferredRequests{}
		u := w.newUser("held@example.org", store.RoleStudent)
		res, err := a.Login(ctx, u.Email, "correct horse 1", "10.0.0.1")
		require.NoError(t, err)
		for range 2 { // cached and confirmed on b
			_, err = reqs.authenticate(b, res.Token)
			require.NoError(t, err)
		}

		var wrote atomic.Int64
		write := func(context.Context) { wrote.Add(1) }
		_, hctx, confirm := b.AuthenticateSessionDeferred(ctx, res.Token)
		require.NotNil(t, confirm, "the deferred check applies")
		Hold(hctx, write)
		require.Zero(t, wrote.Load(), "held until the caller is confirmed")
		require.True(t, confirm())
		require.Equal(t, int64(1), wrote.Load(), "made once confirmed")

		_, hctx, confirm = b.AuthenticateSessionDeferred(ctx, res.Token)
		require.NotNil(t, confirm)
		Hold(hctx, write)
		require.NoError(t, a.SetPassword(ctx, u.ID, "another horse 2"))
		require.False(t, confirm(), "the password changed while the handler ran")
		require.Equal(t, int64(1), wrote.Load(), "dropped for a caller who is not confirmed")

		Hold(ctx, write)
		require.Equal(t, int64(2), wrote.Load(), "made at once outside the deferred check")
	})
}
