package web

import (
	"net/http"
	"net/url"
	"strconv"

	"memora/internal/shop"
	"memora/internal/store"
)

// deskSubscriptions lists the institution's subscriptions with their access, newest first;
// an active one can be revoked (suspended), which closes what it opened at once.
type deskSubscriptions struct {
	Status   string
	Statuses []string
	Subs     []shop.SubscriptionAdminView
	deskNames
	Done  string
	Error string
}

var subscriptionStatuses = []string{"", store.SubscriptionActive, store.SubscriptionSuspended, store.SubscriptionExpired}

func (d *desk) subscriptions(rw http.ResponseWriter, r *http.Request) {
	d.subscriptionsPage(rw, r, http.StatusOK, deskSubscriptions{Status: r.URL.Query().Get("status"), Done: d.flash(r, "revoked")})
}

func (d *desk) subscriptionsPage(rw http.ResponseWriter, r *http.Request, status int, page deskSubscriptions) {
	var err error
	page.Statuses = subscriptionStatuses
	if page.Subs, err = d.Shop.Subscriptions(r.Context(), callerOf(r), shop.SubscriptionQuery{Status: page.Status, Limit: 500}); err != nil {
		d.fail(rw, r, "subscriptions", err)
		return
	}
	if page.deskNames, err = d.names(r); err != nil {
		d.fail(rw, r, "subscriptions", err)
		return
	}
	d.show(rw, r, status, "subscriptions", "desk.subs.title", "desk_subscriptions", page)
}

func (d *desk) subscriptionRevoke(rw http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		d.notFoundPage(rw, r)
		return
	}
	if !confirmed(r, r.PathValue("id")) {
		err = d.notConfirmed(r)
	} else {
		err = d.Shop.RevokeSubscription(r.Context(), callerOf(r), id)
	}
	if err != nil {
		msg, status, ok := d.problemMessage(r, err)
		if !ok {
			d.serverError(rw, r, err)
			return
		}
		d.subscriptionsPage(rw, r, status, deskSubscriptions{Error: msg})
		return
	}
	http.Redirect(rw, r, "/app/subscriptions?done=revoked&status="+url.QueryEscape(r.PostFormValue("status")), http.StatusSeeOther)
}
