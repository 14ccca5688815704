package shop

import (
	"context"
	"errors"
	"fmt"
	"time"

	"memora/internal/audit"
	"memora/internal/identity"
	"memora/internal/problem"
	"memora/internal/store"
)

// Request list bounds.
const (
	DefaultListLimit = 100
	MaxListLimit     = 500
)

// RequestView is a purchase request as admins list it.
type RequestView struct {
	ID            int64      `json:"name"`
	Institution   string     `json:"institution"`
	UserID        int64      `json:"user_id"`
	User          string     `json:"user"`
	FullName      string     `json:"full_name"`
	Item          string     `json:"sales_item"`
	ItemName      string     `json:"item_name"`
	Status        string     `json:"status"`
	Price         float64    `json:"price"`
	PriceCents    int64      `json:"price_cents"`
	TransactionID string     `json:"transaction_id"`
	CreatedAt     time.Time  `json:"creation"`
	DecidedAt     *time.Time `json:"decided_at"`
	DecidedBy     *int64     `json:"decided_by"`
	// Currency is the ISO 4217 code of the price, the request's institution's currency now
	// ("" when it set none).
	Currency string `json:"currency"`
}

// Decision is the answer of an approval or a rejection. Already is true when the request
// had been decided that way before (the call changed nothing).
type Decision struct {
	Status         string `json:"status"`
	RequestID      int64  `json:"request_id"`
	SubscriptionID int64  `json:"subscription_id,omitempty"`
	Already        bool   `json:"already"`
}

var errNotAdmin = problem.ForbiddenMsg("Only Institution Admins can manage purchase requests")

func requireAdmin(who identity.Principal) error {
	if !who.HasRole(store.RoleInstitutionAdmin, store.RoleSystemManager) {
		return errNotAdmin
	}
	return nil
}

// Requests lists requests of a status (pending by default), oldest first: a System Manager's
// of every institution, or of the one named; anyone else's of their own institution (naming
// another is "not found").
func (s *Service) Requests(ctx context.Context, who identity.Principal, institution, status string, limit int) ([]RequestView, error) {
	if err := requireAdmin(who); err != nil {
		return nil, err
	}
	if !who.HasRole(store.RoleSystemManager) {
		if institution != "" && institution != who.InstitutionID {
			return nil, problem.NotFoundMsg(msgInstNotFound)
		}
		institution = who.InstitutionID
	}
	if status == "" {
		status = store.PurchasePending
	}
	if status != store.PurchasePending && status != store.PurchaseApproved && status != store.PurchaseRejected {
		return nil, problem.Invalidf("Invalid status '{status}': use pending, approved or rejected", "status", status)
	}
	if limit <= 0 || limit > MaxListLimit {
		return nil, problem.Invalidf("limit must be between 1 and {max}", "max", MaxListLimit)
	}
	rows, err := s.Store.PurchaseRequestList(ctx, store.PurchaseListParams{InstitutionID: institution,
		Status: status, Limit: limit})
	if err != nil {
		return nil, fmt.Errorf("purchase requests: %w", err)
	}
	out := make([]RequestView, len(rows))
	currencies := map[string]string{} // by institution: a System Manager's list spans several
	for i, r := range rows {
		cur, ok := currencies[r.InstitutionID]
		if !ok {
			pay, err := payment(ctx, s.Store, r.InstitutionID)
			if err != nil {
				return nil, err
			}
			cur, currencies[r.InstitutionID] = pay.Currency, pay.Currency
		}
		out[i] = RequestView{ID: r.ID, Institution: r.InstitutionID, UserID: r.UserID, User: r.UserEmail, FullName: r.UserFullName, Item: r.ItemID,
			ItemName: r.ItemName, Status: r.Status, Price: units(r.PriceCents), PriceCents: r.PriceCents,
			TransactionID: r.TransactionID, CreatedAt: r.CreatedAt, DecidedAt: r.DecidedAt, DecidedBy: r.DecidedBy, Currency: cur}
	}
	return out, nil
}

// request loads a request of the caller's institution; others' are "not found".
func request(ctx context.Context, exec store.Executor, who identity.Principal, id int64) (store.PurchaseRequestView, error) {
	r, err := exec.PurchaseRequestGet(ctx, id)
	if errors.Is(err, store.ErrNotFound) || err == nil && r.InstitutionID != who.InstitutionID &&
		!who.HasRole(store.RoleSystemManager) {
		return store.PurchaseRequestView{}, problem.NotFoundMsg("Purchase request not found")
	}
	if err != nil {
		return store.PurchaseRequestView{}, fmt.Errorf("purchase request: %w", err)
	}
	return r, nil
}

// Reject answers reject_purchase_request: the request is closed without a subscription and
// the item appears in the store again. Rejecting twice changes nothing; an approved
// request cannot be rejected.
func (s *Service) Reject(ctx context.Context, who identity.Principal, id int64) (Decision, error) {
	if err := requireAdmin(who); err != nil {
		return Decision{}, err
	}
	out := Decision{Status: store.PurchaseRejected, RequestID: id}
	err := s.Store.InTx(ctx, func(tx store.Executor) error {
		r, err := request(ctx, tx, who, id)
		if err != nil {
			return err
		}
		ok, err := tx.PurchaseRequestDecide(ctx, store.PurchaseDecision{RequestID: id, Status: store.PurchaseRejected,
			DecidedBy: who.UserID, At: s.Clock.Now()})
		if err != nil || !ok {
			return s.alreadyDecided(ctx, tx, who, id, store.PurchaseRejected, &out, err)
		}
		return s.Audit.Record(ctx, tx, audit.Entry{InstitutionID: who.InstitutionID, ActorUserID: who.UserID,
			ActorEmail: who.Email, Action: audit.PurchaseRejected, Target: fmt.Sprintf("purchase_request:%d", id),
			Detail: map[string]any{"user_id": r.UserID, "item": r.ItemID}})
	})
	if err != nil {
		return Decision{}, fmt.Errorf("reject purchase: %w", err)
	}
	return out, nil
}

// alreadyDecided explains a request that was no longer pending: the same decision again is
// a no-op success, the other one a conflict.
func (s *Service) alreadyDecided(ctx context.Context, tx store.Executor, who identity.Principal, id int64,
	want string, out *Decision, err error) error {
	if err != nil {
		return err
	}
	r, err := request(ctx, tx, who, id)
	if err != nil {
		return err
	}
	if r.Status != want {
		return problem.Newf(problem.Conflict, "This request was already {status}", "status", r.Status)
	}
	out.Already = true
	if want == store.PurchaseApproved {
		sub, err := tx.SubscriptionByPurchase(ctx, id)
		if err != nil {
			return fmt.Errorf("approved request's subscription: %w", err)
		}
		out.SubscriptionID = sub.ID
	}
	return nil
}
