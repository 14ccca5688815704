package store

import (
	"context"
	"time"
)

// ShopItemsParams selects the active items of a season offered to an institution: its own
// and the shared ones.
type ShopItemsParams struct {
	InstitutionID string
	SeasonID      string
}

// PurchaseRequestView is a purchase request with who asked and for what, as admins list it.
type PurchaseRequestView struct {
	PurchaseRequest
	InstitutionID string
	UserEmail     string
	UserFullName  string
	ItemName      string
}

// PurchaseListParams lists an institution's requests of one status, oldest first (every
// institution's when InstitutionID is empty).
type PurchaseListParams struct {
	InstitutionID string
	Status        string
	Limit         int
}

// PurchaseDecision moves a pending request to Status (approved or rejected).
type PurchaseDecision struct {
	RequestID int64
	Status    string
	DecidedBy int64
	At        time.Time
}

// ShopExecutor holds the store's items, purchase requests and the subscriptions approvals
// create.
type ShopExecutor interface {
	// ShopItems returns the selected items with their streams and bundles, cheapest first.
	ShopItems(ctx context.Context, p ShopItemsParams) ([]SalesItem, error)
	// ShopItemGet returns one item with its streams and bundle.
	ShopItemGet(ctx context.Context, id string) (SalesItem, error)
	// PurchasePendingItems lists the items the user has a pending request for.
	PurchasePendingItems(ctx context.Context, userID int64) ([]string, error)
	// PurchaseRequestInsert adds a pending request; inserted is false (id 0) when the user
	// already has a pending one for the item.
	PurchaseRequestInsert(ctx context.Context, r PurchaseRequest) (id int64, inserted bool, err error)
	PurchaseRequestGet(ctx context.Context, id int64) (PurchaseRequestView, error)
	PurchaseRequestList(ctx context.Context, p PurchaseListParams) ([]PurchaseRequestView, error)
	// PurchaseRequestDecide applies d only to a still pending request and reports whether
	// it did.
	PurchaseRequestDecide(ctx context.Context, d PurchaseDecision) (bool, error)
	// SubscriptionByPurchase returns the subscription an approval created.
	SubscriptionByPurchase(ctx context.Context, requestID int64) (Subscription, error)
}
