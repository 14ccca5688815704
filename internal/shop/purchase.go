package shop

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"memora/internal/audit"
	"memora/internal/identity"
	"memora/internal/problem"
	"memora/internal/store"
)

// maxTransactionID bounds the bank reference a student types.
const maxTransactionID = 140

// The original's replies to request_purchase.
const (
	pendingAR = "لديك طلب قيد المراجعة لهذه الباقة بالفعل."
	pendingEN = "You already have a request under review for this bundle."
	sentAR    = "تم إرسال طلبك! سيتم تفعيل الاشتراك بعد مراجعة الإدارة."
	sentEN    = "Your request was sent! The subscription will be activated after the administration reviews it."
)

// RequestReply is request_purchase's answer.
type RequestReply struct {
	Status    string `json:"status"`
	Message   string `json:"message"`
	MessageEN string `json:"message_en"`
	RequestID int64  `json:"request_id,omitempty"`
}

// Request answers request_purchase: a validated item (it exists, is active and offered to
// the caller's institution, belongs to the player's season and fits their grade and
// stream, and is not already owned) becomes one pending request at its current price.
// A second request while one is pending answers "pending" and adds nothing, also when two
// arrive at once (the partial unique index decides).
func (s *Service) Request(ctx context.Context, who identity.Principal, itemID, transactionID string) (RequestReply, error) {
	itemID, transactionID = strings.TrimSpace(itemID), strings.TrimSpace(transactionID)
	if itemID == "" {
		return RequestReply{}, problem.InvalidMsg("item_id is required")
	}
	if len(transactionID) > maxTransactionID {
		return RequestReply{}, problem.Invalidf("transaction_id is longer than {max} characters", "max", maxTransactionID)
	}
	it, err := s.purchasable(ctx, who, itemID)
	if err != nil {
		return RequestReply{}, err
	}
	var reply RequestReply
	err = s.Store.InTx(ctx, func(tx store.Executor) error {
		id, inserted, err := tx.PurchaseRequestInsert(ctx, store.PurchaseRequest{UserID: who.UserID, ItemID: it.ID,
			PriceCents: price(it), TransactionID: transactionID, CreatedAt: s.Clock.Now()})
		if err != nil || !inserted {
			reply = RequestReply{Status: "pending", Message: pendingAR, MessageEN: pendingEN}
			return err
		}
		reply = RequestReply{Status: "success", Message: sentAR, MessageEN: sentEN, RequestID: id}
		return s.Audit.Record(ctx, tx, audit.Entry{InstitutionID: who.InstitutionID, ActorUserID: who.UserID,
			ActorEmail: who.Email, Action: audit.PurchaseRequest, Target: fmt.Sprintf("purchase_request:%d", id),
			Detail: map[string]any{"item": it.ID, "price_cents": price(it), "transaction_id": transactionID}})
	})
	if err != nil {
		return RequestReply{}, fmt.Errorf("request purchase: %w", err)
	}
	return reply, nil
}

// purchasable loads the item and checks the caller may buy it.
func (s *Service) purchasable(ctx context.Context, who identity.Principal, itemID string) (store.SalesItem, error) {
	it, err := s.Store.ShopItemGet(ctx, itemID)
	if errors.Is(err, store.ErrNotFound) {
		return store.SalesItem{}, errItemNotFound
	}
	if err != nil {
		return store.SalesItem{}, fmt.Errorf("request purchase: %w", err)
	}
	if !it.IsActive || it.InstitutionID != nil && *it.InstitutionID != who.InstitutionID {
		return store.SalesItem{}, errItemNotFound
	}
	prof, ok, err := profile(ctx, s.Store, who.UserID)
	if err != nil {
		return store.SalesItem{}, err
	}
	if !ok || prof.SeasonID == nil {
		return store.SalesItem{}, problem.InvalidMsg("Choose your grade and season before buying")
	}
	if it.SeasonID == nil || *it.SeasonID != *prof.SeasonID {
		return store.SalesItem{}, problem.InvalidMsg("This item is not offered in your season")
	}
	if !fits(it, prof) {
		return store.SalesItem{}, problem.InvalidMsg("This item is not offered for your grade or stream")
	}
	own, err := s.owned(ctx, who)
	if err != nil {
		return store.SalesItem{}, err
	}
	if own.global || own.covers(it) {
		return store.SalesItem{}, problem.ConflictMsg("You already have access to this item")
	}
	return it, nil
}
