package identity

import (
	"context"
	"crypto/sha256"
	"log/slog"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/clock"
	"memora/internal/store"
	"memora/internal/store/storetest"
)

// loadCounter counts the queries a session cache miss makes (session, user, roles).
type loadCounter struct {
	store.Store
	loads atomic.Int64
}

func (c *loadCounter) AuthSessionGet(ctx context.Context, hash []byte) (store.AuthSession, error) {
	c.loads.Add(1)
	return c.Store.AuthSessionGet(ctx, hash)
}

func (c *loadCounter) UserGet(ctx context.Context, id int64) (store.User, error) {
	c.loads.Add(1)
	return c.Store.UserGet(ctx, id)
}

func (c *loadCounter) UserRoles(ctx context.Context, id int64) ([]string, error) {
	c.loads.Add(1)
	return c.Store.UserRoles(ctx, id)
}

// After PrimeSessions the recently active students' first requests load nothing: not
// the session, the user or the roles (the version check of every hit remains); demo
// accounts are left out outside demo mode; the primed entries do not expire before half
// the cache's TTL, and are loaded again once it has passed.
func TestPrimedSessionsAreAuthenticatedWithoutLoading(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	base := storetest.Open(t, store.SQLite)
	now := time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC)
	require.NoError(t, base.InstitutionUpsert(ctx, store.Institution{ID: "inst", Name: "School", TimeZone: "UTC"}))
	var users []store.User
	for i, email := range []string{"a@x.test", "b@x.test", "demo@x.test"} {
		u, err := base.UserUpsert(ctx, store.UserUpsertParams{InstitutionID: "inst", Email: email, FullName: email, Enabled: true, CreatedAt: now})
		require.NoError(t, err)
		require.NoError(t, base.UserRoleAdd(ctx, u.ID, store.RoleStudent))
		for s := range 2 { // two sessions each
			hash := sha256.Sum256([]byte{byte(i), byte(s)})
			seen := now.Add(-time.Duration(i*2+s+1) * time.Minute)
			require.NoError(t, base.AuthSessionInsert(ctx, store.AuthSession{TokenHash: hash[:], UserID: u.ID, CreatedAt: seen,
				LastSeenAt: seen, ExpiresAt: seen.Add(24 * time.Hour)}))
		}
		users = append(users, u)
	}
	require.NoError(t, base.UserSetDemo(ctx, users[2].ID, true))

	st := &loadCounter{Store: base}
	clk := clock.NewFake(now)
	s := &Service{Store: st, Clock: clk, Logger: slog.New(slog.DiscardHandler), SessionTTL: 24 * time.Hour}
	who, err := s.PrimeSessions(ctx, now.Add(-time.Hour), 100)
	require.NoError(t, err)
	require.Len(t, who, 2, "one principal per user, the demo account left out")
	require.Equal(t, users[0].ID, who[0].UserID, "the latest seen first")
	require.Equal(t, []string{store.RoleStudent}, who[0].Roles)

	token := func(i, k int) string { return string([]byte{byte(i), byte(k)}) } // its hash was inserted
	clk.Advance(sessionCacheTTL/2 - time.Second)
	for i := range 2 {
		for k := range 2 {
			p, err := s.AuthenticateSession(ctx, token(i, k))
			require.NoError(t, err)
			require.Equal(t, users[i].ID, p.UserID)
		}
	}
	require.Zero(t, st.loads.Load(), "no session, user or roles loaded: all were primed")
	_, err = s.AuthenticateSession(ctx, token(2, 0))
	require.ErrorIs(t, err, ErrNotLoggedIn, "a demo account outside demo mode is not primed, nor let in")

	clk.Advance(sessionCacheTTL / 2)
	st.loads.Store(0)
	_, err = s.AuthenticateSession(ctx, token(0, 0))
	require.NoError(t, err)
	require.EqualValues(t, 3, st.loads.Load(), "past the TTL a primed session is loaded again")
}
