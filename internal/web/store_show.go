package web

import (
	"net/http"
	"net/url"
	"strconv"

	"memora/internal/i18n"
	"memora/internal/shop"
	"memora/internal/store"
)

// storeData is what the student may buy and what they asked for.
type storeData struct {
	Items    []storeItem
	Requests []storeRequest
	// Sent names the item whose request was just sent (a notice at the top).
	Sent string
	// Failed is the item whose request failed, with the reason shown on its card.
	Failed, Error string
	// PendingFirst puts the requests above the items while one waits for a decision.
	PendingFirst bool
	// Pay is how to pay the institution; nil when it gave no instructions.
	Pay *payNote
}

// storeItem is an item as its card shows it.
type storeItem struct {
	shop.Item
	Price, OldPrice string // OldPrice is "" without a discount
	Off             string // the discount, "24% off"; "" when none or free
	// Free is an item that costs nothing (now): no transfer to make, so no reference to give.
	Free    bool
	Unlocks []string
	Error   string
}

// storeRequest is one of the student's purchase requests.
type storeRequest struct {
	shop.MyRequest
	Price string
}

func (w *App) storeShow(rw http.ResponseWriter, r *http.Request) {
	l := w.localizer(r)
	d := storeData{}
	if id := r.URL.Query().Get("sent"); id != "" {
		d.Sent = id
	}
	w.storePage(rw, r, l, http.StatusOK, d)
}

// storeRequest asks for an item, then shows the store again: after a sent (or already pending)
// request through a redirect, so reloading does not post again; after a refusal in place, with
// the reason on the item's card.
func (w *App) storeRequest(rw http.ResponseWriter, r *http.Request) {
	l := w.localizer(r)
	itemID, txn := r.PostFormValue("item"), r.PostFormValue("transaction_id")
	_, err := w.Shop.Request(r.Context(), *userFrom(r), itemID, txn)
	if err != nil {
		msg, status := l.explain(err)
		if msg == "" {
			w.serverError(rw, r, err)
			return
		}
		w.storePage(rw, r, l, status, storeData{Failed: itemID, Error: msg})
		return
	}
	http.Redirect(rw, r, "/store?sent="+url.QueryEscape(itemID), http.StatusSeeOther)
}

func (w *App) storePage(rw http.ResponseWriter, r *http.Request, l Localizer, status int, d storeData) {
	ctx, who := r.Context(), *userFrom(r)
	items, err := w.Shop.Items(ctx, who)
	if err != nil {
		w.serverError(rw, r, err)
		return
	}
	mine, err := w.Shop.MyRequests(ctx, who)
	if err != nil {
		w.serverError(rw, r, err)
		return
	}
	pay, err := w.Shop.Payment(ctx, who)
	if err != nil {
		w.serverError(rw, r, err)
		return
	}
	d.Pay = storePayNote(l, pay)
	names, err := w.unlockNames(r, items)
	if err != nil {
		w.serverError(rw, r, err)
		return
	}
	for _, it := range items {
		d.Items = append(d.Items, storeCard(l, it, pay.Currency, names, d))
	}
	known := false
	for _, m := range mine {
		price := moneyIn(l, m.PriceCents, pay.Currency)
		if m.PriceCents == 0 {
			price = l.T("store.free")
		}
		d.Requests = append(d.Requests, storeRequest{MyRequest: m, Price: price})
		d.PendingFirst = d.PendingFirst || m.Status == store.PurchasePending
		if m.ItemID == d.Sent {
			d.Sent, known = l.Pick(m.ItemName, m.ItemNameEN), true
		}
	}
	if !known {
		d.Sent = ""
	}
	if d.Failed != "" && d.Error != "" && !listed(d.Items, d.Failed) {
		d.Failed = "" // the item is not on the page: the reason goes at the top
	}
	w.render(rw, r, status, "store", view{L: l, Title: l.T("nav.store"), Nav: "store", Data: d})
}

func listed(items []storeItem, id string) bool {
	for _, it := range items {
		if it.Name == id {
			return true
		}
	}
	return false
}

func storeCard(l Localizer, it shop.Item, currency string, names map[string]string, d storeData) storeItem {
	c := storeItem{Item: it, Price: moneyIn(l, it.PriceCents, currency)}
	if it.DiscountedPriceCents != nil && *it.DiscountedPriceCents < it.PriceCents {
		c.OldPrice, c.Price = c.Price, moneyIn(l, *it.DiscountedPriceCents, currency)
		if *it.DiscountedPriceCents == 0 {
			c.Price, c.Free = l.T("store.free"), true
		} else {
			off := float64(it.PriceCents-*it.DiscountedPriceCents) / float64(it.PriceCents)
			c.Off = l.T("store.off", "pct", l.Pct(off))
		}
	}
	if it.PriceCents == 0 {
		c.Price, c.Free = l.T("store.free"), true
	}
	for _, b := range it.Bundle {
		switch {
		case b.Type == store.AccessSubject && b.Subject != nil:
			c.Unlocks = append(c.Unlocks, l.T("store.unlocks_subject", "name", nameOr(names, "s:"+*b.Subject, *b.Subject)))
		case b.Type == store.AccessTrack && b.Track != nil:
			c.Unlocks = append(c.Unlocks, l.T("store.unlocks_track", "name", nameOr(names, "t:"+*b.Track, *b.Track)))
		case b.Type == store.AccessGlobal:
			c.Unlocks = append(c.Unlocks, l.T("store.unlocks_all"))
		}
	}
	if d.Failed == it.Name {
		c.Error = d.Error
	}
	return c
}

func nameOr(names map[string]string, key, id string) string {
	if n, ok := names[key]; ok {
		return n
	}
	return id
}

// unlockNames names the subjects ("s:ID") and tracks ("t:ID") of the plan in the page's
// language, for what the items unlock. Tracks are read only when an item unlocks one.
func (w *App) unlockNames(r *http.Request, items []shop.Item) (map[string]string, error) {
	l := w.localizer(r)
	names := map[string]string{}
	if len(items) == 0 {
		return names, nil
	}
	subjects, err := w.planSubjects(r)
	if err != nil {
		return nil, err
	}
	tracks := false
	for _, it := range items {
		for _, b := range it.Bundle {
			tracks = tracks || b.Track != nil
		}
	}
	for _, s := range subjects {
		names["s:"+s.ID] = l.Pick(s.Title, s.TitleEN)
		if !tracks {
			continue
		}
		ts, err := w.Catalog.GameTracks(r.Context(), *userFrom(r), s.ID)
		if err != nil {
			return nil, err
		}
		for _, t := range ts {
			names["t:"+t.Name] = l.Pick(t.TrackName, t.TrackNameEN)
		}
	}
	return names, nil
}

// money formats a price in cents in the page's digits: whole amounts without decimals ("19",
// "١٩"), others with two ("9.50", "٩٫٥٠"), without a currency.
func money(l Localizer, cents int64) string {
	if cents%100 == 0 {
		return i18n.Number(l.Lang, cents/100)
	}
	return i18n.Digits(l.Lang, strconv.FormatFloat(float64(cents)/100, 'f', 2, 64))
}

// moneyIn is money with the currency's unit after it, on the same line ("9 JOD", "٩ د.أ");
// as money when the institution set no currency.
func moneyIn(l Localizer, cents int64, currency string) string {
	return i18n.Money(l.Lang, money(l, cents), currency)
}
