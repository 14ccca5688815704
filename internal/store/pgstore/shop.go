package pgstore

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"

	"memora/internal/store"
	"memora/internal/store/pgstore/pgdb"
)

// ShopItems reads the items, then their streams and bundle rows, in three queries.
func (e executor) ShopItems(ctx context.Context, p store.ShopItemsParams) ([]store.SalesItem, error) {
	season, inst := &p.SeasonID, &p.InstitutionID
	rows, err := e.q.ShopItems(ctx, pgdb.ShopItemsParams{SeasonID: season, InstitutionID: inst})
	if err != nil {
		return nil, wrap("shop items", err)
	}
	streams, err := e.q.ShopItemsStreams(ctx, pgdb.ShopItemsStreamsParams{SeasonID: season, InstitutionID: inst})
	if err != nil {
		return nil, wrap("shop items streams", err)
	}
	bundles, err := e.q.ShopItemsBundles(ctx, pgdb.ShopItemsBundlesParams{SeasonID: season, InstitutionID: inst})
	if err != nil {
		return nil, wrap("shop items bundles", err)
	}
	byItem := make(map[string]*store.SalesItem, len(rows))
	out := make([]store.SalesItem, len(rows))
	for i, r := range rows {
		out[i] = salesItem(r)
		byItem[r.ID] = &out[i]
	}
	for _, s := range streams {
		it := byItem[s.ItemID]
		it.TargetStreams = append(it.TargetStreams, s.StreamID)
	}
	for _, b := range bundles {
		it := byItem[b.ItemID]
		it.Bundle = append(it.Bundle, store.BundleRow{Type: b.Type, SubjectID: b.SubjectID, TrackID: b.TrackID})
	}
	return out, nil
}

func (e executor) ShopItemGet(ctx context.Context, id string) (store.SalesItem, error) {
	r, err := e.q.ShopItemGet(ctx, id)
	if err != nil {
		return store.SalesItem{}, wrap("shop item get", err)
	}
	it := salesItem(r)
	if it.TargetStreams, err = e.q.ShopItemStreams(ctx, id); err != nil {
		return store.SalesItem{}, wrap("shop item streams", err)
	}
	bundle, err := e.q.ShopItemBundle(ctx, id)
	if err != nil {
		return store.SalesItem{}, wrap("shop item bundle", err)
	}
	for _, b := range bundle {
		it.Bundle = append(it.Bundle, store.BundleRow{Type: b.Type, SubjectID: b.SubjectID, TrackID: b.TrackID})
	}
	return it, nil
}

func salesItem(r pgdb.SalesItem) store.SalesItem {
	return store.SalesItem{ID: r.ID, InstitutionID: r.InstitutionID, Name: r.Name, NameEN: r.NameEn,
		Description: r.Description, SeasonID: r.SeasonID, TargetGradeID: r.TargetGradeID, PriceCents: r.PriceCents,
		DiscountedPriceCents: r.DiscountedPriceCents, Image: r.Image, SKU: r.Sku, IsActive: r.IsActive,
		CreatedAt: r.CreatedAt}
}

func (e executor) PurchasePendingItems(ctx context.Context, userID int64) ([]string, error) {
	ids, err := e.q.PurchasePendingItems(ctx, userID)
	return ids, wrap("purchase pending items", err)
}

// PurchaseRequestInsert inserts a pending request; a concurrent or earlier pending one for
// the same item makes it a no-op (ON CONFLICT on the partial unique index).
func (e executor) PurchaseRequestInsert(ctx context.Context, r store.PurchaseRequest) (int64, bool, error) {
	id, err := e.q.PurchaseRequestInsert(ctx, pgdb.PurchaseRequestInsertParams{
		UserID: r.UserID, ItemID: r.ItemID, PriceCents: r.PriceCents, TransactionID: r.TransactionID, CreatedAt: r.CreatedAt})
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, wrap("purchase request insert", err)
	}
	return id, true, nil
}

func (e executor) PurchaseRequestGet(ctx context.Context, id int64) (store.PurchaseRequestView, error) {
	r, err := e.q.PurchaseRequestGet(ctx, id)
	if err != nil {
		return store.PurchaseRequestView{}, wrap("purchase request get", err)
	}
	return purchaseView(pgdb.PurchaseRequestListRow(r)), nil
}

func (e executor) PurchaseRequestList(ctx context.Context, p store.PurchaseListParams) ([]store.PurchaseRequestView, error) {
	rows, err := e.q.PurchaseRequestList(ctx, pgdb.PurchaseRequestListParams{
		Status: p.Status, InstitutionID: p.InstitutionID, Lim: int32(p.Limit)})
	if err != nil {
		return nil, wrap("purchase request list", err)
	}
	return mapRows(rows, purchaseView), nil
}

func purchaseView(r pgdb.PurchaseRequestListRow) store.PurchaseRequestView {
	return store.PurchaseRequestView{
		PurchaseRequest: store.PurchaseRequest{ID: r.ID, UserID: r.UserID, ItemID: r.ItemID, Status: r.Status,
			PriceCents: r.PriceCents, TransactionID: r.TransactionID, CreatedAt: r.CreatedAt,
			DecidedAt: r.DecidedAt, DecidedBy: r.DecidedBy},
		InstitutionID: r.InstitutionID, UserEmail: r.Email, UserFullName: r.FullName, ItemName: r.ItemName}
}

func (e executor) PurchaseRequestDecide(ctx context.Context, d store.PurchaseDecision) (bool, error) {
	n, err := e.q.PurchaseRequestDecide(ctx, pgdb.PurchaseRequestDecideParams{
		Status: d.Status, DecidedAt: &d.At, DecidedBy: &d.DecidedBy, ID: d.RequestID})
	if err != nil {
		return false, wrap("purchase request decide", err)
	}
	return n > 0, nil
}

func (e executor) SubscriptionByPurchase(ctx context.Context, requestID int64) (store.Subscription, error) {
	r, err := e.q.SubscriptionByPurchase(ctx, &requestID)
	if err != nil {
		return store.Subscription{}, wrap("subscription by purchase", err)
	}
	access, err := e.q.SubscriptionAccessList(ctx, r.ID)
	if err != nil {
		return store.Subscription{}, wrap("subscription access list", err)
	}
	return store.Subscription{ID: r.ID, UserID: r.UserID, SeasonID: r.SeasonID, Type: r.Type, Status: r.Status,
		PurchaseRequestID: r.PurchaseRequestID, CreatedAt: r.CreatedAt,
		Access: mapRows(access, func(a pgdb.SubscriptionAccessListRow) store.AccessRow {
			return store.AccessRow{Type: a.Type, SubjectID: a.SubjectID, TrackID: a.TrackID}
		})}, nil
}
