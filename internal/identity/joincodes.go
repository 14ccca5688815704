package identity

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"strings"
	"time"

	"memora/internal/audit"
	"memora/internal/problem"
	"memora/internal/store"
)

// Audit actions of sign-up, join codes and password resets.
const (
	ActionSignedUp               = "user.signed_up"
	ActionSignUpRateLimited      = "user.sign_up_rate_limited"
	ActionJoinCodeCreated        = "join_code.created"
	ActionJoinCodeDisabled       = "join_code.disabled"
	ActionPasswordResetRequested = "password.reset_requested"
	ActionPasswordReset          = "password.reset"
)

// JoinCodeAlphabet is what generated codes are made of: capitals and digits without the
// ones read alike (0/O, 1/I/L), so a code read aloud or copied from a board works.
const JoinCodeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"

// JoinCodeLength is the length of a generated code (31^8, about 8.5e11 codes).
const JoinCodeLength = 8

// Join code states, as JoinCodeState reports them.
const (
	JoinCodeActive   = "active"
	JoinCodeDisabled = "disabled"
	JoinCodeExpired  = "expired"
	JoinCodeUsedUp   = "used_up"
)

const (
	msgJoinCodeFormat   = "A join code has 4 to 32 letters or digits."
	msgJoinCodeExists   = "This join code already exists."
	msgJoinCodeNotFound = "Join code not found"
	msgInstitutionGone  = "No institution has this id."
	msgMaxUses          = "The number of uses must be positive."
	msgExpiryPast       = "The expiry must be in the future."
)

// NewJoinCode describes a code to create.
type NewJoinCode struct {
	InstitutionID string
	Code          string        // empty: a random JoinCodeLength-character code
	MaxUses       int64         // 0: unlimited
	ExpiresIn     time.Duration // 0: never expires
	CreatedBy     string        // who made it (an e-mail, "cli", "import")
}

// NormalizeJoinCode is the stored form of a code as a person types it: upper-case, without
// spaces or dashes.
func NormalizeJoinCode(code string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' || r == '\t' {
			return -1
		}
		return r
	}, strings.ToUpper(strings.TrimSpace(code)))
}

// ValidJoinCode reports whether a normalized code has the allowed form (4–32 of A–Z, 0–9).
func ValidJoinCode(code string) bool {
	if len(code) < 4 || len(code) > 32 {
		return false
	}
	for _, r := range code {
		if (r < 'A' || r > 'Z') && (r < '0' || r > '9') {
			return false
		}
	}
	return true
}

// JoinCodeState is whether a code can be used at now, or why not.
func JoinCodeState(c store.JoinCode, now time.Time) string {
	switch {
	case c.DisabledAt != nil:
		return JoinCodeDisabled
	case c.ExpiresAt != nil && !now.Before(*c.ExpiresAt):
		return JoinCodeExpired
	case c.MaxUses != nil && c.Uses >= *c.MaxUses:
		return JoinCodeUsedUp
	}
	return JoinCodeActive
}

// CreateJoinCode creates a code that lets people sign up as Students of an institution,
// audited. A given code is normalized and must be free; a generated one is random.
func (s *Service) CreateJoinCode(ctx context.Context, n NewJoinCode) (store.JoinCode, error) {
	if n.MaxUses < 0 {
		return store.JoinCode{}, problem.InvalidMsg(msgMaxUses)
	}
	if n.ExpiresIn < 0 {
		return store.JoinCode{}, problem.InvalidMsg(msgExpiryPast)
	}
	given := NormalizeJoinCode(n.Code)
	if n.Code != "" && !ValidJoinCode(given) {
		return store.JoinCode{}, problem.InvalidMsg(msgJoinCodeFormat)
	}
	if _, err := s.Store.InstitutionGet(ctx, n.InstitutionID); errors.Is(err, store.ErrNotFound) {
		return store.JoinCode{}, problem.NotFoundMsg(msgInstitutionGone)
	} else if err != nil {
		return store.JoinCode{}, fmt.Errorf("create join code: %w", err)
	}
	now := s.Clock.Now()
	c := store.JoinCode{InstitutionID: n.InstitutionID, Role: store.RoleStudent, CreatedBy: n.CreatedBy, CreatedAt: now}
	if n.MaxUses > 0 {
		c.MaxUses = &n.MaxUses
	}
	if n.ExpiresIn > 0 {
		at := now.Add(n.ExpiresIn)
		c.ExpiresAt = &at
	}
	for attempt := 0; ; attempt++ {
		c.Code = given
		if given == "" {
			c.Code = randomJoinCode()
		}
		err := s.Store.InTx(ctx, func(tx store.Executor) error {
			if err := tx.JoinCodeInsert(ctx, c); err != nil {
				return err
			}
			return s.Audit.Record(ctx, tx, audit.Entry{InstitutionID: c.InstitutionID, ActorEmail: c.CreatedBy,
				Action: ActionJoinCodeCreated, Target: c.Code, Detail: map[string]any{"max_uses": c.MaxUses, "expires_at": c.ExpiresAt}})
		})
		switch {
		case err == nil:
			return c, nil
		case errors.Is(err, store.ErrConflict) && given != "":
			return store.JoinCode{}, problem.ConflictMsg(msgJoinCodeExists)
		case errors.Is(err, store.ErrConflict) && attempt < 5:
			continue // a random code met an existing one: draw again
		default:
			return store.JoinCode{}, fmt.Errorf("create join code: %w", err)
		}
	}
}

// ListJoinCodes lists an institution's codes, newest first.
func (s *Service) ListJoinCodes(ctx context.Context, institutionID string) ([]store.JoinCode, error) {
	codes, err := s.Store.JoinCodeList(ctx, institutionID)
	if err != nil {
		return nil, fmt.Errorf("list join codes: %w", err)
	}
	return codes, nil
}

// DisableJoinCode stops a code from being used (for good), audited as done by actor.
func (s *Service) DisableJoinCode(ctx context.Context, actor, code string) error {
	code = NormalizeJoinCode(code)
	err := s.Store.InTx(ctx, func(tx store.Executor) error {
		c, err := tx.JoinCodeGet(ctx, code)
		if err != nil {
			return err
		}
		if err := tx.JoinCodeDisable(ctx, code, s.Clock.Now()); err != nil {
			return err
		}
		return s.Audit.Record(ctx, tx, audit.Entry{InstitutionID: c.InstitutionID, ActorEmail: actor,
			Action: ActionJoinCodeDisabled, Target: code})
	})
	if errors.Is(err, store.ErrNotFound) {
		return problem.NotFoundMsg(msgJoinCodeNotFound)
	}
	if err != nil {
		return fmt.Errorf("disable join code: %w", err)
	}
	return nil
}

func randomJoinCode() string {
	b := make([]byte, JoinCodeLength)
	// Rejection sampling keeps every letter equally likely: 248 = 8 × 31.
	limit := byte(256 - 256%len(JoinCodeAlphabet))
	for i := 0; i < len(b); {
		var r [1]byte
		_, _ = rand.Read(r[:])
		if r[0] < limit {
			b[i] = JoinCodeAlphabet[int(r[0])%len(JoinCodeAlphabet)]
			i++
		}
	}
	return string(b)
}
