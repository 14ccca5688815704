package litestore

import (
	"context"
	"time"

	"memora/internal/store"
	"memora/internal/store/litestore/litedb"
)

func joinCode(r litedb.JoinCode) store.JoinCode {
	return store.JoinCode{
		Code: r.Code, InstitutionID: r.InstitutionID, Role: r.Role, ExpiresAt: fromMicrosPtr(r.ExpiresAt),
		MaxUses: r.MaxUses, Uses: r.Uses, CreatedBy: r.CreatedBy, DisabledAt: fromMicrosPtr(r.DisabledAt),
		CreatedAt: fromMicros(r.CreatedAt),
	}
}

func (e executor) JoinCodeInsert(ctx context.Context, c store.JoinCode) error {
	return wrap("join code insert", e.w.JoinCodeInsert(ctx, litedb.JoinCodeInsertParams{
		Code: c.Code, InstitutionID: c.InstitutionID, Role: c.Role, ExpiresAt: microsPtr(c.ExpiresAt),
		MaxUses: c.MaxUses, CreatedBy: c.CreatedBy, DisabledAt: microsPtr(c.DisabledAt), CreatedAt: micros(c.CreatedAt),
	}))
}

func (e executor) JoinCodeUpsert(ctx context.Context, c store.JoinCode) error {
	return wrap("join code upsert", e.w.JoinCodeUpsert(ctx, litedb.JoinCodeUpsertParams{
		Code: c.Code, InstitutionID: c.InstitutionID, Role: c.Role, ExpiresAt: microsPtr(c.ExpiresAt),
		MaxUses: c.MaxUses, CreatedBy: c.CreatedBy, DisabledAt: microsPtr(c.DisabledAt), CreatedAt: micros(c.CreatedAt),
	}))
}

func (e executor) JoinCodeGet(ctx context.Context, code string) (store.JoinCode, error) {
	r, err := e.r.JoinCodeGet(ctx, code)
	return joinCode(r), wrap("join code get", err)
}

func (e executor) JoinCodeList(ctx context.Context, institutionID string) ([]store.JoinCode, error) {
	rows, err := e.r.JoinCodeList(ctx, institutionID)
	out := make([]store.JoinCode, len(rows))
	for i, r := range rows {
		out[i] = joinCode(r)
	}
	return out, wrap("join code list", err)
}

func (e executor) JoinCodeDisable(ctx context.Context, code string, at time.Time) error {
	n, err := e.w.JoinCodeDisable(ctx, litedb.JoinCodeDisableParams{DisabledAt: microsPtr(&at), Code: code})
	return affected("join code disable", n, err)
}

func (e executor) JoinCodeUse(ctx context.Context, code string, now time.Time) error {
	n, err := e.w.JoinCodeUse(ctx, litedb.JoinCodeUseParams{Code: code, Now: microsPtr(&now)})
	return affected("join code use", n, err)
}

func (e executor) UserInsert(ctx context.Context, p store.UserUpsertParams) (store.User, error) {
	r, err := e.w.UserInsert(ctx, litedb.UserInsertParams{
		InstitutionID: p.InstitutionID, Email: p.Email, FullName: p.FullName, AvatarUrl: p.AvatarURL,
		Enabled: p.Enabled, CreatedAt: micros(p.CreatedAt),
	})
	return user(r), wrap("user insert", err)
}

func (e executor) AuthSessionDeleteByUser(ctx context.Context, userID int64) (int64, error) {
	n, err := e.w.AuthSessionDeleteByUser(ctx, userID)
	return n, wrap("auth session delete by user", err)
}

func (e executor) PasswordResetInsert(ctx context.Context, r store.PasswordReset) error {
	return wrap("password reset insert", e.w.PasswordResetInsert(ctx, litedb.PasswordResetInsertParams{
		TokenHash: r.TokenHash, UserID: r.UserID, CreatedAt: micros(r.CreatedAt), ExpiresAt: micros(r.ExpiresAt),
	}))
}

func (e executor) PasswordResetGet(ctx context.Context, tokenHash []byte) (store.PasswordReset, error) {
	r, err := e.r.PasswordResetGet(ctx, tokenHash)
	return store.PasswordReset{TokenHash: r.TokenHash, UserID: r.UserID, CreatedAt: fromMicros(r.CreatedAt),
		ExpiresAt: fromMicros(r.ExpiresAt), UsedAt: fromMicrosPtr(r.UsedAt)}, wrap("password reset get", err)
}

func (e executor) PasswordResetUse(ctx context.Context, tokenHash []byte, now time.Time) error {
	n, err := e.w.PasswordResetUse(ctx, litedb.PasswordResetUseParams{Now: microsPtr(&now), TokenHash: tokenHash})
	return affected("password reset use", n, err)
}

func (e executor) PasswordResetSpendByUser(ctx context.Context, userID int64, now time.Time) (int64, error) {
	n, err := e.w.PasswordResetSpendByUser(ctx, litedb.PasswordResetSpendByUserParams{Now: microsPtr(&now), UserID: userID})
	return n, wrap("password reset spend by user", err)
}

func (e executor) PasswordResetDeleteExpired(ctx context.Context, now time.Time) (int64, error) {
	n, err := e.w.PasswordResetDeleteExpired(ctx, micros(now))
	return n, wrap("password reset delete expired", err)
}

// quarterHour is the forecast's bucket: due times are counted per 15 minutes.
const quarterHour = 15 * time.Minute

func (e executor) MemoryDueQuarterHours(ctx context.Context, p store.DueCountParams) ([]store.DueCount, error) {
	rows, err := e.r.MemoryDueQuarterHours(ctx, litedb.MemoryDueQuarterHoursParams{
		FromDue: micros(p.From), UserID: p.UserID, SeasonID: p.SeasonID, UntilDue: micros(p.Until),
	})
	out := make([]store.DueCount, len(rows))
	for i, r := range rows {
		out[i] = store.DueCount{At: time.Unix(r.Quarter*int64(quarterHour/time.Second), 0).UTC(), Count: r.N}
	}
	return out, wrap("memory due quarter hours", err)
}
