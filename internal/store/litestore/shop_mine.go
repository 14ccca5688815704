package litestore

import (
	"context"

	"memora/internal/store"
	"memora/internal/store/litestore/litedb"
)

func (e executor) PurchaseRequestsOfUser(ctx context.Context, userID int64, limit int) ([]store.MyPurchase, error) {
	rows, err := e.r.PurchaseRequestsOfUser(ctx, litedb.PurchaseRequestsOfUserParams{UserID: userID, Lim: int64(limit)})
	if err != nil {
		return nil, wrap("purchase requests of user", err)
	}
	return mapRows(rows, func(r litedb.PurchaseRequestsOfUserRow) store.MyPurchase {
		return store.MyPurchase{
			PurchaseRequest: store.PurchaseRequest{ID: r.ID, UserID: r.UserID, ItemID: r.ItemID, Status: r.Status,
				PriceCents: r.PriceCents, TransactionID: r.TransactionID, CreatedAt: fromMicros(r.CreatedAt),
				DecidedAt: fromMicrosPtr(r.DecidedAt), DecidedBy: r.DecidedBy},
			ItemName: r.ItemName, ItemNameEN: r.ItemNameEn, ItemImage: r.ItemImage}
	}), nil
}
