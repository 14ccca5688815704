package identity

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/require"

	"memora/internal/clock"
	"memora/internal/store"
	"memora/internal/store/storetest"
)

// memEpochs are SessionEpochs shared by the servers of a test (Redis in production).
type memEpochs struct {
	mu   sync.Mutex
	m    map[int64]int64
	next int64
	down atomic.Bool // Redis cannot be reached
	// readOnly refuses changes but answers reads: a Redis whose writes (and deletes) fail
	// while its reads work, as seen from the server that tries the change.
	readOnly atomic.Bool
	reads    atomic.Int64
}

// memEpochServers are two servers over st (with its session-version reads counted) sharing
// one in-memory epoch store, and their world; a's background epoch retries stop at cleanup.
func memEpochServers(t *testing.T, st store.Store) (counted *versionReads, a, b *Service, clk *clock.Fake,
	epochs *memEpochs, w twoServersWorld) {
	t.Helper()
	counted = &versionReads{Store: st}
	a, b, clk = twoServers(t, counted)
	t.Cleanup(a.StopEpochRetries)
	epochs = &memEpochs{m: map[int64]int64{}}
	a.Epochs, b.Epochs = epochs, epochs
	return counted, a, b, clk, epochs, newTwoServersWorld(t, st, a, b)
}

func (e *memEpochs) Epoch(_ context.Context, userID int64) (int64, error) {
	e.reads.Add(1)
	if e.down.Load() {
		return 0, errors.New("redis down")
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if _, ok := e.m[userID]; !ok {
		e.next++
		e.m[userID] = e.next
	}
	return e.m[userID], nil
}

func (e *memEpochs) Change(_ context.Context, userID int64) error {
	if e.down.Load() {
		return errors.New("redis down")
	}
	if e.readOnly.Load() {
		return errors.New("redis refuses writes")
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	e.next++
	e.m[userID] = e.next
	return nil
}

// versionReads counts the per-request database reads of a cached session.
type versionReads struct {
	store.Store
	n atomic.Int64
}

func (v *versionReads) AuthSessionVersion(ctx context.Context, tokenHash []byte) (int64, error) {
	v.n.Add(1)
	return v.Store.AuthSessionVersion(ctx, tokenHash)
}

// With session epochs shared by the servers, a cached session is confirmed against the
// database once and then served without it while nothing changes; a password change, a role
// removal, a disabled account, a logout and an erasure on one server still end (or change)
// the user's sessions at once on the other; while the epochs cannot be read, every request
// reads the database again.
func TestSessionEpochsSpareTheDatabaseAndStillEndSessionsAtOnceOnEveryServer(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st store.Store) {
		ctx := context.Background()
		counted, a, b, _, epochs, w := memEpochServers(t, st)
		// Cached on b and confirmed there once.
		loggedIn := func(email string) string {
			res, err := a.Login(ctx, email, "correct horse 1", "10.0.0.1")
			require.NoError(t, err)
			for range 2 {
				_, err = b.AuthenticateSession(ctx, res.Token)
				require.NoError(t, err)
			}
			before := counted.n.Load()
			for range 3 {
				_, err = b.AuthenticateSession(ctx, res.Token)
				require.NoError(t, err)
			}
			require.Equal(t, before, counted.n.Load(), "served from the cache without the database")
			return res.Token
		}
		endSessionsAtOnce(t, w, loggedIn)

		// An erasure (privacy) ends the sessions in its own transaction and then tells identity.
		gone := w.newUser("gone@example.org", store.RoleStudent)
		token := loggedIn(gone.Email)
		_, err := st.AuthSessionDeleteByUser(ctx, gone.ID)
		require.NoError(t, err)
		a.SessionsEnded(ctx, gone.ID)
		_, err = b.AuthenticateSession(ctx, token)
		require.ErrorIs(t, err, ErrNotLoggedIn, "after an erasure on the other server")

		// While the epochs cannot be read, every request reads the database; the stamps taken
		// before are void afterwards, so a session is confirmed again before it is spared.
		kept := w.newUser("kept@example.org", store.RoleStudent)
		token = loggedIn(kept.Email)
		epochs.down.Store(true)
		before := counted.n.Load()
		for range 2 {
			_, err = b.AuthenticateSession(ctx, token)
			require.NoError(t, err)
		}
		require.Equal(t, before+2, counted.n.Load(), "the database answers while Redis is down")
		epochs.down.Store(false)
		_, err = b.AuthenticateSession(ctx, token)
		require.NoError(t, err)
		require.Equal(t, before+3, counted.n.Load(), "confirmed again after Redis is back")
		_, err = b.AuthenticateSession(ctx, token)
		require.NoError(t, err)
		require.Equal(t, before+3, counted.n.Load())
	})
}
