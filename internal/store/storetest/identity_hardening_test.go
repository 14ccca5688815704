package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/store"
)

// Issue 13.7/13.10/13.11: a user's session version (read through a session on each cache
// hit), the demo mark, and API keys that are listed, expire, record their use and are revoked.
func TestSessionVersionsDemoMarksAndAPIKeys(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		require.NoError(t, s.InstitutionUpsert(ctx, store.Institution{ID: "i", Name: "i", TimeZone: "UTC"}))
		u, err := s.UserUpsert(ctx, store.UserUpsertParams{InstitutionID: "i", Email: "u@example.org", Enabled: true, CreatedAt: t0})
		require.NoError(t, err)
		require.Zero(t, u.SessionVersion)
		require.False(t, u.Demo)

		hash := []byte("token-hash")
		require.NoError(t, s.AuthSessionInsert(ctx, store.AuthSession{TokenHash: hash, UserID: u.ID, CreatedAt: t0,
			ExpiresAt: t0.Add(time.Hour), LastSeenAt: t0}))
		v, err := s.AuthSessionVersion(ctx, hash)
		require.NoError(t, err)
		require.Zero(t, v)
		require.NoError(t, s.UserBumpSessionVersion(ctx, u.ID))
		require.NoError(t, s.UserBumpSessionVersion(ctx, u.ID))
		v, err = s.AuthSessionVersion(ctx, hash)
		require.NoError(t, err)
		require.EqualValues(t, 2, v)
		got, err := s.UserGet(ctx, u.ID)
		require.NoError(t, err)
		require.EqualValues(t, 2, got.SessionVersion)
		_, err = s.AuthSessionVersion(ctx, []byte("no such session"))
		require.ErrorIs(t, err, store.ErrNotFound)
		require.ErrorIs(t, s.UserBumpSessionVersion(ctx, 9999), store.ErrNotFound)

		require.NoError(t, s.UserSetDemo(ctx, u.ID, true))
		got, err = s.UserGetByEmail(ctx, "u@example.org")
		require.NoError(t, err)
		require.True(t, got.Demo)
		require.ErrorIs(t, s.UserSetDemo(ctx, 9999, true), store.ErrNotFound)

		expires := t0.Add(24 * time.Hour)
		require.NoError(t, s.APIKeyInsert(ctx, store.APIKey{Key: "k1", UserID: u.ID, SecretHash: []byte("h1"), Label: "ci", CreatedAt: t0, ExpiresAt: &expires}))
		require.NoError(t, s.APIKeyInsert(ctx, store.APIKey{Key: "k2", UserID: u.ID, SecretHash: []byte("h2"), CreatedAt: t0.Add(time.Second)}))
		require.NoError(t, s.APIKeyTouch(ctx, "k1", t0.Add(time.Minute)))
		keys, err := s.APIKeyList(ctx, u.ID)
		require.NoError(t, err)
		require.Len(t, keys, 2)
		require.Equal(t, "k1", keys[0].Key)
		require.Equal(t, "ci", keys[0].Label)
		sameTime(t, expires, *keys[0].ExpiresAt)
		sameTime(t, t0.Add(time.Minute), *keys[0].LastUsedAt)
		require.Nil(t, keys[1].ExpiresAt)
		require.Nil(t, keys[1].LastUsedAt)
		k, err := s.APIKeyGet(ctx, "k1")
		require.NoError(t, err)
		sameTime(t, expires, *k.ExpiresAt)

		require.ErrorIs(t, s.APIKeyDelete(ctx, u.ID+1, "k1"), store.ErrNotFound, "only the owner's key")
		require.NoError(t, s.APIKeyDelete(ctx, u.ID, "k1"))
		require.ErrorIs(t, s.APIKeyDelete(ctx, u.ID, "k1"), store.ErrNotFound)
		_, err = s.APIKeyGet(ctx, "k1")
		require.ErrorIs(t, err, store.ErrNotFound)
		keys, err = s.APIKeyList(ctx, u.ID)
		require.NoError(t, err)
		require.Len(t, keys, 1)
	})
}
