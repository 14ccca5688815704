package pgstore

import (
	"context"
	"time"

	"memora/internal/store"
	"memora/internal/store/pgstore/pgdb"
)

func joinCode(r pgdb.JoinCode) store.JoinCode {
	return store.JoinCode{
		Code: r.Code, InstitutionID: r.InstitutionID, Role: r.Role, ExpiresAt: r.ExpiresAt, MaxUses: r.MaxUses,
		Uses: r.Uses, CreatedBy: r.CreatedBy, DisabledAt: r.DisabledAt, CreatedAt: r.CreatedAt,
	}
}

func (e executor) JoinCodeInsert(ctx context.Context, c store.JoinCode) error {
	return wrap("join code insert", e.q.JoinCodeInsert(ctx, pgdb.JoinCodeInsertParams{
		Code: c.Code, InstitutionID: c.InstitutionID, Role: c.Role, ExpiresAt: c.ExpiresAt, MaxUses: c.MaxUses,
		CreatedBy: c.CreatedBy, DisabledAt: c.DisabledAt, CreatedAt: c.CreatedAt,
	}))
}

func (e executor) JoinCodeUpsert(ctx context.Context, c store.JoinCode) error {
	return wrap("join code upsert", e.q.JoinCodeUpsert(ctx, pgdb.JoinCodeUpsertParams{
		Code: c.Code, InstitutionID: c.InstitutionID, Role: c.Role, ExpiresAt: c.ExpiresAt, MaxUses: c.MaxUses,
		CreatedBy: c.CreatedBy, DisabledAt: c.DisabledAt, CreatedAt: c.CreatedAt,
	}))
}

func (e executor) JoinCodeGet(ctx context.Context, code string) (store.JoinCode, error) {
	r, err := e.q.JoinCodeGet(ctx, code)
	return joinCode(r), wrap("join code get", err)
}

func (e executor) JoinCodeList(ctx context.Context, institutionID string) ([]store.JoinCode, error) {
	rows, err := e.q.JoinCodeList(ctx, institutionID)
	out := make([]store.JoinCode, len(rows))
	for i, r := range rows {
		out[i] = joinCode(r)
	}
	return out, wrap("join code list", err)
}

func (e executor) JoinCodeDisable(ctx context.Context, code string, at time.Time) error {
	n, err := e.q.JoinCodeDisable(ctx, pgdb.JoinCodeDisableParams{DisabledAt: &at, Code: code})
	return affected("join code disable", n, err)
}

func (e executor) JoinCodeUse(ctx context.Context, code string, now time.Time) error {
	n, err := e.q.JoinCodeUse(ctx, pgdb.JoinCodeUseParams{Code: code, Now: &now})
	return affected("join code use", n, err)
}

func (e executor) UserInsert(ctx context.Context, p store.UserUpsertParams) (store.User, error) {
	r, err := e.q.UserInsert(ctx, pgdb.UserInsertParams{
		InstitutionID: p.InstitutionID, Email: p.Email, FullName: p.FullName, AvatarUrl: p.AvatarURL,
		Enabled: p.Enabled, CreatedAt: p.CreatedAt,
	})
	return user(r), wrap("user insert", err)
}

func (e executor) AuthSessionDeleteByUser(ctx context.Context, userID int64) (int64, error) {
	n, err := e.q.AuthSessionDeleteByUser(ctx, userID)
	return n, wrap("auth session delete by user", err)
}

func (e executor) PasswordResetInsert(ctx context.Context, r store.PasswordReset) error {
	return wrap("password reset insert", e.q.PasswordResetInsert(ctx, pgdb.PasswordResetInsertParams{
		TokenHash: r.TokenHash, UserID: r.UserID, CreatedAt: r.CreatedAt, ExpiresAt: r.ExpiresAt,
	}))
}

func (e executor) PasswordResetGet(ctx context.Context, tokenHash []byte) (store.PasswordReset, error) {
	r, err := e.q.PasswordResetGet(ctx, tokenHash)
	return store.PasswordReset{TokenHash: r.TokenHash, UserID: r.UserID, CreatedAt: r.CreatedAt,
		ExpiresAt: r.ExpiresAt, UsedAt: r.UsedAt}, wrap("password reset get", err)
}

func (e executor) PasswordResetUse(ctx context.Context, tokenHash []byte, now time.Time) error {
	n, err := e.q.PasswordResetUse(ctx, pgdb.PasswordResetUseParams{Now: &now, TokenHash: tokenHash})
	return affected("password reset use", n, err)
}

func (e executor) PasswordResetSpendByUser(ctx context.Context, userID int64, now time.Time) (int64, error) {
	n, err := e.q.PasswordResetSpendByUser(ctx, pgdb.PasswordResetSpendByUserParams{Now: &now, UserID: userID})
	return n, wrap("password reset spend by user", err)
}

func (e executor) PasswordResetDeleteExpired(ctx context.Context, now time.Time) (int64, error) {
	n, err := e.q.PasswordResetDeleteExpired(ctx, now)
	return n, wrap("password reset delete expired", err)
}

// quarterHour is the forecast's bucket: due times are counted per 15 minutes.
const quarterHour = 15 * time.Minute

func (e executor) MemoryDueQuarterHours(ctx context.Context, p store.DueCountParams) ([]store.DueCount, error) {
	rows, err := e.q.MemoryDueQuarterHours(ctx, pgdb.MemoryDueQuarterHoursParams{
		FromDue: p.From, UserID: p.UserID, SeasonID: p.SeasonID, UntilDue: p.Until,
	})
	out := make([]store.DueCount, len(rows))
	for i, r := range rows {
		out[i] = store.DueCount{At: time.Unix(r.Quarter*int64(quarterHour/time.Second), 0).UTC(), Count: r.N}
	}
	return out, wrap("memory due quarter hours", err)
}
