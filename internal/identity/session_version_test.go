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

// Issue 13.7: a password change, a role removal, a disabled account and a logout made on one
// server end (or change) that user's sessions at once on every other server, although the
// other server has them in its session cache (no waiting for the cache's TTL).
func TestPasswordChangeRoleRemovalDisableAndLogoutEndSessionsAtOnceOnEveryServer(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st store.Store) {
		ctx := context.Background()
		a, b, _ := twoServers(t, st)
		require.NoError(t, st.InstitutionUpsert(ctx, store.Institution{ID: "inst", Name: "School", TimeZone: "UTC"}))
		admin := Caller{Principal: Principal{UserID: -1, InstitutionID: "inst", Roles: []string{store.RoleInstitutionAdmin}}}
		newUser := func(email string, roles ...string) store.User {
			u, err := a.CreateUser(ctx, NewUser{InstitutionID: "inst", Email: email, FullName: "T", Password: "correct horse 1", Roles: roles})
			require.NoError(t, err)
			return u
		}
		// Both servers have the session cached.
		loggedIn := func(email string) string {
			res, err := a.Login(ctx, email, "correct horse 1", "10.0.0.1")
			require.NoError(t, err)
			_, err = b.AuthenticateSession(ctx, res.Token)
			require.NoError(t, err)
			return res.Token
		}

		u := newUser("pw@example.org", store.RoleStudent)
		token := loggedIn(u.Email)
		require.NoError(t, a.SetPassword(ctx, u.ID, "another horse 2"))
		for _, s := range []*Service{a, b} {
			_, err := s.AuthenticateSession(ctx, token)
			require.ErrorIs(t, err, ErrNotLoggedIn, "after a password change")
		}

		teacher := newUser("teacher@example.org", store.RoleTeacher, store.RoleStudent)
		token = loggedIn(teacher.Email)
		_, err := a.SetUserRole(ctx, admin, teacher.ID, store.RoleTeacher, false)
		require.NoError(t, err)
		who, err := b.AuthenticateSession(ctx, token)
		require.NoError(t, err, "a role removal keeps the session")
		require.Equal(t, []string{store.RoleStudent}, who.Roles, "without the removed role, at once")
		require.NoError(t, a.SetRole(ctx, "cli", teacher, store.RoleStudent, false))
		who, err = b.AuthenticateSession(ctx, token)
		require.NoError(t, err)
		require.Empty(t, who.Roles)

		off := newUser("off@example.org", store.RoleStudent)
		token = loggedIn(off.Email)
		_, err = a.SetUserEnabled(ctx, admin, off.ID, false)
		require.NoError(t, err)
		_, err = b.AuthenticateSession(ctx, token)
		require.ErrorIs(t, err, ErrNotLoggedIn, "after the account is disabled")

		out := newUser("out@example.org", store.RoleStudent)
		token = loggedIn(out.Email)
		who, err = a.AuthenticateSession(ctx, token)
		require.NoError(t, err)
		require.NoError(t, a.Logout(ctx, token, who, "10.0.0.1"))
		_, err = b.AuthenticateSession(ctx, token)
		require.ErrorIs(t, err, ErrNotLoggedIn, "after a logout on the other server")
	})
}
