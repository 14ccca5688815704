package api

import (
	"net/http"

	"memora/internal/httpx"
	"memora/internal/identity"
)

func (a *API) registerStore(rt *httpx.Router) {
	a.read(rt, "store", "get_store_items", "Items the caller can buy in their season",
		func(r *http.Request, _ httpx.Params, who identity.Principal) (any, error) {
			return a.Shop.Items(r.Context(), who)
		})
	a.mutation(rt, "store", "request_purchase", "Ask for an item (manual payment, approved by an admin)",
		func(r *http.Request, p httpx.Params, who identity.Principal) (any, error) {
			return a.Shop.Request(r.Context(), who, p.String("item_id"), p.String("transaction_id"))
		})
}
