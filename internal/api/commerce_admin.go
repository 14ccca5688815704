package api

import (
	"net/http"
	"strings"

	"memora/internal/httpx"
	"memora/internal/identity"
	"memora/internal/problem"
	"memora/internal/shop"
)

const msgStoreStaff = "You don't have permission to manage the store. This action requires the Institution Admin role."

// Store administration (shop.Service): items and subscriptions; purchase requests are in
// purchases.go.
func (a *API) registerCommerceAdmin(rt *httpx.Router) {
	acc := adminStaff.refusing(msgStoreStaff)
	a.readAs(rt, "store", "get_admin_items", "Store items of the institution, active or not, and the shared ones (Institution Admin)", acc,
		func(r *http.Request, _ httpx.Params, who identity.Principal) (any, error) {
			return a.Shop.AdminItems(r.Context(), caller(r, who))
		})
	a.mutationAs(rt, "store", "save_item", "Create or replace a store item (doc in the import format; Institution Admin)", acc,
		saveDoc(a.Shop.SaveItem))
	a.mutationAs(rt, "store", "delete_item", "Delete a store item nobody asked to buy (Institution Admin)", acc,
		func(r *http.Request, p httpx.Params, who identity.Principal) (any, error) {
			id, err := requiredParam(p, "item")
			if err != nil {
				return nil, err
			}
			return done, a.Shop.DeleteItem(r.Context(), caller(r, who), id)
		})
	a.readAs(rt, "store", "get_subscriptions", "Subscriptions of the institution's players, newest first (Institution Admin)", acc,
		func(r *http.Request, p httpx.Params, who identity.Principal) (any, error) {
			limit, err := p.Int("limit", 100)
			if err != nil {
				return nil, err
			}
			return a.Shop.Subscriptions(r.Context(), caller(r, who), shop.SubscriptionQuery{
				Institution: strings.TrimSpace(p.String("institution")), Status: strings.TrimSpace(p.String("status")), Limit: limit})
		})
	a.mutationAs(rt, "store", "revoke_subscription", "Suspend an active subscription: its access ends at once (Institution Admin)", acc,
		func(r *http.Request, p httpx.Params, who identity.Principal) (any, error) {
			id, err := p.Int("subscription_id", 0)
			if err != nil {
				return nil, err
			}
			if id <= 0 {
				return nil, problem.Invalidf(msgRequired, "name", "subscription_id")
			}
			return done, a.Shop.RevokeSubscription(r.Context(), caller(r, who), int64(id))
		})
}
