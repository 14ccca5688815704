package store

import "context"

// SubscriptionListParams selects an institution's subscriptions, newest first: of one
// Status when not empty, at most Limit.
type SubscriptionListParams struct {
	InstitutionID string
	Status        string
	Limit         int
}

// SubscriptionView is a subscription with its holder, as staff list it.
type SubscriptionView struct {
	Subscription
	UserEmail    string
	UserFullName string
}

// SubscriptionOwner is whose a subscription is.
type SubscriptionOwner struct {
	InstitutionID string
	UserID        int64
	Status        string
}

// CommerceAdminExecutor holds what staff need of the store beyond the student's side.
type CommerceAdminExecutor interface {
	// SalesItemListAll returns every item with its streams and bundle (three queries), by id.
	SalesItemListAll(ctx context.Context) ([]SalesItem, error)
	// SalesItemDelete deletes an item: ErrNotFound without one, ErrConflict once it has
	// purchase requests.
	SalesItemDelete(ctx context.Context, id string) error
	// SubscriptionListByInstitution returns subscriptions of the institution's users with
	// their access rows (two queries).
	SubscriptionListByInstitution(ctx context.Context, p SubscriptionListParams) ([]SubscriptionView, error)
	SubscriptionOwner(ctx context.Context, id int64) (SubscriptionOwner, error)
	// SubscriptionSetStatus changes a subscription's status; ErrNotFound without one.
	SubscriptionSetStatus(ctx context.Context, id int64, status string) error
}
