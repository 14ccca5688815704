package shop

import (
	"context"
	"errors"
	"fmt"
	"time"

	"memora/internal/identity"
	"memora/internal/importer"
	"memora/internal/problem"
	"memora/internal/store"
)

// Store items and subscriptions for Institution Admins: an institution's own items (shared
// items, without an institution, are System Managers'), and the subscriptions of its users.

// Audit actions of store administration.
const (
	ActionItemSaved           = "store.item_saved"
	ActionItemDeleted         = "store.item_deleted"
	ActionSubscriptionRevoked = "subscription.revoked"
)

const (
	msgItemNotFound    = "Store item not found"
	msgSharedItem      = "Shared store items can only be changed by a System Manager."
	msgItemRequested   = "This item has purchase requests: deactivate it (is_active false) instead of deleting it."
	msgSubNotFound     = "Subscription not found"
	msgInstNotFound    = "Institution not found"
	msgSubLimit        = "limit must be between 1 and 500"
	msgSubStatus       = "Invalid status '{status}': use active, suspended or expired"
	msgItemIDTaken     = "A store item with this id exists."
	msgSubNotRevocable = "Only an active subscription can be revoked."
)

// ItemAdminView is a store item as staff edit it (the import format's fields).
type ItemAdminView struct {
	ID                   string                 `json:"id"`
	Institution          *string                `json:"institution"`
	Name                 string                 `json:"name"`
	NameEn               string                 `json:"name_en"`
	Description          string                 `json:"description"`
	Season               *string                `json:"season"`
	TargetGrade          *string                `json:"target_grade"`
	TargetStreams        []string               `json:"target_streams"`
	PriceCents           int64                  `json:"price_cents"`
	DiscountedPriceCents *int64                 `json:"discounted_price_cents"`
	Image                string                 `json:"image"`
	SKU                  string                 `json:"sku"`
	IsActive             bool                   `json:"is_active"`
	Bundle               []importer.BundleEntry `json:"bundle"`
	Editable             bool                   `json:"editable"`
}

