package store

import (
	"context"
	"time"
)

// JoinCode lets whoever knows it create an account of Role (always Student) in an
// institution, until it expires, runs out of uses or is disabled. Codes are upper-case.
type JoinCode struct {
	Code          string
	InstitutionID string
	Role          string
	ExpiresAt     *time.Time // nil: never expires
	MaxUses       *int64     // nil: unlimited
	Uses          int64
	CreatedBy     string
	DisabledAt    *time.Time // nil: enabled
	CreatedAt     time.Time
}

// PasswordReset is one "forgot password" link; only its token's SHA-256 is stored.
type PasswordReset struct {
	TokenHash []byte
	UserID    int64
	CreatedAt time.Time
	ExpiresAt time.Time
	UsedAt    *time.Time
}

// DueCountParams selects a player's live memory items of a season due before Until; those
// due before From are counted at From.
type DueCountParams struct {
	UserID   int64
	SeasonID string
	From     time.Time
	Until    time.Time
}

// DueCount is how many items fall due in the quarter hour starting at At.
type DueCount struct {
	At    time.Time
	Count int64
}

// SignUpExecutor holds join codes, first-party account creation, password resets and the
// review forecast.
type SignUpExecutor interface {
	// JoinCodeInsert adds a code; ErrConflict when the code exists.
	JoinCodeInsert(ctx context.Context, c JoinCode) error
	// JoinCodeUpsert adds a code or updates everything but its uses and creation time (imports).
	JoinCodeUpsert(ctx context.Context, c JoinCode) error
	JoinCodeGet(ctx context.Context, code string) (JoinCode, error)
	// JoinCodeList lists an institution's codes, newest first.
	JoinCodeList(ctx context.Context, institutionID string) ([]JoinCode, error)
	// JoinCodeDisable disables a code (keeping the first disabling time); ErrNotFound when
	// there is no such code.
	JoinCodeDisable(ctx context.Context, code string, at time.Time) error
	// JoinCodeUse counts one use of a code that is enabled, unexpired at now and has uses
	// left; ErrNotFound when the code cannot be used (missing, disabled, expired, used up).
	JoinCodeUse(ctx context.Context, code string, now time.Time) error

	// UserInsert creates a user; ErrConflict when the e-mail is taken (never updates one).
	UserInsert(ctx context.Context, p UserUpsertParams) (User, error)
	// AuthSessionDeleteByUser ends every session of a user.
	AuthSessionDeleteByUser(ctx context.Context, userID int64) (int64, error)

	PasswordResetInsert(ctx context.Context, r PasswordReset) error
	PasswordResetGet(ctx context.Context, tokenHash []byte) (PasswordReset, error)
	// PasswordResetUse marks an unused, unexpired token used at now; ErrNotFound otherwise.
	PasswordResetUse(ctx context.Context, tokenHash []byte, now time.Time) error
	// PasswordResetSpendByUser marks every unused token of a user used at now (a completed
	// reset spends the account's other links) and reports how many.
	PasswordResetSpendByUser(ctx context.Context, userID int64, now time.Time) (int64, error)
	PasswordResetDeleteExpired(ctx context.Context, now time.Time) (int64, error)

	// MemoryDueQuarterHours counts a player's live items per quarter hour of their due time
	// (see DueCountParams), in time order.
	MemoryDueQuarterHours(ctx context.Context, p DueCountParams) ([]DueCount, error)
}
