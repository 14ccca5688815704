package pgstore

import (
	"context"

	"memora/internal/store"
	"memora/internal/store/pgstore/pgdb"
)

// SalesItemUpsert writes the item and replaces its target streams and bundle rows, in one
// transaction. A bundle row's position is its index in the list.
func (e executor) SalesItemUpsert(ctx context.Context, it store.SalesItem) error {
	return e.inWrite(ctx, func(q *pgdb.Queries) error {
		err := q.SalesItemUpsert(ctx, pgdb.SalesItemUpsertParams{
			ID: it.ID, InstitutionID: it.InstitutionID, Name: it.Name, NameEn: it.NameEN, Description: it.Description,
			SeasonID: it.SeasonID, TargetGradeID: it.TargetGradeID, PriceCents: it.PriceCents,
			DiscountedPriceCents: it.DiscountedPriceCents, Image: it.Image, Sku: it.SKU, IsActive: it.IsActive,
			CreatedAt: it.CreatedAt,
		})
		if err != nil {
			return wrap("sales item upsert", err)
		}
		if err := q.SalesItemStreamsDelete(ctx, it.ID); err != nil {
			return wrap("sales item streams delete", err)
		}
		for _, s := range it.TargetStreams {
			if err := q.SalesItemStreamInsert(ctx, pgdb.SalesItemStreamInsertParams{ItemID: it.ID, StreamID: s}); err != nil {
				return wrap("sales item stream insert", err)
			}
		}
		if err := q.SalesItemBundleDelete(ctx, it.ID); err != nil {
			return wrap("sales item bundle delete", err)
		}
		for i, b := range it.Bundle {
			err := q.SalesItemBundleInsert(ctx, pgdb.SalesItemBundleInsertParams{
				ItemID: it.ID, Position: int32(i), Type: b.Type, SubjectID: b.SubjectID, TrackID: b.TrackID,
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
	err := e.inWrite(ctx, func(q *pgdb.Queries) error {
		var err error
		id, err = q.SubscriptionInsert(ctx, pgdb.SubscriptionInsertParams{
			UserID: s.UserID, SeasonID: s.SeasonID, Type: s.Type, Status: s.Status,
			PurchaseRequestID: s.PurchaseRequestID, CreatedAt: s.CreatedAt,
		})
		if err != nil {
			return wrap("subscription insert", err)
		}
		for i, a := range s.Access {
			err := q.SubscriptionAccessInsert(ctx, pgdb.SubscriptionAccessInsertParams{
				SubscriptionID: id, Position: int32(i), Type: a.Type, SubjectID: a.SubjectID, TrackID: a.TrackID,
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
	rows, err := e.q.SubscriptionsByUser(ctx, userID)
	if err != nil {
		return nil, wrap("subscriptions by user", err)
	}
	access, err := e.q.SubscriptionAccessByUser(ctx, userID)
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
			PurchaseRequestID: r.PurchaseRequestID, Access: byID[r.ID], CreatedAt: r.CreatedAt,
		}
	}
	return out, nil
}
