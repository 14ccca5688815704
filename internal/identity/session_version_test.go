package identity

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/audit"
	"memora/internal/clock"
	"memora/internal/store"
	"memora/internal/store/storetest"
)

// twoServers are two instances of Memora on one database, each with its own session cache.
func twoServers(t *testing.T, st store.Store) (a, b *Service, clk *clock.Fake) {
	t.Helper()
	clk = clock.NewFake(time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC))
	logger := slog.New(slog.DiscardHandler)
	server := func() *Service {
		return &Service{Store: st, Clock: clk, Audit: audit.Log{Store: st, Clock: clk, Logger: logger}, Logger: logger,
			SessionTTL: 24 * time.Hour, Accounts: NewFailureLimiter(5, time.Minute), Addresses: NewFailureLimiter(20, time.Minute)}
	}
	return server(), server(), clk
}

// twoServersWorld is what the two-server scenarios share: an institution, an admin of it,
// and a way to create users on server a.
type twoServersWorld struct {
	a, b    *Service
	admin   Caller
	newUser func(email string, roles ...string) store.User
	// authenticate is how a request authenticates a session token on a server
	// (AuthenticateSession unless a scenario sets another way).
	authenticate func(s *Service, token string) (Principal, error)
}

func newTwoServersWorld(t *testing.T, st store.Store, a, b *Service) twoServersWorld {
	t.Helper()
	ctx := context.Background()
	require.NoError(t, st.InstitutionUpsert(ctx, store.Institution{ID: "inst", Name: "School", TimeZone: "UTC"}))
	return twoServersWorld{a: a, b: b,
		authenticate: func(s *Service, token string) (Principal, error) { return s.AuthenticateSession(ctx, token) },
		admin:        Caller{Principal: Principal{UserID: -1, InstitutionID: "inst", Roles: []string{store.RoleInstitutionAdmin}}},
		newUser: func(email string, roles ...string) store.User {
			u, err := a.CreateUser(ctx, NewUser{InstitutionID: "inst", Email: email, FullName: "T", Password: "correct horse 1", Roles: roles})
			require.NoError(t, err)
			return u
		}}
}

// endSessionsAtOnce is the scenario: a password change, a role removal, a disabled account
// and a logout made on server a end (or change) that user's sessions at once on server b,
// which has them cached. loggedIn logs a user in on a and leaves the session cached on b.
func endSessionsAtOnce(t *testing.T, w twoServersWorld, loggedIn func(email string) string) {
	t.Helper()
	ctx := context.Background()
	a, b := w.a, w.b
	u := w.newUser("pw@example.org", store.RoleStudent)
	token := loggedIn(u.Email)
	require.NoError(t, a.SetPassword(ctx, u.ID, "another horse 2"))
	for _, s := range []*Service{a, b} {
		_, err := w.authenticate(s, token)
		require.ErrorIs(t, err, ErrNotLoggedIn, "after a password change")
	}

	teacher := w.newUser("teacher@example.org", store.RoleTeacher, store.RoleStudent)
	token = loggedIn(teacher.Email)
	_, err := a.SetUserRole(ctx, w.admin, teacher.ID, store.RoleTeacher, false)
	require.NoError(t, err)
	who, err := w.authenticate(b, token)
	require.NoError(t, err, "a role removal keeps the session")
	require.Equal(t, []string{store.RoleStudent}, who.Roles, "without the removed role, at once")
	_, err = w.authenticate(b, token) // served again as it now is
	require.NoError(t, err)
	require.NoError(t, a.SetRole(ctx, "cli", teacher, store.RoleStudent, false))
	who, err = w.authenticate(b, token)
	require.NoError(t, err)
	require.Empty(t, who.Roles)

	off := w.newUser("off@example.org", store.RoleStudent)
	token = loggedIn(off.Email)
	_, err = a.SetUserEnabled(ctx, w.admin, off.ID, false)
	require.NoError(t, err)
	_, err = w.authenticate(b, token)
	require.ErrorIs(t, err, ErrNotLoggedIn, "after the account is disabled")

	out := w.newUser("out@example.org", store.RoleStudent)
	token = loggedIn(out.Email)
	who, err = w.authenticate(a, token)
	require.NoError(t, err)
	require.NoError(t, a.Logout(ctx, token, who, "10.0.0.1"))
	_, err = w.authenticate(b, token)
	require.ErrorIs(t, err, ErrNotLoggedIn, "after a logout on the other server")
}

// Issue 13.7: a password change, a role removal, a disabled account and a logout made on one
// server end (or change) that user's sessions at once on every other server, although the
// other server has them in its session cache (no waiting for the cache's TTL).
func TestPasswordChangeRoleRemovalDisableAndLogoutEndSessionsAtOnceOnEveryServer(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st store.Store) {
		ctx := context.Background()
		a, b, _ := twoServers(t, st)
		w := newTwoServersWorld(t, st, a, b)
		// Both servers have the session cached.
		endSessionsAtOnce(t, w, func(email string) string {
			res, err := a.Login(ctx, email, "correct horse 1", "10.0.0.1")
			require.NoError(t, err)
			_, err = b.AuthenticateSession(ctx, res.Token)
			require.NoError(t, err)
			return res.Token
		})
	})
}
