package shop

import (
	"context"
	"fmt"
	"time"

	"memora/internal/identity"
)

// MyRequestsLimit is how many of their requests a student sees, newest first.
const MyRequestsLimit = 50

// MyRequest is one of the caller's purchase requests with its status (pending, approved or
// rejected).
type MyRequest struct {
	ID         int64      `json:"name"`
	ItemID     string     `json:"sales_item"`
	ItemName   string     `json:"item_name"`
	ItemNameEN string     `json:"item_name_en"`
	Image      string     `json:"image"`
	Status     string     `json:"status"`
	PriceCents int64      `json:"price_cents"`
	CreatedAt  time.Time  `json:"creation"`
	DecidedAt  *time.Time `json:"decided_at"`
}

// MyRequests lists the caller's own purchase requests, newest first: what they asked for, at
// what price, and what became of it.
func (s *Service) MyRequests(ctx context.Context, who identity.Principal) ([]MyRequest, error) {
	rows, err := s.Store.PurchaseRequestsOfUser(ctx, who.UserID, MyRequestsLimit)
	if err != nil {
		return nil, fmt.Errorf("my purchase requests: %w", err)
	}
	out := make([]MyRequest, len(rows))
	for i, r := range rows {
		out[i] = MyRequest{ID: r.ID, ItemID: r.ItemID, ItemName: r.ItemName, ItemNameEN: r.ItemNameEN, Image: r.ItemImage,
			Status: r.Status, PriceCents: r.PriceCents, CreatedAt: r.CreatedAt, DecidedAt: r.DecidedAt}
	}
	return out, nil
}
