package storetest

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"memora/internal/store"
)

func TestSalesItemsAreListedWholeAndDeletedUntilPurchased(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		w := seed(t, s, "")
		item := store.SalesItem{ID: "it-b", InstitutionID: ptr(w.Inst), Name: "Maths", SeasonID: ptr(w.Season), PriceCents: 500,
			TargetStreams: []string{w.Stream}, IsActive: false, CreatedAt: t0,
			Bundle: []store.BundleRow{{Type: "subject", SubjectID: ptr(w.Subject)}, {Type: "track", TrackID: ptr(w.Track)}}}
		require.NoError(t, s.SalesItemUpsert(ctx, item))
		require.NoError(t, s.SalesItemUpsert(ctx, store.SalesItem{ID: "it-a", Name: "Shared", PriceCents: 100, IsActive: true, CreatedAt: t0}))
		all, err := s.SalesItemListAll(ctx)
		require.NoError(t, err)
		require.Equal(t, []string{"it-a", "it-b"}, ids(all, func(x store.SalesItem) string { return x.ID }), "inactive ones too")
		require.Equal(t, item.TargetStreams, all[1].TargetStreams)
		require.Equal(t, item.Bundle, all[1].Bundle)
		require.Nil(t, all[0].InstitutionID)

		_, _, err = s.PurchaseRequestInsert(ctx, store.PurchaseRequest{UserID: w.User.ID, ItemID: "it-b", Status: store.PurchasePending,
			PriceCents: 500, CreatedAt: t0})
		require.NoError(t, err)
		require.ErrorIs(t, s.SalesItemDelete(ctx, "it-b"), store.ErrConflict, "requested: kept")
		require.NoError(t, s.SalesItemDelete(ctx, "it-a"))
		require.ErrorIs(t, s.SalesItemDelete(ctx, "it-a"), store.ErrNotFound)
	})
}

func TestSubscriptionsAreListedByInstitutionAndRevoked(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		w := seed(t, s, "")
		other := seed(t, s, "-other")
		first, err := s.SubscriptionInsert(ctx, store.Subscription{UserID: w.User.ID, SeasonID: w.Season, Type: store.SubscriptionSpecific,
			Status: store.SubscriptionActive, Access: []store.AccessRow{{Type: "subject", SubjectID: ptr(w.Subject)}}, CreatedAt: t0})
		require.NoError(t, err)
		second, err := s.SubscriptionInsert(ctx, store.Subscription{UserID: w.User.ID, SeasonID: w.Season, Type: store.SubscriptionGlobal,
			Status: store.SubscriptionActive, Access: []store.AccessRow{{Type: "global"}}, CreatedAt: t0})
		require.NoError(t, err)
		_, err = s.SubscriptionInsert(ctx, store.Subscription{UserID: other.User.ID, SeasonID: other.Season, Type: store.SubscriptionGlobal,
			Status: store.SubscriptionActive, Access: []store.AccessRow{{Type: "global"}}, CreatedAt: t0})
		require.NoError(t, err)

		list, err := s.SubscriptionListByInstitution(ctx, store.SubscriptionListParams{InstitutionID: w.Inst, Limit: 10})
		require.NoError(t, err)
		require.Len(t, list, 2, "own institution only")
		require.Equal(t, []int64{second, first}, []int64{list[0].ID, list[1].ID}, "newest first")
		require.Equal(t, w.User.Email, list[0].UserEmail)
		require.Equal(t, []store.AccessRow{{Type: "subject", SubjectID: ptr(w.Subject)}}, list[1].Access)

		owner, err := s.SubscriptionOwner(ctx, first)
		require.NoError(t, err)
		require.Equal(t, store.SubscriptionOwner{InstitutionID: w.Inst, UserID: w.User.ID, Status: store.SubscriptionActive}, owner)
		require.NoError(t, s.SubscriptionSetStatus(ctx, first, store.SubscriptionSuspended))
		active, err := s.SubscriptionListByInstitution(ctx, store.SubscriptionListParams{InstitutionID: w.Inst,
			Status: store.SubscriptionActive, Limit: 10})
		require.NoError(t, err)
		require.Len(t, active, 1)
		require.ErrorIs(t, s.SubscriptionSetStatus(ctx, 99999, store.SubscriptionSuspended), store.ErrNotFound)
		_, err = s.SubscriptionOwner(ctx, 99999)
		require.ErrorIs(t, err, store.ErrNotFound)
	})
}
