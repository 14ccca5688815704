// Package shop is the store (§2.8, §3.12, product §3.6): the items a player may buy, manual
// purchase requests, and their approval by an institution's admins into subscriptions.
package shop

import (
	"context"
	"errors"
	"fmt"

	"memora/internal/audit"
	"memora/internal/clock"
	"memora/internal/problem"
	"memora/internal/store"
)

// AccessCache is the catalogue's cache of what each player may open; an approval drops the
// player's entry so the new access applies at once.
type AccessCache interface {
	Invalidate(userID int64)
}

// Service serves the store and purchase approvals.
type Service struct {
	Store  store.Store
	Clock  clock.Clock
	Audit  audit.Log
	Access AccessCache // nil when nothing caches access
}

// profile returns the user's profile, ok false when there is none.
func profile(ctx context.Context, exec store.Executor, userID int64) (store.PlayerProfile, bool, error) {
	p, err := exec.ProfileGet(ctx, userID)
	if errors.Is(err, store.ErrNotFound) {
		return store.PlayerProfile{}, false, nil
	}
	if err != nil {
		return store.PlayerProfile{}, false, fmt.Errorf("shop: %w", err)
	}
	return p, true, nil
}

var errItemNotFound = problem.NotFoundMsg("Item not found")
