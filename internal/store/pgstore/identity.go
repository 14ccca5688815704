package pgstore

import (
	"context"
	"time"

	"memora/internal/store"
	"memora/internal/store/pgstore/pgdb"
)

func (e executor) InstitutionUpsert(ctx context.Context, in store.Institution) error {
	return wrap("institution upsert", e.q.InstitutionUpsert(ctx, pgdb.InstitutionUpsertParams{
		ID: in.ID, Name: in.Name, NameEn: in.NameEN, TimeZone: in.TimeZone,
	}))
}

func (e executor) InstitutionGet(ctx context.Context, id string) (store.Institution, error) {
	r, err := e.q.InstitutionGet(ctx, id)
	return store.Institution{ID: r.ID, Name: r.Name, NameEN: r.NameEn, TimeZone: r.TimeZone}, wrap("institution get", err)
}

func (e executor) InstitutionList(ctx context.Context) ([]store.Institution, error) {
	rows, err := e.q.InstitutionList(ctx)
	out := make([]store.Institution, len(rows))
	for i, r := range rows {
		out[i] = store.Institution{ID: r.ID, Name: r.Name, NameEN: r.NameEn, TimeZone: r.TimeZone}
	}
	return out, wrap("institution list", err)
}

func user(r pgdb.User) store.User {
	return store.User{
		ID: r.ID, InstitutionID: r.InstitutionID, Email: r.Email, FullName: r.FullName,
		AvatarURL: r.AvatarUrl, PasswordHash: r.PasswordHash, Enabled: r.Enabled, CreatedAt: r.CreatedAt,
		SessionVersion: r.SessionVersion, Demo: r.Demo,
	}
}

func (e executor) UserUpsert(ctx context.Context, p store.UserUpsertParams) (store.User, error) {
	r, err := e.q.UserUpsert(ctx, pgdb.UserUpsertParams{
		InstitutionID: p.InstitutionID, Email: p.Email, FullName: p.FullName, AvatarUrl: p.AvatarURL,
		Enabled: p.Enabled, CreatedAt: p.CreatedAt,
	})
	return user(r), wrap("user upsert", err)
}

func (e executor) UserGet(ctx context.Context, id int64) (store.User, error) {
	r, err := e.q.UserGet(ctx, id)
	return user(r), wrap("user get", err)
}

func (e executor) UserGetByEmail(ctx context.Context, email string) (store.User, error) {
	r, err := e.q.UserGetByEmail(ctx, email)
	return user(r), wrap("user get by email", err)
}

func (e executor) UserSetPassword(ctx context.Context, id int64, hash string) error {
	n, err := e.q.UserSetPassword(ctx, pgdb.UserSetPasswordParams{PasswordHash: hash, ID: id})
	return affected("user set password", n, err)
}

func (e executor) UserSetEnabled(ctx context.Context, id int64, enabled bool) error {
	n, err := e.q.UserSetEnabled(ctx, pgdb.UserSetEnabledParams{Enabled: enabled, ID: id})
	return affected("user set enabled", n, err)
}

func (e executor) UserCount(ctx context.Context) (int64, error) {
	n, err := e.q.UserCount(ctx)
	return n, wrap("user count", err)
}

func (e executor) UserRoleAdd(ctx context.Context, userID int64, role string) error {
	return wrap("user role add", e.q.UserRoleAdd(ctx, pgdb.UserRoleAddParams{UserID: userID, Role: role}))
}

func (e executor) UserRoleRemove(ctx context.Context, userID int64, role string) error {
	return wrap("user role remove", e.q.UserRoleRemove(ctx, pgdb.UserRoleRemoveParams{UserID: userID, Role: role}))
}

func (e executor) UserRoles(ctx context.Context, userID int64) ([]string, error) {
	roles, err := e.q.UserRoles(ctx, userID)
	return roles, wrap("user roles", err)
}

