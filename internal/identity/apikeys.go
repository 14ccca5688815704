package identity

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"strings"
	"time"

	"memora/internal/audit"
	"memora/internal/problem"
	"memora/internal/store"
)

// ActionAPIKeyRevoked is the audit action of a revoked API key.
const ActionAPIKeyRevoked = "user.api_key_revoked"

// apiKeyTouchEvery bounds how often a key's last use is written (one write per minute per
// key, not one per request).
const apiKeyTouchEvery = time.Minute

const msgAPIKeyNotFound = "API key not found"

// APIKeyView is an API key as listed: never its secret, which is shown once at creation.
type APIKeyView struct {
	Key        string     `json:"key"`
	Label      string     `json:"label"`
	CreatedAt  time.Time  `json:"created_at"`
	ExpiresAt  *time.Time `json:"expires_at"`   // null: never expires
	LastUsedAt *time.Time `json:"last_used_at"` // null: never used
	Expired    bool       `json:"expired"`
}

// CreateAPIKey issues a key and secret for a user, valid for expiresIn (0: until revoked);
// only the secret's hash is stored, so the secret is shown once. actor names who did it in
// the audit log.
func (s *Service) CreateAPIKey(ctx context.Context, actor string, u store.User, label string, expiresIn time.Duration) (key, secret string, err error) {
	if expiresIn < 0 {
		return "", "", problem.InvalidMsg("The expiry of an API key must not be negative.")
	}
	now := s.Clock.Now()
	var expires *time.Time
	if expiresIn > 0 {
		at := now.Add(expiresIn)
		expires = &at
	}
	key, secret = randomToken(12), randomToken(24)
	err = s.Store.InTx(ctx, func(tx store.Executor) error {
		err := tx.APIKeyInsert(ctx, store.APIKey{Key: key, UserID: u.ID, SecretHash: hashToken(secret),
			Label: label, CreatedAt: now, ExpiresAt: expires})
		if err != nil {
			return err
		}
		return s.Audit.Record(ctx, tx, audit.Entry{InstitutionID: u.InstitutionID, ActorEmail: actor,
			Action: audit.APIKeyCreated, Target: u.Email, Detail: map[string]any{"label": label, "key": key, "expires_at": expires}})
	})
	if err != nil {
		return "", "", fmt.Errorf("create api key: %w", err)
	}
	return key, secret, nil
}

// APIKeys lists a user's keys, oldest first.
func (s *Service) APIKeys(ctx context.Context, userID int64) ([]APIKeyView, error) {
	keys, err := s.Store.APIKeyList(ctx, userID)
	if err != nil {
		return nil, fmt.Errorf("api keys: %w", err)
	}
	now := s.Clock.Now()
	out := make([]APIKeyView, len(keys))
	for i, k := range keys {
		out[i] = APIKeyView{Key: k.Key, Label: k.Label, CreatedAt: k.CreatedAt, ExpiresAt: k.ExpiresAt,
			LastUsedAt: k.LastUsedAt, Expired: expired(k, now)}
	}
	return out, nil
}

// RevokeAPIKey deletes a key of the user at once (404 when the user has no such key),
// audited with actor.
func (s *Service) RevokeAPIKey(ctx context.Context, actor string, u store.User, key string) error {
	err := s.Store.InTx(ctx, func(tx store.Executor) error {
		if err := tx.APIKeyDelete(ctx, u.ID, strings.TrimSpace(key)); errors.Is(err, store.ErrNotFound) {
			return problem.NotFoundMsg(msgAPIKeyNotFound)
		} else if err != nil {
			return err
		}
		return s.Audit.Record(ctx, tx, audit.Entry{InstitutionID: u.InstitutionID, ActorEmail: actor,
			Action: ActionAPIKeyRevoked, Target: u.Email, Detail: map[string]string{"key": key}})
	})
	if _, ok := problem.As(err); ok || err == nil {
		return err
	}
	return fmt.Errorf("revoke api key: %w", err)
}

// StaffAPIKeys lists the keys of a user the staff caller reaches (the admin desk).
func (s *Service) StaffAPIKeys(ctx context.Context, c Caller, userID int64) ([]APIKeyView, error) {
	if _, err := s.staffUser(ctx, s.Store, c, userID); err != nil {
		return nil, err
	}
	return s.APIKeys(ctx, userID)
}

// StaffRevokeAPIKey revokes a key of a user the staff caller reaches (the admin desk).
func (s *Service) StaffRevokeAPIKey(ctx context.Context, c Caller, userID int64, key string) error {
	u, err := s.staffUser(ctx, s.Store, c, userID)
	if err != nil {
		return err
	}
	actor := c.Email
	if actor == "" {
		actor = fmt.Sprintf("user %d", c.UserID)
	}
	return s.RevokeAPIKey(ctx, actor, u, key)
}

// AuthenticateAPIKey returns the caller of "key:secret". An expired or revoked key, or a
// wrong secret, is ErrInvalidCredentials; a use is recorded (at most once a minute).
func (s *Service) AuthenticateAPIKey(ctx context.Context, keyAndSecret string) (Principal, error) {
	key, secret, ok := strings.Cut(keyAndSecret, ":")
	if !ok || key == "" || secret == "" {
		return Principal{}, ErrInvalidCredentials
	}
	k, err := s.Store.APIKeyGet(ctx, key)
	if errors.Is(err, store.ErrNotFound) {
		return Principal{}, ErrInvalidCredentials
	}
	if err != nil {
		return Principal{}, fmt.Errorf("authenticate key: %w", err)
	}
	now := s.Clock.Now()
	if subtle.ConstantTimeCompare(hashToken(secret), k.SecretHash) != 1 || expired(k, now) {
		return Principal{}, ErrInvalidCredentials
	}
	who, err := s.principalByID(ctx, k.UserID)
	if err != nil {
		return Principal{}, err
	}
	if k.LastUsedAt == nil || now.Sub(*k.LastUsedAt) >= apiKeyTouchEvery {
		if err := s.Store.APIKeyTouch(ctx, k.Key, now); err != nil {
			s.Logger.Warn("api key touch failed", "err", err)
		}
	}
	return who, nil
}

func expired(k store.APIKey, now time.Time) bool {
	return k.ExpiresAt != nil && !now.Before(*k.ExpiresAt)
}
