package shop

import (
	"context"
	"fmt"
	"slices"

	"memora/internal/identity"
	"memora/internal/store"
)

// Item is a sales item as the store lists it. Prices are in the currency's units (cents
// too); a discounted price of 0 is a real price: free. Currency is the ISO 4217 code of the
// prices, set by the player's institution ("" when it set none).
type Item struct {
	Name                 string        `json:"name"`
	ItemName             string        `json:"item_name"`
	ItemNameEN           string        `json:"item_name_en"`
	Description          string        `json:"description"`
	Price                float64       `json:"price"`
	DiscountedPrice      *float64      `json:"discounted_price"`
	PriceCents           int64         `json:"price_cents"`
	DiscountedPriceCents *int64        `json:"discounted_price_cents"`
	Image                string        `json:"image"`
	SKU                  string        `json:"sku"`
	TargetGrade          *string       `json:"target_grade"`
	TargetStreams        []string      `json:"target_streams"`
	Season               *string       `json:"season"`
	Bundle               []BundleEntry `json:"bundle"`
	Currency             string        `json:"currency"`
}

// BundleEntry is one thing an item grants.
type BundleEntry struct {
	Type    string  `json:"type"`
	Subject *string `json:"subject"`
	Track   *string `json:"track"`
}

// owned is what the player's subscriptions valid today open.
type owned struct {
	global   bool
	subjects []string
	tracks   []string
}

func (o owned) covers(it store.SalesItem) bool {
	for _, b := range it.Bundle {
		if b.Type == store.AccessSubject && b.SubjectID != nil && slices.Contains(o.subjects, *b.SubjectID) ||
			b.Type == store.AccessTrack && b.TrackID != nil && slices.Contains(o.tracks, *b.TrackID) {
			return true
		}
	}
	return false
}

func (s *Service) owned(ctx context.Context, who identity.Principal) (owned, error) {
	grants, err := s.Store.AccessGrantsActive(ctx, who.UserID, who.Today(s.Clock.Now()))
	if err != nil {
		return owned{}, fmt.Errorf("shop: %w", err)
	}
	var o owned
	for _, g := range grants {
		switch {
		case g.Type == store.AccessGlobal:
			o.global = true
		case g.Type == store.AccessSubject && g.SubjectID != nil:
			o.subjects = append(o.subjects, *g.SubjectID)
		case g.Type == store.AccessTrack && g.TrackID != nil:
			o.tracks = append(o.tracks, *g.TrackID)
		}
	}
	return o, nil
}

// fits reports whether the item targets the profile's grade and stream (no target grade or
// streams: everyone).
func fits(it store.SalesItem, p store.PlayerProfile) bool {
	if it.TargetGradeID != nil && (p.GradeID == nil || *it.TargetGradeID != *p.GradeID) {
		return false
	}
	return len(it.TargetStreams) == 0 || p.StreamID != nil && slices.Contains(it.TargetStreams, *p.StreamID)
}

// Items answers get_store_items: the active items of the player's season offered to their
// institution, without those they already own (any bundle row opened by a subscription
// valid today), have a pending request for, or whose grade or streams do not match. A
// Global Access subscription leaves nothing to buy.
func (s *Service) Items(ctx context.Context, who identity.Principal) ([]Item, error) {
	prof, ok, err := profile(ctx, s.Store, who.UserID)
	if err != nil || !ok || prof.SeasonID == nil {
		return []Item{}, err
	}
	own, err := s.owned(ctx, who)
	if err != nil || own.global {
		return []Item{}, err
	}
	pending, err := s.Store.PurchasePendingItems(ctx, who.UserID)
	if err != nil {
		return nil, fmt.Errorf("store items: %w", err)
	}
	items, err := s.Store.ShopItems(ctx, store.ShopItemsParams{InstitutionID: who.InstitutionID, SeasonID: *prof.SeasonID})
	if err != nil {
		return nil, fmt.Errorf("store items: %w", err)
	}
	out := []Item{}
	for _, it := range items {
		if !slices.Contains(pending, it.ID) && !own.covers(it) && fits(it, prof) {
			out = append(out, listItem(it))
		}
	}
	if len(out) == 0 {
		return out, nil
	}
	pay, err := payment(ctx, s.Store, who.InstitutionID)
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].Currency = pay.Currency
	}
	return out, nil
}

func listItem(it store.SalesItem) Item {
	out := Item{Name: it.ID, ItemName: it.Name, ItemNameEN: it.NameEN, Description: it.Description,
		Price: units(it.PriceCents), PriceCents: it.PriceCents, DiscountedPriceCents: it.DiscountedPriceCents,
		Image: it.Image, SKU: it.SKU, TargetGrade: it.TargetGradeID, TargetStreams: it.TargetStreams,
		Season: it.SeasonID, Bundle: make([]BundleEntry, len(it.Bundle))}
	if out.TargetStreams == nil {
		out.TargetStreams = []string{}
	}
	if it.DiscountedPriceCents != nil {
		d := units(*it.DiscountedPriceCents)
		out.DiscountedPrice = &d
	}
	for i, b := range it.Bundle {
		out.Bundle[i] = BundleEntry{Type: b.Type, Subject: b.SubjectID, Track: b.TrackID}
	}
	return out
}

func units(cents int64) float64 { return float64(cents) / 100 }

// price is what a request records: the discounted price when set (0 included), else the
// price.
func price(it store.SalesItem) int64 {
	if it.DiscountedPriceCents != nil {
		return *it.DiscountedPriceCents
	}
	return it.PriceCents
}
