package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"memora/internal/shop"
	"memora/internal/store"
)

// deskPurchases is the purchase approval queue: the institution's requests of one status; a
// System Manager's of every institution, with an institution column and filter.
type deskPurchases struct {
	Status   string
	Statuses []string
	Requests []deskRequest
	Done     string // the notice after a decision
	Error    string

	AllInstitutions bool     // the institution column and filter are shown
	Institution     string   // the filter ("": every institution)
	Institutions    []string // the filter's choices: the institutions with requests of the status
}

type deskRequest struct {
	shop.RequestView
	Price string
}

var purchaseStatuses = []string{store.PurchasePending, store.PurchaseApproved, store.PurchaseRejected}

func (d *desk) purchases(rw http.ResponseWriter, r *http.Request) {
	d.purchasesPage(rw, r, http.StatusOK, r.URL.Query().Get("status"), d.flash(r, "approved", "rejected"), "")
}

func (d *desk) purchasesPage(rw http.ResponseWriter, r *http.Request, status int, filter, done, failure string) {
	l := d.localizer(r)
	if filter == "" {
		filter = store.PurchasePending
	}
	who := *userFrom(r)
	page := deskPurchases{Status: filter, Statuses: purchaseStatuses, Done: done, Error: failure,
		AllInstitutions: who.HasRole(roleSystem)}
	if page.AllInstitutions {
		page.Institution = strings.TrimSpace(r.URL.Query().Get("institution"))
	}
	all, err := d.Shop.Requests(r.Context(), who, "", filter, shop.MaxListLimit)
	if err != nil {
		d.fail(rw, r, "purchases", err)
		return
	}
	reqs := all
	if page.AllInstitutions {
		for _, q := range all {
			if !slices.Contains(page.Institutions, q.Institution) {
				page.Institutions = append(page.Institutions, q.Institution)
			}
		}
		if page.Institution != "" && !slices.Contains(page.Institutions, page.Institution) {
			page.Institutions = append(page.Institutions, page.Institution)
		}
		slices.Sort(page.Institutions)
		if page.Institution != "" {
			if reqs, err = d.Shop.Requests(r.Context(), who, page.Institution, filter, shop.MaxListLimit); err != nil {
				d.fail(rw, r, "purchases", err)
				return
			}
		}
	}
	for _, q := range reqs {
		page.Requests = append(page.Requests, deskRequest{RequestView: q, Price: moneyIn(l, q.PriceCents, q.Currency)})
	}
	d.show(rw, r, status, "purchases", "desk.purchases.title", "desk_purchases", page)
}

// purchaseDecide approves or rejects a request (shop checks the role and the institution),
// then shows the queue again: through a redirect after a decision, in place after a refusal.
func (d *desk) purchaseDecide(rw http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	decision := r.PathValue("decision")
	if err != nil || (decision != "approve" && decision != "reject") {
		d.notFoundPage(rw, r)
		return
	}
	who := *userFrom(r)
	if decision == "approve" {
		_, err = d.Shop.Approve(r.Context(), who, id)
	} else {
		_, err = d.Shop.Reject(r.Context(), who, id)
	}
	if err != nil {
		msg, status, ok := d.problemMessage(r, err)
		if !ok {
			d.serverError(rw, r, err)
			return
		}
		d.purchasesPage(rw, r, status, store.PurchasePending, "", msg)
		return
	}
	done := map[string]string{"approve": "approved", "reject": "rejected"}[decision]
	http.Redirect(rw, r, "/app/purchases?done="+done, http.StatusSeeOther)
}
