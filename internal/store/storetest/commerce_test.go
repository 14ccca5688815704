package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/store"
)

func TestSalesItems(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		w := seed(t, s, "")
		require.NoError(t, s.StreamUpsert(ctx, store.Stream{ID: "lit", Title: "Literary"}))

		it := store.SalesItem{
			ID: "pack", InstitutionID: &w.Inst, Name: "حزمة", NameEN: "Pack", Description: "d", SeasonID: &w.Season,
			TargetGradeID: &w.Grade, TargetStreams: []string{w.Stream, "lit"}, PriceCents: 2000,
			DiscountedPriceCents: ptr(int64(1500)), Image: "p.png", SKU: "SKU-1", IsActive: true,
			Bundle: []store.BundleRow{
				{Type: store.AccessSubject, SubjectID: &w.Subject},
				{Type: store.AccessTrack, SubjectID: &w.Subject, TrackID: &w.Track},
			},
			CreatedAt: t0,
		}
		require.NoError(t, s.SalesItemUpsert(ctx, it))
		require.NoError(t, s.SalesItemUpsert(ctx, it), "upsert twice")
		require.EqualValues(t, 1, count(t, s, "SELECT count(*) FROM sales_items WHERE id = 'pack' AND price_cents = 2000 AND sku = 'SKU-1'"))
		require.EqualValues(t, 2, count(t, s, "SELECT count(*) FROM sales_item_streams WHERE item_id = 'pack'"))
		require.EqualValues(t, 2, count(t, s, "SELECT count(*) FROM sales_item_bundle WHERE item_id = 'pack'"))
		require.EqualValues(t, 1, count(t, s, "SELECT count(*) FROM sales_item_bundle WHERE item_id = 'pack' AND position = 1 AND type = 'track' AND track_id = 'math-main'"))

		// Upsert replaces streams and bundle.
		it.TargetStreams = []string{"lit"}
		it.Bundle = []store.BundleRow{{Type: store.AccessTrack, TrackID: &w.Track}}
		it.PriceCents = 2500
		require.NoError(t, s.SalesItemUpsert(ctx, it))
		require.EqualValues(t, 1, count(t, s, "SELECT count(*) FROM sales_items WHERE id = 'pack' AND price_cents = 2500"))
		require.EqualValues(t, 1, count(t, s, "SELECT count(*) FROM sales_item_streams WHERE item_id = 'pack' AND stream_id = 'lit'"))
		require.EqualValues(t, 1, count(t, s, "SELECT count(*) FROM sales_item_streams WHERE item_id = 'pack'"))
		require.EqualValues(t, 1, count(t, s, "SELECT count(*) FROM sales_item_bundle WHERE item_id = 'pack' AND position = 0 AND type = 'track'"))
		require.EqualValues(t, 1, count(t, s, "SELECT count(*) FROM sales_item_bundle WHERE item_id = 'pack'"))

		// A bad bundle row fails the whole upsert: price, streams and bundle stay as they were.
		bad := it
		bad.PriceCents = 1
		bad.TargetStreams = []string{w.Stream}
		bad.Bundle = []store.BundleRow{{Type: store.AccessSubject, SubjectID: ptr("nope")}}
		require.Error(t, s.SalesItemUpsert(ctx, bad))
		require.EqualValues(t, 1, count(t, s, "SELECT count(*) FROM sales_items WHERE id = 'pack' AND price_cents = 2500"))
		require.EqualValues(t, 1, count(t, s, "SELECT count(*) FROM sales_item_streams WHERE item_id = 'pack' AND stream_id = 'lit'"))
		require.EqualValues(t, 1, count(t, s, "SELECT count(*) FROM sales_item_bundle WHERE item_id = 'pack'"))

		// A repeated stream breaks the primary key of the stream rows.
		dup := it
		dup.TargetStreams = []string{"lit", "lit"}
		require.ErrorIs(t, s.SalesItemUpsert(ctx, dup), store.ErrConflict)

		// Nothing optional: a plain item.
		require.NoError(t, s.SalesItemUpsert(ctx, store.SalesItem{ID: "plain", Name: "Plain", CreatedAt: t0}))
		require.EqualValues(t, 0, count(t, s, "SELECT count(*) FROM sales_item_bundle WHERE item_id = 'plain'"))
	})
}

