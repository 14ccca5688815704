package pgstore

import (
	"context"

	"memora/internal/store"
	"memora/internal/store/pgstore/pgdb"
)

func (e executor) PurchaseRequestsOfUser(ctx context.Context, userID int64, limit int) ([]store.MyPurchase, error) {
	rows, err := e.q.PurchaseRequestsOfUser(ctx, pgdb.PurchaseRequestsOfUserParams{UserID: userID, Lim: int32(limit)})
	if err != nil {
		return nil, wrap("purchase requests of user", err)
	}
	return mapRows(rows, func(r pgdb.PurchaseRequestsOfUserRow) store.MyPurchase {
		return store.MyPurchase{
			PurchaseRequest: store.PurchaseRequest{ID: r.ID, UserID: r.UserID, ItemID: r.ItemID, Status: r.Status,
				PriceCents: r.PriceCents, TransactionID: r.TransactionID, CreatedAt: r.CreatedAt,
				DecidedAt: r.DecidedAt, DecidedBy: r.DecidedBy},
			ItemName: r.ItemName, ItemNameEN: r.ItemNameEn, ItemImage: r.ItemImage}
	}), nil
}