func (e executor) AuthSessionInsert(ctx context.Context, s store.AuthSession) error {
	return wrap("auth session insert", e.q.AuthSessionInsert(ctx, pgdb.AuthSessionInsertParams{
		TokenHash: s.TokenHash, UserID: s.UserID, CreatedAt: s.CreatedAt,
		ExpiresAt: s.ExpiresAt, LastSeenAt: s.LastSeenAt,
	}))
}

func (e executor) AuthSessionGet(ctx context.Context, tokenHash []byte) (store.AuthSession, error) {
	r, err := e.q.AuthSessionGet(ctx, tokenHash)
	return store.AuthSession{
		TokenHash: r.TokenHash, UserID: r.UserID, CreatedAt: r.CreatedAt,
		ExpiresAt: r.ExpiresAt, LastSeenAt: r.LastSeenAt,
	}, wrap("auth session get", err)
}

func (e executor) AuthSessionTouch(ctx context.Context, tokenHash []byte, lastSeen, expires time.Time) error {
	return wrap("auth session touch", e.q.AuthSessionTouch(ctx, pgdb.AuthSessionTouchParams{LastSeenAt: lastSeen, ExpiresAt: expires, TokenHash: tokenHash}))
}

func (e executor) AuthSessionDelete(ctx context.Context, tokenHash []byte) error {
	return wrap("auth session delete", e.q.AuthSessionDelete(ctx, tokenHash))
}

func (e executor) AuthSessionDeleteExpired(ctx context.Context, now time.Time) (int64, error) {
	n, err := e.q.AuthSessionDeleteExpired(ctx, now)
	return n, wrap("auth session delete expired", err)
}

func (e executor) APIKeyInsert(ctx context.Context, k store.APIKey) error {
	return wrap("api key insert", e.q.APIKeyInsert(ctx, pgdb.APIKeyInsertParams{
		ApiKey: k.Key, UserID: k.UserID, SecretHash: k.SecretHash, Label: k.Label, CreatedAt: k.CreatedAt, ExpiresAt: k.ExpiresAt,
	}))
}

func apiKey(r pgdb.ApiKey) store.APIKey {
	return store.APIKey{Key: r.ApiKey, UserID: r.UserID, SecretHash: r.SecretHash, Label: r.Label,
		CreatedAt: r.CreatedAt, ExpiresAt: r.ExpiresAt, LastUsedAt: r.LastUsedAt}
}

func (e executor) APIKeyGet(ctx context.Context, key string) (store.APIKey, error) {
	r, err := e.q.APIKeyGet(ctx, key)
	return apiKey(r), wrap("api key get", err)
}

func (e executor) APIKeyList(ctx context.Context, userID int64) ([]store.APIKey, error) {
	rows, err := e.q.APIKeyList(ctx, userID)
	out := make([]store.APIKey, len(rows))
	for i, r := range rows {
		out[i] = apiKey(r)
	}
	return out, wrap("api key list", err)
}

func (e executor) APIKeyDelete(ctx context.Context, userID int64, key string) error {
	n, err := e.q.APIKeyDelete(ctx, pgdb.APIKeyDeleteParams{ApiKey: key, UserID: userID})
	return affected("api key delete", n, err)
}

func (e executor) APIKeyTouch(ctx context.Context, key string, at time.Time) error {
	used := at
	return wrap("api key touch", e.q.APIKeyTouch(ctx, pgdb.APIKeyTouchParams{LastUsedAt: &used, ApiKey: key}))
}

func (e executor) UserBumpSessionVersion(ctx context.Context, id int64) error {
	n, err := e.q.UserBumpSessionVersion(ctx, id)
	return affected("user bump session version", n, err)
}

func (e executor) UserSetDemo(ctx context.Context, id int64, demo bool) error {
	n, err := e.q.UserSetDemo(ctx, pgdb.UserSetDemoParams{Demo: demo, ID: id})
	return affected("user set demo", n, err)
}

func (e executor) AuthSessionVersion(ctx context.Context, tokenHash []byte) (int64, error) {
	v, err := e.q.AuthSessionVersion(ctx, tokenHash)
	return v, wrap("auth session version", err)
}
