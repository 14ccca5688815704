package api

import (
	"net/http"
	"strings"

	"memora/internal/httpx"
	"memora/internal/identity"
	"memora/internal/problem"
	"memora/internal/shop"
)

func (a *API) registerPurchases(rt *httpx.Router) {
	a.readAs(rt, "store", "get_purchase_requests", "Purchase requests of the admin's institution (Institution Admin); a System Manager's of every institution or the one named",
		roles(InstitutionAdmin, SystemManager).refusing(msgPurchaseAdmin), func(r *http.Request, p httpx.Params, who identity.Principal) (any, error) {
			limit, err := p.Int("limit", shop.DefaultListLimit)
			if err != nil {
				return nil, err
			}
			return a.Shop.Requests(r.Context(), who, strings.TrimSpace(p.String("institution")), strings.TrimSpace(p.String("status")), limit)
		})
	a.mutationAs(rt, "store", "approve_purchase_request", "Approve a request: creates the subscription once (Institution Admin)",
		roles(InstitutionAdmin, SystemManager).refusing(msgPurchaseAdmin), func(r *http.Request, p httpx.Params, who identity.Principal) (any, error) {
			id, err := requestID(p)
			if err != nil {
				return nil, err
			}
			return a.Shop.Approve(r.Context(), who, id)
		})
	a.mutationAs(rt, "store", "reject_purchase_request", "Reject a request (Institution Admin)",
		roles(InstitutionAdmin, SystemManager).refusing(msgPurchaseAdmin), func(r *http.Request, p httpx.Params, who identity.Principal) (any, error) {
			id, err := requestID(p)
			if err != nil {
				return nil, err
			}
			return a.Shop.Reject(r.Context(), who, id)
		})
}

const msgPurchaseAdmin = "Only Institution Admins can manage purchase requests"

func requestID(p httpx.Params) (int64, error) {
	id, err := p.Int("request_id", 0)
	if err != nil {
		return 0, err
	}
	if id <= 0 {
		return 0, problem.InvalidMsg("request_id is required")
	}
	return int64(id), nil
}
