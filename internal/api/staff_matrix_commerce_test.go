package api_test

import (
	"context"

	"memora/internal/store"
)

// The matrix cases of store administration.
func init() {
	addCases(map[string]matrixCase{
		"store.get_admin_items": {global: true, params: none},
		"store.save_item": {params: func(f *fixture, inst string) map[string]any {
			id := f.item(inst)
			return map[string]any{"doc": map[string]any{"id": id, "institution": inst, "name": "Renamed", "season": f.season(),
				"price_cents": 900, "bundle": []any{map[string]any{"type": "subject", "subject": f.tree(inst).Subject}}}}
		}},
		"store.delete_item": {params: func(f *fixture, inst string) map[string]any {
			return map[string]any{"item": f.item(inst)}
		}},
		"store.get_subscriptions": {params: func(_ *fixture, inst string) map[string]any {
			return map[string]any{"institution": inst}
		}},
		"store.revoke_subscription": {params: func(f *fixture, inst string) map[string]any {
			return map[string]any{"subscription_id": f.subscription(inst)}
		}},
	})
}

// item makes a store item of inst.
func (f *fixture) item(inst string) string {
	id := "m-item-" + f.next()
	must(f.t, f.env.Store.SalesItemUpsert(context.Background(), store.SalesItem{ID: id, InstitutionID: &inst, Name: "Item",
		PriceCents: 100, IsActive: true, CreatedAt: f.env.Clock.Now()}))
	return id
}

// subscription makes an active global subscription of a student of inst.
func (f *fixture) subscription(inst string) int64 {
	id, err := f.env.Store.SubscriptionInsert(context.Background(), store.Subscription{UserID: f.user(inst).ID, SeasonID: f.season(),
		Type: store.SubscriptionGlobal, Status: store.SubscriptionActive, Access: []store.AccessRow{{Type: "global"}},
		CreatedAt: f.env.Clock.Now()})
	must(f.t, err)
	return id
}