func itemAdminView(it store.SalesItem, c identity.Caller) ItemAdminView {
	v := ItemAdminView{ID: it.ID, Institution: it.InstitutionID, Name: it.Name, NameEn: it.NameEN, Description: it.Description,
		Season: it.SeasonID, TargetGrade: it.TargetGradeID, TargetStreams: it.TargetStreams, PriceCents: it.PriceCents,
		DiscountedPriceCents: it.DiscountedPriceCents, Image: it.Image, SKU: it.SKU, IsActive: it.IsActive,
		Bundle: []importer.BundleEntry{}, Editable: mayChangeItem(c, it) == nil}
	if v.TargetStreams == nil {
		v.TargetStreams = []string{}
	}
	for _, b := range it.Bundle {
		v.Bundle = append(v.Bundle, importer.BundleEntry{Type: b.Type, Subject: deref(b.SubjectID), Track: deref(b.TrackID)})
	}
	return v
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func opt(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func mayChangeItem(c identity.Caller, it store.SalesItem) error {
	switch {
	case c.IsSystemManager():
		return nil
	case it.InstitutionID == nil:
		return problem.ForbiddenMsg(msgSharedItem)
	case *it.InstitutionID != c.InstitutionID:
		return problem.NotFoundMsg(msgItemNotFound)
	}
	return nil
}

// AdminItems lists the items the caller manages: a System Manager every one; anyone else
// their institution's and the shared ones (not editable), active or not.
func (s *Service) AdminItems(ctx context.Context, c identity.Caller) ([]ItemAdminView, error) {
	all, err := s.Store.SalesItemListAll(ctx)
	if err != nil {
		return nil, fmt.Errorf("store items: %w", err)
	}
	out := []ItemAdminView{}
	for _, it := range all {
		if c.IsSystemManager() || it.InstitutionID == nil || *it.InstitutionID == c.InstitutionID {
			out = append(out, itemAdminView(it, c))
		}
	}
	return out, nil
}

// SaveItem creates or replaces a store item (an import file's sales item, its rules). It
// belongs to the caller's institution; a System Manager may name another, or none.
func (s *Service) SaveItem(ctx context.Context, c identity.Caller, in importer.SalesItem) (ItemAdminView, error) {
	if in.Institution == "" && !c.IsSystemManager() {
		in.Institution = c.InstitutionID
	}
	if in.Institution != "" && !c.Reaches(in.Institution) {
		return ItemAdminView{}, problem.NotFoundMsg(msgInstNotFound)
	}
	if err := importer.CheckEntries(ctx, s.Store, importer.File{SalesItems: []importer.SalesItem{in}}); err != nil {
		return ItemAdminView{}, err
	}
	row := store.SalesItem{ID: in.ID, InstitutionID: opt(in.Institution), Name: in.Name, NameEN: in.NameEn,
		Description: in.Description, SeasonID: opt(in.Season), TargetGradeID: opt(in.TargetGrade), TargetStreams: in.TargetStreams,
		PriceCents: in.PriceCents, DiscountedPriceCents: in.DiscountedPriceCents, Image: in.Image, SKU: in.SKU,
		IsActive: in.Active(), CreatedAt: s.Clock.Now()}
	for _, b := range in.Bundle {
		row.Bundle = append(row.Bundle, store.BundleRow{Type: b.Type, SubjectID: opt(b.Subject), TrackID: opt(b.Track)})
	}
	err := s.Store.InTx(ctx, func(tx store.Executor) error {
		old, err := tx.ShopItemGet(ctx, in.ID)
		switch {
		case err == nil:
			if err := mayChangeItem(c, old); err != nil {
				return err
			}
			if in.Institution == "" { // a System Manager who names none keeps the owner
				row.InstitutionID = old.InstitutionID
			}
			row.CreatedAt = old.CreatedAt
		case !errors.Is(err, store.ErrNotFound):
			return err
		}
		if err := tx.SalesItemUpsert(ctx, row); err != nil {
			return err
		}
		return s.Audit.Record(ctx, tx, c.Entry(ActionItemSaved, "sales_item:"+in.ID, map[string]any{"price_cents": in.PriceCents}))
	})
	if err != nil {
		if _, ok := problem.As(err); ok {
			return ItemAdminView{}, err
		}
		if errors.Is(err, store.ErrConflict) {
			return ItemAdminView{}, problem.ConflictMsg(msgItemIDTaken)
		}
		return ItemAdminView{}, fmt.Errorf("save store item: %w", err)
	}
	return itemAdminView(row, c), nil
}

// DeleteItem deletes an item nobody asked to buy (others are deactivated instead: 409).
func (s *Service) DeleteItem(ctx context.Context, c identity.Caller, id string) error {
	err := s.Store.InTx(ctx, func(tx store.Executor) error {
		it, err := tx.ShopItemGet(ctx, id)
		if errors.Is(err, store.ErrNotFound) {
			return problem.NotFoundMsg(msgItemNotFound)
		}
		if err != nil {
			return err
		}
		if err := mayChangeItem(c, it); err != nil {
			return err
		}
		if err := tx.SalesItemDelete(ctx, id); err != nil {
			return err
		}
		return s.Audit.Record(ctx, tx, c.Entry(ActionItemDeleted, "sales_item:"+id, nil))
	})
	switch {
	case err == nil:
		return nil
	case errors.Is(err, store.ErrConflict):
		return problem.ConflictMsg(msgItemRequested)
	}
	if _, ok := problem.As(err); ok {
		return err
	}
	return fmt.Errorf("delete store item: %w", err)
}

// SubscriptionAdminView is a subscription with its holder.
type SubscriptionAdminView struct {
	ID              int64                  `json:"id"`
	UserID          int64                  `json:"user_id"`
	User            string                 `json:"user"`
	FullName        string                 `json:"full_name"`
	Season          string                 `json:"season"`
	Type            string                 `json:"type"`
	Status          string                 `json:"status"`
	PurchaseRequest *int64                 `json:"purchase_request"`
	Access          []importer.AccessEntry `json:"access"`
	CreatedAt       time.Time              `json:"creation"`
}

// SubscriptionQuery selects subscriptions: Institution (empty: the caller's; another only
// for a System Manager), Status (empty: any), Limit (1-500, default 100).
type SubscriptionQuery struct {
	Institution string
	Status      string
	Limit       int
}

// Subscriptions lists an institution's subscriptions, newest first (two queries).
func (s *Service) Subscriptions(ctx context.Context, c identity.Caller, q SubscriptionQuery) ([]SubscriptionAdminView, error) {
	inst := q.Institution
	if inst == "" {
		inst = c.InstitutionID
	}
	if !c.Reaches(inst) {
		return nil, problem.NotFoundMsg(msgInstNotFound)
	}
	if q.Limit == 0 {
		q.Limit = 100
	}
	if q.Limit < 1 || q.Limit > 500 {
		return nil, problem.InvalidMsg(msgSubLimit)
	}
	switch q.Status {
	case "", store.SubscriptionActive, store.SubscriptionSuspended, store.SubscriptionExpired:
	default:
		return nil, problem.Invalidf(msgSubStatus, "status", q.Status)
	}
	rows, err := s.Store.SubscriptionListByInstitution(ctx, store.SubscriptionListParams{InstitutionID: inst,
		Status: q.Status, Limit: q.Limit})
	if err != nil {
		return nil, fmt.Errorf("subscriptions: %w", err)
	}
	out := make([]SubscriptionAdminView, len(rows))
	for i, r := range rows {
		v := SubscriptionAdminView{ID: r.ID, UserID: r.UserID, User: r.UserEmail, FullName: r.UserFullName, Season: r.SeasonID,
			Type: r.Type, Status: r.Status, PurchaseRequest: r.PurchaseRequestID, Access: []importer.AccessEntry{}, CreatedAt: r.CreatedAt}
		for _, a := range r.Access {
			v.Access = append(v.Access, importer.AccessEntry{Type: a.Type, Subject: deref(a.SubjectID), Track: deref(a.TrackID)})
		}
		out[i] = v
	}
	return out, nil
}

// RevokeSubscription suspends an active subscription of the caller's institution, audited;
// the player's access changes at once.
func (s *Service) RevokeSubscription(ctx context.Context, c identity.Caller, id int64) error {
	var owner store.SubscriptionOwner
	err := s.Store.InTx(ctx, func(tx store.Executor) error {
		var err error
		owner, err = tx.SubscriptionOwner(ctx, id)
		if errors.Is(err, store.ErrNotFound) || (err == nil && !c.Reaches(owner.InstitutionID)) {
			return problem.NotFoundMsg(msgSubNotFound)
		}
		if err != nil {
			return err
		}
		if owner.Status != store.SubscriptionActive {
			return problem.ConflictMsg(msgSubNotRevocable)
		}
		if err := tx.SubscriptionSetStatus(ctx, id, store.SubscriptionSuspended); err != nil {
			return err
		}
		e := c.Entry(ActionSubscriptionRevoked, fmt.Sprintf("subscription:%d", id), map[string]int64{"user_id": owner.UserID})
		e.InstitutionID = owner.InstitutionID
		return s.Audit.Record(ctx, tx, e)
	})
	if err != nil {
		if _, ok := problem.As(err); ok {
			return err
		}
		return fmt.Errorf("revoke subscription: %w", err)
	}
	if s.Access != nil {
		s.Access.Invalidate(owner.UserID)
	}
	return nil
}
