package storetest

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/store"
)

func TestShopItems(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		w := seed(t, s, "")
		other := seed(t, s, "-o")
		require.NoError(t, s.SeasonUpsert(ctx, season("s2027")))
		item := func(id string, inst *string, season string, price int64, active bool) store.SalesItem {
			return store.SalesItem{ID: id, InstitutionID: inst, Name: id, SeasonID: &season, PriceCents: price,
				IsActive: active, CreatedAt: t0, Bundle: []store.BundleRow{{Type: store.AccessSubject, SubjectID: &w.Subject}}}
		}
		rich := item("rich", &w.Inst, w.Season, 3000, true)
		rich.TargetGradeID, rich.TargetStreams = &w.Grade, []string{w.Stream}
		rich.DiscountedPriceCents = ptr(int64(0))
		rich.Bundle = append(rich.Bundle, store.BundleRow{Type: store.AccessTrack, TrackID: &w.Track})
		for _, it := range []store.SalesItem{
			rich, item("shared", nil, w.Season, 1000, true), item("inactive", nil, w.Season, 10, false),
			item("elsewhere", &other.Inst, w.Season, 10, true), item("next-year", nil, "s2027", 10, true),
		} {
			require.NoError(t, s.SalesItemUpsert(ctx, it))
		}

		items, err := s.ShopItems(ctx, store.ShopItemsParams{InstitutionID: w.Inst, SeasonID: w.Season})
		require.NoError(t, err)
		require.Len(t, items, 2, "active items of the season offered to the institution")
		require.Equal(t, "shared", items[0].ID, "cheapest first")
		got := items[1]
		got.CreatedAt = t0
		require.Equal(t, rich, got, "with streams and bundle")

		one, err := s.ShopItemGet(ctx, "rich")
		require.NoError(t, err)
		one.CreatedAt = t0
		require.Equal(t, rich, one)
		_, err = s.ShopItemGet(ctx, "nope")
		require.ErrorIs(t, err, store.ErrNotFound)
	})
}

func TestPurchaseRequests(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		w := seed(t, s, "")
		other := seed(t, s, "-o")
		for _, id := range []string{"p1", "p2"} {
			require.NoError(t, s.SalesItemUpsert(ctx, store.SalesItem{ID: id, Name: "Item " + id, SeasonID: &w.Season,
				PriceCents: 500, IsActive: true, CreatedAt: t0}))
		}
		req := store.PurchaseRequest{UserID: w.User.ID, ItemID: "p1", PriceCents: 400, TransactionID: "TX-1", CreatedAt: t0}

		// Concurrent requests for the same item: exactly one row.
		var wg sync.WaitGroup
		ids, errs := make(chan int64, 8), make(chan error, 8)
		for range 8 {
			wg.Go(func() {
				id, inserted, err := s.PurchaseRequestInsert(ctx, req)
				errs <- err
				if inserted {
					ids <- id
				}
			})
		}
		wg.Wait()
		close(ids)
		close(errs)
		for err := range errs {
			require.NoError(t, err)
		}
		require.Len(t, ids, 1)
		first := <-ids
		_, _, err := s.PurchaseRequestInsert(ctx, store.PurchaseRequest{UserID: other.User.ID, ItemID: "p1", CreatedAt: t0.Add(time.Second)})
		require.NoError(t, err)
		p2, _, err := s.PurchaseRequestInsert(ctx, store.PurchaseRequest{UserID: w.User.ID, ItemID: "p2", CreatedAt: t0.Add(2 * time.Second)})
		require.NoError(t, err)

		pending, err := s.PurchasePendingItems(ctx, w.User.ID)
		require.NoError(t, err)
		require.Equal(t, []string{"p1", "p2"}, pending)

		got, err := s.PurchaseRequestGet(ctx, first)
		require.NoError(t, err)
		require.Equal(t, store.PurchaseRequestView{
			PurchaseRequest: store.PurchaseRequest{ID: first, UserID: w.User.ID, ItemID: "p1", Status: store.PurchasePending,
				PriceCents: 400, TransactionID: "TX-1", CreatedAt: t0},
			InstitutionID: w.Inst, UserEmail: "student@example.org", UserFullName: "Student", ItemName: "Item p1"}, got)

		list, err := s.PurchaseRequestList(ctx, store.PurchaseListParams{InstitutionID: w.Inst, Status: store.PurchasePending, Limit: 10})
		require.NoError(t, err)
		require.Len(t, list, 2, "only the institution's requests")
		require.Equal(t, []int64{first, p2}, []int64{list[0].ID, list[1].ID}, "oldest first")

		// Deciding moves a request once.
		admin := other.User.ID
		d := store.PurchaseDecision{RequestID: first, Status: store.PurchaseApproved, DecidedBy: admin, At: t0.Add(time.Hour)}
		ok, err := s.PurchaseRequestDecide(ctx, d)
		require.NoError(t, err)
		require.True(t, ok)
		d.Status = store.PurchaseRejected
		ok, err = s.PurchaseRequestDecide(ctx, d)
		require.NoError(t, err)
		require.False(t, ok, "no longer pending")
		got, err = s.PurchaseRequestGet(ctx, first)
		require.NoError(t, err)
		require.Equal(t, store.PurchaseApproved, got.Status)
		require.Equal(t, t0.Add(time.Hour), *got.DecidedAt)
		require.Equal(t, admin, *got.DecidedBy)

		// Once decided, a new pending request for the item is allowed.
		_, inserted, err := s.PurchaseRequestInsert(ctx, req)
		require.NoError(t, err)
		require.True(t, inserted)

		// One subscription per request.
		sub := store.Subscription{UserID: w.User.ID, SeasonID: w.Season, Type: store.SubscriptionSpecific,
			Status: store.SubscriptionActive, PurchaseRequestID: &first, CreatedAt: t0,
			Access: []store.AccessRow{{Type: store.AccessSubject, SubjectID: &w.Subject}}}
		subID, err := s.SubscriptionInsert(ctx, sub)
		require.NoError(t, err)
		_, err = s.SubscriptionInsert(ctx, sub)
		require.ErrorIs(t, err, store.ErrConflict)
		byReq, err := s.SubscriptionByPurchase(ctx, first)
		require.NoError(t, err)
		sub.ID = subID
		require.Equal(t, sub, byReq)
		_, err = s.SubscriptionByPurchase(ctx, p2)
		require.ErrorIs(t, err, store.ErrNotFound)
	})
}
