package api_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"memora/internal/apitest"
	"memora/internal/shop"
	"memora/internal/store"
)

// An Institution Admin keeps the store: items in the import format (checked by its rules),
// deletion only of items nobody asked for, and subscriptions listed and revoked — a
// revoked subscription no longer opens its subject.
func TestAnInstitutionAdminKeepsTheStoreAndRevokesASubscription(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		admin, _ := env.LoginAs("admin@own.test", ownInst, store.RoleInstitutionAdmin)
		f := newFixture(t, env)
		m := func(fn string) string { return apitest.Method("store", fn) }
		season := f.season()
		x := f.tree(ownInst)

		var item shop.ItemAdminView
		r := admin.Post(m("save_item"), map[string]any{"doc": map[string]any{"id": "sci-pack", "name": "Science", "season": season,
			"price_cents": 1500, "discounted_price_cents": 1200, "bundle": []any{map[string]any{"type": "subject", "subject": x.Subject}}}})
		require.Equal(t, 200, r.Status, r.Body)
		r.Message(t, &item)
		require.Equal(t, ownInst, *item.Institution)
		require.True(t, item.IsActive)
		r = admin.Post(m("save_item"), map[string]any{"doc": map[string]any{"id": "bad", "name": "Bad", "season": season,
			"price_cents": 100, "discounted_price_cents": 200, "bundle": []any{}}})
		require.Equal(t, 400, r.Status, r.Body)
		require.Contains(t, r.Body, "discounted_price_cents")

		var items []shop.ItemAdminView
		admin.Get(m("get_admin_items"), nil).Message(t, &items)
		require.Len(t, items, 1)

		sub := f.subscription(ownInst)
		var subs []shop.SubscriptionAdminView
		admin.Get(m("get_subscriptions"), map[string]string{"status": "active"}).Message(t, &subs)
		require.Len(t, subs, 1)
		require.Equal(t, sub, subs[0].ID)
		require.Equal(t, 200, admin.Post(m("revoke_subscription"), map[string]any{"subscription_id": sub}).Status)
		require.Equal(t, 409, admin.Post(m("revoke_subscription"), map[string]any{"subscription_id": sub}).Status)
		grants, err := env.Store.AccessGrantsActive(context.Background(), subs[0].UserID, env.Clock.Now())
		require.NoError(t, err)
		require.Empty(t, grants, "revoked: opens nothing")

		buyer := f.user(ownInst)
		_, _, err = env.Store.PurchaseRequestInsert(context.Background(), store.PurchaseRequest{UserID: buyer.ID, ItemID: "sci-pack",
			Status: store.PurchasePending, PriceCents: 1200, CreatedAt: env.Clock.Now()})
		require.NoError(t, err)
		require.Equal(t, 409, admin.Post(m("delete_item"), map[string]any{"item": "sci-pack"}).Status)
		require.Equal(t, 200, admin.Post(m("delete_item"), map[string]any{"item": f.item(ownInst)}).Status)
	})
}
