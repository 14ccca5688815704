package store

import (
	"context"
	"time"
)

// Subscription types, statuses and access row types.
const (
	SubscriptionGlobal   = "global"
	SubscriptionSpecific = "specific"

	SubscriptionActive    = "active"
	SubscriptionSuspended = "suspended"
	SubscriptionExpired   = "expired"

	AccessGlobal  = "global"
	AccessSubject = "subject"
	AccessTrack   = "track"
)

// Purchase request statuses.
const (
	PurchasePending  = "pending"
	PurchaseApproved = "approved"
	PurchaseRejected = "rejected"
)

// SalesItem is a store product or bundle.
type SalesItem struct {
	ID                   string
	InstitutionID        *string
	Name                 string
	NameEN               string
	Description          string
	SeasonID             *string
	TargetGradeID        *string
	TargetStreams        []string
	PriceCents           int64
	DiscountedPriceCents *int64
	Image                string
	SKU                  string
	IsActive             bool
	Bundle               []BundleRow
	CreatedAt            time.Time
}

// BundleRow is what a purchase of an item grants.
type BundleRow struct {
	Type      string
	SubjectID *string
	TrackID   *string
}

// Subscription grants access during its season.
type Subscription struct {
	ID                int64
	UserID            int64
	SeasonID          string
	Type              string
	Status            string
	PurchaseRequestID *int64
	Access            []AccessRow
	CreatedAt         time.Time
}

// AccessRow is one thing a subscription opens.
type AccessRow struct {
	Type      string
	SubjectID *string
	TrackID   *string
}

// PurchaseRequest is a manual (bank transfer) purchase waiting for an admin.
type PurchaseRequest struct {
	ID            int64
	UserID        int64
	ItemID        string
	Status        string
	PriceCents    int64
	TransactionID string
	CreatedAt     time.Time
	DecidedAt     *time.Time
	DecidedBy     *int64
}

// CommerceExecutor holds sales items, purchase requests and subscriptions.
type CommerceExecutor interface {
	SalesItemUpsert(ctx context.Context, it SalesItem) error
	// SubscriptionInsert adds a subscription with its access rows and returns its id.
	SubscriptionInsert(ctx context.Context, s Subscription) (int64, error)
	SubscriptionsByUser(ctx context.Context, userID int64) ([]Subscription, error)
}
