package storetest

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/store"
)

func TestAdminAlerts(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		first, err := s.AlertInsert(ctx, store.AdminAlert{Kind: "reconciliation", Message: "High discrepancy",
			Detail: json.RawMessage(`{"rate":0.02}`), CreatedAt: t0})
		require.NoError(t, err)
		second, err := s.AlertInsert(ctx, store.AdminAlert{InstitutionID: ptr("x"), Kind: "other", Message: "m2",
			CreatedAt: t0.Add(time.Minute)})
		require.NoError(t, err)

		got, err := s.AlertGet(ctx, first)
		require.NoError(t, err)
		require.Equal(t, "High discrepancy", got.Message)
		require.JSONEq(t, `{"rate":0.02}`, string(got.Detail))
		require.Nil(t, got.AcknowledgedAt)
		_, err = s.AlertGet(ctx, 999)
		require.ErrorIs(t, err, store.ErrNotFound)

		open, err := s.AlertList(ctx, store.AlertListParams{})
		require.NoError(t, err)
		require.Len(t, open, 2)
		require.Equal(t, second, open[0].ID, "newest first")

		require.NoError(t, s.AlertAcknowledge(ctx, first, t0.Add(time.Hour)))
		require.ErrorIs(t, s.AlertAcknowledge(ctx, first, t0.Add(2*time.Hour)), store.ErrNotFound, "already acknowledged")
		open, err = s.AlertList(ctx, store.AlertListParams{})
		require.NoError(t, err)
		require.Len(t, open, 1)
		all, err := s.AlertList(ctx, store.AlertListParams{IncludeAcknowledged: true, Limit: 1})
		require.NoError(t, err)
		require.Len(t, all, 1)
		all, err = s.AlertList(ctx, store.AlertListParams{IncludeAcknowledged: true})
		require.NoError(t, err)
		require.True(t, t0.Add(time.Hour).Equal(*all[1].AcknowledgedAt))
	})
}

func TestCacheRebuilds(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		a1, err := s.RebuildInsert(ctx, store.CacheRebuild{SeasonID: "A", Status: store.RebuildQueued, Total: 5, StartedAt: t0})
		require.NoError(t, err)
		a2, err := s.RebuildInsert(ctx, store.CacheRebuild{SeasonID: "A", Status: store.RebuildQueued, StartedAt: t0.Add(time.Hour)})
		require.NoError(t, err)
		_, err = s.RebuildInsert(ctx, store.CacheRebuild{SeasonID: "B", Status: store.RebuildQueued, StartedAt: t0})
		require.NoError(t, err)

		r, err := s.RebuildGet(ctx, a1)
		require.NoError(t, err)
		done := t0.Add(2 * time.Hour)
		r.Status, r.Processed, r.Users, r.LastKey, r.FinishedAt = store.RebuildCompleted, 5, 1, "7:q4", &done
		require.NoError(t, s.RebuildUpdate(ctx, r))
		back, err := s.RebuildGet(ctx, a1)
		require.NoError(t, err)
		require.Equal(t, r, back)
		require.ErrorIs(t, s.RebuildUpdate(ctx, store.CacheRebuild{ID: 999, Status: store.RebuildFailed}), store.ErrNotFound)

		latest, err := s.RebuildLatest(ctx)
		require.NoError(t, err)
		require.Len(t, latest, 2)
		require.Equal(t, a2, latest[0].ID)
		require.Equal(t, "B", latest[1].SeasonID)
	})
}

func TestUserEmailsWithRole(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		require.NoError(t, s.InstitutionUpsert(ctx, store.Institution{ID: "i", Name: "i", TimeZone: "UTC"}))
		for i, email := range []string{"b@x.test", "a@x.test", "c@x.test"} {
			u, err := s.UserUpsert(ctx, store.UserUpsertParams{InstitutionID: "i", Email: email, Enabled: i != 2, CreatedAt: t0})
			require.NoError(t, err)
			require.NoError(t, s.UserRoleAdd(ctx, u.ID, store.RoleSystemManager))
		}
		emails, err := s.UserEmailsWithRole(ctx, store.RoleSystemManager)
		require.NoError(t, err)
		require.Equal(t, []string{"a@x.test", "b@x.test"}, emails, "enabled users only, sorted")
		emails, err = s.UserEmailsWithRole(ctx, store.RoleTeacher)
		require.NoError(t, err)
		require.Empty(t, emails)
	})
}
