package shop

import (
	"context"
	"fmt"

	"memora/internal/audit"
	"memora/internal/identity"
	"memora/internal/problem"
	"memora/internal/store"
)

// Approve answers approve_purchase_request (§3.12): it creates the player's subscription
// (Specific Access, active, in the item's season, one access row per bundle row) exactly
// once. The status moves only from pending (a conditional update), so a second or
// concurrent approval finds the request decided and returns the same subscription;
// subscriptions.purchase_request_id is UNIQUE besides. An item without a season, or a
// player without a profile, is refused and nothing changes. The player's cached access is
// dropped after commit.
func (s *Service) Approve(ctx context.Context, who identity.Principal, id int64) (Decision, error) {
	if err := requireAdmin(who); err != nil {
		return Decision{}, err
	}
	out := Decision{Status: store.PurchaseApproved, RequestID: id}
	var userID int64
	err := s.Store.InTx(ctx, func(tx store.Executor) error {
		r, err := request(ctx, tx, who, id)
		if err != nil {
			return err
		}
		userID = r.UserID
		if r.Status != store.PurchasePending {
			return s.alreadyDecided(ctx, tx, who, id, store.PurchaseApproved, &out, nil)
		}
		sub, err := subscriptionFor(ctx, tx, r)
		if err != nil {
			return err
		}
		ok, err := tx.PurchaseRequestDecide(ctx, store.PurchaseDecision{RequestID: id, Status: store.PurchaseApproved,
			DecidedBy: who.UserID, At: s.Clock.Now()})
		if err != nil || !ok {
			return s.alreadyDecided(ctx, tx, who, id, store.PurchaseApproved, &out, err)
		}
		sub.CreatedAt = s.Clock.Now()
		if out.SubscriptionID, err = tx.SubscriptionInsert(ctx, sub); err != nil {
			return err
		}
		return s.Audit.Record(ctx, tx, audit.Entry{InstitutionID: who.InstitutionID, ActorUserID: who.UserID,
			ActorEmail: who.Email, Action: audit.PurchaseApproved, Target: fmt.Sprintf("purchase_request:%d", id),
			Detail: map[string]any{"user_id": r.UserID, "item": r.ItemID, "subscription_id": out.SubscriptionID}})
	})
	if err != nil {
		return Decision{}, fmt.Errorf("approve purchase: %w", err)
	}
	if !out.Already && s.Access != nil {
		s.Access.Invalidate(userID)
	}
	return out, nil
}

// subscriptionFor builds the subscription an approval of r grants.
func subscriptionFor(ctx context.Context, tx store.Executor, r store.PurchaseRequestView) (store.Subscription, error) {
	it, err := tx.ShopItemGet(ctx, r.ItemID)
	if err != nil {
		return store.Subscription{}, fmt.Errorf("approved item: %w", err)
	}
	if it.SeasonID == nil {
		return store.Subscription{}, problem.Invalidf("Sales item '{item}' is not linked to a season; edit the item first", "item", it.Name)
	}
	if _, ok, err := profile(ctx, tx, r.UserID); err != nil {
		return store.Subscription{}, err
	} else if !ok {
		return store.Subscription{}, problem.Invalidf("No player profile found for user {email}", "email", r.UserEmail)
	}
	sub := store.Subscription{UserID: r.UserID, SeasonID: *it.SeasonID, Type: store.SubscriptionSpecific,
		Status: store.SubscriptionActive, PurchaseRequestID: &r.ID, Access: make([]store.AccessRow, len(it.Bundle))}
	for i, b := range it.Bundle {
		sub.Access[i] = store.AccessRow(b)
	}
	return sub, nil
}
