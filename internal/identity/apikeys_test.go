package identity

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/problem"
	"memora/internal/store"
	"memora/internal/store/storetest"
)

// Issue 13.10: API keys are listed (never with their secret, which is shown once), expire,
// record when they were last used, and are revoked at once; staff see and revoke only the
// keys of people they reach.
func TestAPIKeysAreListedExpireRecordTheirLastUseAndAreRevoked(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st store.Store) {
		ctx := context.Background()
		s, _, clk := twoServers(t, st)
		require.NoError(t, st.InstitutionUpsert(ctx, store.Institution{ID: "inst", Name: "School", TimeZone: "UTC"}))
		require.NoError(t, st.InstitutionUpsert(ctx, store.Institution{ID: "other", Name: "Other", TimeZone: "UTC"}))
		u, err := s.CreateUser(ctx, NewUser{InstitutionID: "inst", Email: "bot@example.org", Roles: []string{store.RoleTeacher}})
		require.NoError(t, err)
		start := clk.Now()

		forever, foreverSecret, err := s.CreateAPIKey(ctx, "cli", u, "ci", 0)
		require.NoError(t, err)
		clk.Advance(time.Second) // listed oldest first
		daily, dailySecret, err := s.CreateAPIKey(ctx, "cli", u, "export", 24*time.Hour)
		require.NoError(t, err)
		_, _, err = s.CreateAPIKey(ctx, "cli", u, "bad", -time.Hour)
		require.Error(t, err)

		keys, err := s.APIKeys(ctx, u.ID)
		require.NoError(t, err)
		require.Len(t, keys, 2)
		require.Equal(t, forever, keys[0].Key)
		require.Nil(t, keys[0].ExpiresAt)
		require.Nil(t, keys[0].LastUsedAt, "never used yet")
		require.True(t, start.Add(time.Second+24*time.Hour).Equal(*keys[1].ExpiresAt))

		clk.Advance(time.Hour)
		who, err := s.AuthenticateAPIKey(ctx, daily+":"+dailySecret)
		require.NoError(t, err)
		require.Equal(t, u.ID, who.UserID)
		keys, err = s.APIKeys(ctx, u.ID)
		require.NoError(t, err)
		require.True(t, clk.Now().Equal(*keys[1].LastUsedAt), "the use is recorded")
		_, err = s.AuthenticateAPIKey(ctx, daily+":wrong")
		require.ErrorIs(t, err, ErrInvalidCredentials)

		clk.Advance(24 * time.Hour)
		_, err = s.AuthenticateAPIKey(ctx, daily+":"+dailySecret)
		require.ErrorIs(t, err, ErrInvalidCredentials, "expired")
		keys, err = s.APIKeys(ctx, u.ID)
		require.NoError(t, err)
		require.True(t, keys[1].Expired)
		_, err = s.AuthenticateAPIKey(ctx, forever+":"+foreverSecret)
		require.NoError(t, err)

		// The desk: an admin of another institution does not reach the user.
		outsider := Caller{Principal: Principal{UserID: -2, InstitutionID: "other", Roles: []string{store.RoleInstitutionAdmin}}}
		_, err = s.StaffAPIKeys(ctx, outsider, u.ID)
		p, ok := problem.As(err)
		require.True(t, ok, "%v", err)
		require.Equal(t, problem.NotFound, p.Kind)
		require.Error(t, s.StaffRevokeAPIKey(ctx, outsider, u.ID, forever))
		admin := Caller{Principal: Principal{UserID: -1, InstitutionID: "inst", Email: "admin@example.org", Roles: []string{store.RoleInstitutionAdmin}}}
		listed, err := s.StaffAPIKeys(ctx, admin, u.ID)
		require.NoError(t, err)
		require.Len(t, listed, 2)
		require.NoError(t, s.StaffRevokeAPIKey(ctx, admin, u.ID, forever))
		_, err = s.AuthenticateAPIKey(ctx, forever+":"+foreverSecret)
		require.ErrorIs(t, err, ErrInvalidCredentials, "revoked at once")
		err = s.StaffRevokeAPIKey(ctx, admin, u.ID, forever)
		p, ok = problem.As(err)
		require.True(t, ok, "%v", err)
		require.Equal(t, problem.NotFound, p.Kind, "already revoked")
	})
}
