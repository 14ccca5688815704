package web

import (
	"crypto/rand"
	"math"
	"net/http"
	"strings"

	"memora/internal/importer"
	"memora/internal/shop"
)

// deskItems is the store items screen: the items students can ask for, with what each opens,
// activate/deactivate and delete, and a form for a new item whose bundle is a set of subjects.
type deskItems struct {
	Items []deskItem
	deskNames
	Form  itemForm
	Done  string
	Error string
}

type deskItem struct {
	shop.ItemAdminView
	Price, Discounted string
}

type itemForm struct {
	Name, NameEn, Description, Season, Price, Discounted, Image string
	Subjects                                                    []string
}

// Has reports whether the form's bundle lists subject.
func (f itemForm) Has(subject string) bool {
	for _, s := range f.Subjects {
		if s == subject {
			return true
		}
	}
	return false
}

func (d *desk) items(rw http.ResponseWriter, r *http.Request) {
	d.itemsPage(rw, r, http.StatusOK, deskItems{Done: d.flash(r, "item_saved", "item_deleted")})
}

func (d *desk) itemsPage(rw http.ResponseWriter, r *http.Request, status int, page deskItems) {
	ctx, c, l := r.Context(), callerOf(r), d.localizer(r)
	list, err := d.Shop.AdminItems(ctx, c)
	if err != nil {
		d.fail(rw, r, "items", err)
		return
	}
	pay, err := d.Shop.Payment(ctx, c.Principal) // prices are in the currency of the caller's institution
	if err != nil {
		d.fail(rw, r, "items", err)
		return
	}
	for _, it := range list {
		di := deskItem{ItemAdminView: it, Price: moneyIn(l, it.PriceCents, pay.Currency)}
		if it.DiscountedPriceCents != nil {
			di.Discounted = moneyIn(l, *it.DiscountedPriceCents, pay.Currency)
		}
		page.Items = append(page.Items, di)
	}
	if page.deskNames, err = d.names(r); err != nil {
		d.fail(rw, r, "items", err)
		return
	}
	d.show(rw, r, status, "items", "desk.items.title", "desk_items", page)
}

// cents reads a price typed as units, in either digit set ("20", "19.5", "١٩٫٥", "19,50": see
// decimalNumber); ok is false for anything else.
func cents(s string) (int64, bool) {
	f, ok := decimalNumber(s)
	if !ok || f > 1e9 {
		return 0, false
	}
	return int64(math.Round(f * 100)), true
}

func (d *desk) itemCreate(rw http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		d.fail(rw, r, "items", err)
		return
	}
	l := d.localizer(r)
	v := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	f := itemForm{Name: v("name"), NameEn: v("name_en"), Description: v("description"), Season: v("season"),
		Price: v("price"), Discounted: v("discounted"), Image: v("image"), Subjects: r.PostForm["subject"]}
	refuse := func(msg string, status int) { d.itemsPage(rw, r, status, deskItems{Form: f, Error: msg}) }
	price, ok := cents(f.Price)
	if !ok {
		refuse(l.T("desk.items.bad_price"), http.StatusBadRequest)
		return
	}
	in := importer.SalesItem{ID: "item-" + strings.ToLower(rand.Text()[:10]), Name: f.Name, NameEn: f.NameEn, Description: f.Description, Season: f.Season, PriceCents: price,
		Image: f.Image, Bundle: []importer.BundleEntry{}}
	if f.Discounted != "" {
		dc, ok := cents(f.Discounted)
		if !ok {
			refuse(l.T("desk.items.bad_price"), http.StatusBadRequest)
			return
		}
		in.DiscountedPriceCents = &dc
	}
	for _, s := range f.Subjects {
		in.Bundle = append(in.Bundle, importer.BundleEntry{Type: "subject", Subject: s})
	}
	if _, err := d.Shop.SaveItem(r.Context(), callerOf(r), in); err != nil {
		msg, status, ok := d.problemMessage(r, err)
		if !ok {
			d.serverError(rw, r, err)
			return
		}
		refuse(msg, status)
		return
	}
	http.Redirect(rw, r, "/app/items?done=item_saved", http.StatusSeeOther)
}

// itemChange activates, deactivates or deletes an item.
func (d *desk) itemChange(rw http.ResponseWriter, r *http.Request) {
	ctx, c, id := r.Context(), callerOf(r), r.PathValue("id")
	var err error
	done := "item_saved"
	switch op := r.PathValue("op"); op {
	case "activate", "deactivate":
		var list []shop.ItemAdminView
		if list, err = d.Shop.AdminItems(ctx, c); err != nil {
			break
		}
		found := false
		for _, it := range list {
			if it.ID != id {
				continue
			}
			found = true
			active := op == "activate"
			in := importer.SalesItem{ID: it.ID, Name: it.Name, NameEn: it.NameEn, Description: it.Description, TargetStreams: it.TargetStreams,
				PriceCents: it.PriceCents, DiscountedPriceCents: it.DiscountedPriceCents, Image: it.Image, SKU: it.SKU,
				IsActive: &active, Bundle: it.Bundle}
			in.Institution = derefOr(it.Institution)
			in.Season = derefOr(it.Season)
			in.TargetGrade = derefOr(it.TargetGrade)
			_, err = d.Shop.SaveItem(ctx, c, in)
		}
		if !found && err == nil {
			d.notFoundPage(rw, r)
			return
		}
	case "delete":
		if !confirmed(r, id) {
			err = d.notConfirmed(r)
			break
		}
		err, done = d.Shop.DeleteItem(ctx, c, id), "item_deleted"
	default:
		d.notFoundPage(rw, r)
		return
	}
	if err != nil {
		msg, status, ok := d.problemMessage(r, err)
		if !ok {
			d.serverError(rw, r, err)
			return
		}
		d.itemsPage(rw, r, status, deskItems{Error: msg})
		return
	}
	http.Redirect(rw, r, "/app/items?done="+done+"#item-"+id, http.StatusSeeOther)
}

func derefOr(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
