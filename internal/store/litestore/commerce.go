package litestore

import (
	"context"

	"memora/internal/store"
	"memora/internal/store/litestore/litedb"
)

// SalesItemUpsert writes the item and replaces its target streams and bundle rows, in one
// transaction. A bundle row's position is its index in the list.
func (e executor) SalesItemUpsert(ctx context.Context, it store.SalesItem) error {
	return e.inWrite(ctx, func(q *litedb.Queries) error {
		err := q.SalesItemUpsert(ctx, litedb.SalesItemUpsertParams{
			ID: it.ID, InstitutionID: it.InstitutionID, Name: it.Name, NameEn: it.NameEN, Description: it.Description,
			SeasonID: it.SeasonID, TargetGradeID: it.TargetGradeID, PriceCents: it.PriceCents,
			DiscountedPriceCents: it.DiscountedPriceCents, Image: it.Image, Sku: it.SKU, IsActive: it.IsActive,
			CreatedAt: micros(it.CreatedAt),
		})
		if err != nil {
			return wrap("sales item upsert", err)
		}
		if err := q.SalesItemStreamsDelete(ctx, it.ID); err != nil {
			return wrap("sales item streams delete", err)
		}
		for _, s := range it.TargetStreams {
			if err := q.SalesItemStreamInsert(ctx, litedb.SalesItemStreamInsertParams{ItemID: it.ID, StreamID: s}); err != nil {
				return wrap("sales item stream insert", err)
			}
		}
		if err := q.SalesItemBundleDelete(ctx, it.ID); err != nil {
			return wrap("sales item bundle delete", err)
		}
		for i, b := range it.Bundle {
			err := q.SalesItemBundleInsert(ctx, litedb.SalesItemBundleInsertParams{
				ItemID: it.ID, Position: int64(i), Type: b.Type, SubjectID: b.SubjectID, TrackID: b.TrackID,
			})
			if err != nil {
				return wrap("sales item bundle insert", err)
			}
		}
		return nil
	})
}

// SubscriptionInsert writes the subscription and its access rows in one transaction.
func (e executor) SubscriptionInsert(ctx context.Context, s store.Subscription) (int64, error) {
	var id int64
	err := e.inWrite(ctx, func(q *litedb.Queries) error {
		var err error
		id, err = q.SubscriptionInsert(ctx, litedb.SubscriptionInsertParams{
			UserID: s.UserID, SeasonID: s.SeasonID, Type: s.Type, Status: s.Status,
			PurchaseRequestID: s.PurchaseRequestID, CreatedAt: micros(s.CreatedAt),
		})
		if err != nil {
			return wrap("subscription insert", err)
		}
		for i, a := range s.Access {
			err := q.SubscriptionAccessInsert(ctx, litedb.SubscriptionAccessInsertParams{
				SubscriptionID: id, Position: int64(i), Type: a.Type, SubjectID: a.SubjectID, TrackID: a.TrackID,
			})
			if err != nil {
				return wrap("subscription access insert", err)
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return id, nil
}

// SubscriptionsByUser reads the user's subscriptions and all their access rows (two queries).
func (e executor) SubscriptionsByUser(ctx context.Context, userID int64) ([]store.Subscription, error) {
	rows, err := e.r.SubscriptionsByUser(ctx, userID)
	if err != nil {
		return nil, wrap("subscriptions by user", err)
	}
	access, err := e.r.SubscriptionAccessByUser(ctx, userID)
	if err != nil {
		return nil, wrap("subscription access by user", err)
	}
	byID := make(map[int64][]store.AccessRow, len(rows))
	for _, a := range access {
		byID[a.SubscriptionID] = append(byID[a.SubscriptionID], store.AccessRow{Type: a.Type, SubjectID: a.SubjectID, TrackID: a.TrackID})
	}
	out := make([]store.Subscription, len(rows))
	for i, r := range rows {
		out[i] = store.Subscription{
			ID: r.ID, UserID: r.UserID, SeasonID: r.SeasonID, Type: r.Type, Status: r.Status,
			PurchaseRequestID: r.PurchaseRequestID, Access: byID[r.ID], CreatedAt: fromMicros(r.CreatedAt),
		}
	}
	return out, nil
}