func TestSubscriptions(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		w := seed(t, s, "")
		other, err := s.UserUpsert(ctx, store.UserUpsertParams{InstitutionID: w.Inst, Email: "other@example.org", CreatedAt: t0})
		require.NoError(t, err)

		subs, err := s.SubscriptionsByUser(ctx, w.User.ID)
		require.NoError(t, err)
		require.Empty(t, subs)

		global := store.Subscription{
			UserID: w.User.ID, SeasonID: w.Season, Type: store.SubscriptionGlobal, Status: store.SubscriptionActive,
			Access: []store.AccessRow{{Type: store.AccessGlobal}}, CreatedAt: t0,
		}
		specific := store.Subscription{
			UserID: w.User.ID, SeasonID: w.Season, Type: store.SubscriptionSpecific, Status: store.SubscriptionSuspended,
			Access: []store.AccessRow{
				{Type: store.AccessSubject, SubjectID: &w.Subject},
				{Type: store.AccessTrack, SubjectID: &w.Subject, TrackID: &w.Track},
			},
			CreatedAt: t0.Add(time.Minute),
		}
		none := store.Subscription{UserID: w.User.ID, SeasonID: w.Season, Type: store.SubscriptionSpecific, Status: store.SubscriptionExpired, CreatedAt: t0}
		var ids []int64
		for _, sub := range []store.Subscription{global, specific, none} {
			id, err := s.SubscriptionInsert(ctx, sub)
			require.NoError(t, err)
			require.Positive(t, id)
			ids = append(ids, id)
		}
		_, err = s.SubscriptionInsert(ctx, store.Subscription{UserID: other.ID, SeasonID: w.Season, Type: store.SubscriptionGlobal,
			Status: store.SubscriptionActive, Access: []store.AccessRow{{Type: store.AccessGlobal}}, CreatedAt: t0})
		require.NoError(t, err)

		subs, err = s.SubscriptionsByUser(ctx, w.User.ID)
		require.NoError(t, err)
		require.Len(t, subs, 3)
		for i, want := range []store.Subscription{global, specific, none} {
			got := subs[i]
			require.Equal(t, ids[i], got.ID)
			require.Equal(t, want.UserID, got.UserID)
			require.Equal(t, want.SeasonID, got.SeasonID)
			require.Equal(t, want.Type, got.Type)
			require.Equal(t, want.Status, got.Status)
			require.Nil(t, got.PurchaseRequestID)
			require.Equal(t, want.CreatedAt, got.CreatedAt)
			if len(want.Access) == 0 {
				require.Empty(t, got.Access)
			} else {
				require.Equal(t, want.Access, got.Access)
			}
		}

		// A bad access row fails the whole insert: no subscription is left behind.
		_, err = s.SubscriptionInsert(ctx, store.Subscription{UserID: w.User.ID, SeasonID: w.Season, Type: store.SubscriptionSpecific,
			Status: store.SubscriptionActive, Access: []store.AccessRow{{Type: store.AccessSubject, SubjectID: &w.Subject}, {Type: "bogus"}}, CreatedAt: t0})
		require.Error(t, err)
		subs, err = s.SubscriptionsByUser(ctx, w.User.ID)
		require.NoError(t, err)
		require.Len(t, subs, 3)
		require.EqualValues(t, 4, count(t, s, "SELECT count(*) FROM subscription_access"), "two globals, a subject and a track")

		// An unknown season breaks a foreign key.
		_, err = s.SubscriptionInsert(ctx, store.Subscription{UserID: w.User.ID, SeasonID: "nope", Type: store.SubscriptionGlobal, Status: store.SubscriptionActive, CreatedAt: t0})
		require.Error(t, err)
	})
}
