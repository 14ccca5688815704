package jobs

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/clock"
	"memora/internal/identity"
	"memora/internal/store"
	"memora/internal/store/storetest"
)

// The hourly sweep deletes expired login sessions and keeps live ones.
func TestSessionSweep(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s store.Store) {
		ctx := context.Background()
		now := time.Date(2026, 11, 25, 7, 0, 0, 0, time.UTC)
		require.NoError(t, s.InstitutionUpsert(ctx, store.Institution{ID: "x", Name: "x", TimeZone: "UTC"}))
		u, err := s.UserUpsert(ctx, store.UserUpsertParams{InstitutionID: "x", Email: "u@x.test", Enabled: true, CreatedAt: now})
		require.NoError(t, err)
		for i, expires := range []time.Time{now.Add(-time.Minute), now.Add(time.Hour)} {
			require.NoError(t, s.AuthSessionInsert(ctx, store.AuthSession{TokenHash: []byte{byte(i)}, UserID: u.ID,
				CreatedAt: now.Add(-time.Hour), ExpiresAt: expires, LastSeenAt: now.Add(-time.Hour)}))
		}
		w := &sessionSweepWorker{sessions: &identity.Service{Store: s, Clock: clock.NewFake(now)}}
		require.NoError(t, w.Work(ctx, nil))
		_, err = s.AuthSessionGet(ctx, []byte{0})
		require.ErrorIs(t, err, store.ErrNotFound, "expired session swept")
		_, err = s.AuthSessionGet(ctx, []byte{1})
		require.NoError(t, err, "live session kept")
	})
}
