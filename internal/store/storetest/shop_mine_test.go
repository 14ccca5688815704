package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/store"
)

func TestPurchaseRequestsOfUserListsOnlyTheirOwnNewestFirstWithEveryStatus(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		w := seed(t, s, "")
		other := seed(t, s, "-o")
		for _, id := range []string{"m1", "m2"} {
			require.NoError(t, s.SalesItemUpsert(ctx, store.SalesItem{ID: id, Name: "عنصر " + id, NameEN: "Item " + id,
				Image: "📘", SeasonID: &w.Season, PriceCents: 500, IsActive: true, CreatedAt: t0}))
		}
		first, _, err := s.PurchaseRequestInsert(ctx, store.PurchaseRequest{UserID: w.User.ID, ItemID: "m1", PriceCents: 400,
			TransactionID: "TX-1", CreatedAt: t0})
		require.NoError(t, err)
		_, _, err = s.PurchaseRequestInsert(ctx, store.PurchaseRequest{UserID: other.User.ID, ItemID: "m1", CreatedAt: t0.Add(time.Second)})
		require.NoError(t, err)
		second, _, err := s.PurchaseRequestInsert(ctx, store.PurchaseRequest{UserID: w.User.ID, ItemID: "m2", PriceCents: 500,
			CreatedAt: t0.Add(2 * time.Second)})
		require.NoError(t, err)
		ok, err := s.PurchaseRequestDecide(ctx, store.PurchaseDecision{RequestID: first, Status: store.PurchaseRejected,
			DecidedBy: other.User.ID, At: t0.Add(time.Hour)})
		require.NoError(t, err)
		require.True(t, ok)

		mine, err := s.PurchaseRequestsOfUser(ctx, w.User.ID, 10)
		require.NoError(t, err)
		require.Len(t, mine, 2, "not the other student's")
		require.Equal(t, store.MyPurchase{
			PurchaseRequest: store.PurchaseRequest{ID: second, UserID: w.User.ID, ItemID: "m2", Status: store.PurchasePending,
				PriceCents: 500, CreatedAt: t0.Add(2 * time.Second)},
			ItemName: "عنصر m2", ItemNameEN: "Item m2", ItemImage: "📘"}, mine[0], "newest first")
		require.Equal(t, first, mine[1].ID)
		require.Equal(t, store.PurchaseRejected, mine[1].Status)
		require.Equal(t, t0.Add(time.Hour), *mine[1].DecidedAt)

		limited, err := s.PurchaseRequestsOfUser(ctx, w.User.ID, 1)
		require.NoError(t, err)
		require.Len(t, limited, 1)
		none, err := s.PurchaseRequestsOfUser(ctx, 999999, 10)
		require.NoError(t, err)
		require.Empty(t, none)
	})
}
