package shop

import (
	"context"
	"errors"
	"fmt"

	"memora/internal/identity"
	"memora/internal/store"
)

// Payment is what a student is told about paying their institution, which approves their
// requests: the currency of the store's prices (an ISO 4217 code; "" when the institution
// set none) and its payment instructions in Arabic and English ("" when it gave none).
type Payment struct {
	Currency string
	Note     string
	NoteEN   string
}

// Payment returns how the caller pays their institution.
func (s *Service) Payment(ctx context.Context, who identity.Principal) (Payment, error) {
	return payment(ctx, s.Store, who.InstitutionID)
}

// payment reads an institution's currency and payment instructions; an institution that is
// not there (deleted under a request) has none.
func payment(ctx context.Context, exec store.Executor, institution string) (Payment, error) {
	st, err := exec.InstitutionSettingsGet(ctx, institution)
	if errors.Is(err, store.ErrNotFound) {
		return Payment{}, nil
	}
	if err != nil {
		return Payment{}, fmt.Errorf("shop payment: %w", err)
	}
	return Payment{Currency: st.Currency, Note: st.PaymentNote, NoteEN: st.PaymentNoteEN}, nil
}
