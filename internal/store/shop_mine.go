package store

import "context"

// MyPurchase is one of a user's purchase requests with the item's names and picture, as the
// student's store lists them.
type MyPurchase struct {
	PurchaseRequest
	ItemName   string
	ItemNameEN string
	ItemImage  string
}

// PurchaseMineExecutor lists a user's own purchase requests.
type PurchaseMineExecutor interface {
	// PurchaseRequestsOfUser returns the user's requests of every status, newest first, at
	// most limit.
	PurchaseRequestsOfUser(ctx context.Context, userID int64, limit int) ([]MyPurchase, error)
}
