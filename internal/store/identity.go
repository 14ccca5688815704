package store

import (
	"context"
	"time"
)

// Roles a user may hold.
const (
	RoleStudent          = "Student"
	RoleTeacher          = "Teacher"
	RoleContentManager   = "Content Manager"
	RoleInstitutionAdmin = "Institution Admin"
	RoleSystemManager    = "System Manager"
)

// Institution is a tenant: every user belongs to one.
type Institution struct {
	ID       string
	Name     string
	NameEN   string
	TimeZone string
}

// User is an account. PasswordHash is empty when password login is disabled.
type User struct {
	ID            int64
	InstitutionID string
	Email         string
	FullName      string
	AvatarURL     string
	PasswordHash  string
	Enabled       bool
	CreatedAt     time.Time
	// SessionVersion goes up when the user's sessions must end or be re-read at once
	// (a password change, a role removed, the account disabled), on every instance.
	SessionVersion int64
	// Demo marks an account the demo loader made: it logs in only in demo mode.
	Demo bool
}

// UserUpsertParams creates a user or updates the named fields of the user with that email.
type UserUpsertParams struct {
	InstitutionID string
	Email         string
	FullName      string
	AvatarURL     string
	Enabled       bool
	CreatedAt     time.Time
}

// AuthSession is a server-side login session; the cookie holds the token, the row its hash.
type AuthSession struct {
	TokenHash  []byte
	UserID     int64
	CreatedAt  time.Time
	ExpiresAt  time.Time
	LastSeenAt time.Time
}

// APIKey authenticates `Authorization: token <key>:<secret>`; only the secret's hash is kept.
type APIKey struct {
	Key        string
	UserID     int64
	SecretHash []byte
	Label      string
	CreatedAt  time.Time
	ExpiresAt  *time.Time // nil: never expires
	LastUsedAt *time.Time // nil: never used
}

// IdentityExecutor holds institutions, users, roles, sessions and API keys.
type IdentityExecutor interface {
	InstitutionUpsert(ctx context.Context, in Institution) error
	InstitutionGet(ctx context.Context, id string) (Institution, error)
	InstitutionList(ctx context.Context) ([]Institution, error)

	UserUpsert(ctx context.Context, p UserUpsertParams) (User, error)
	UserGet(ctx context.Context, id int64) (User, error)
	UserGetByEmail(ctx context.Context, email string) (User, error)
	UserSetPassword(ctx context.Context, id int64, hash string) error
	UserSetEnabled(ctx context.Context, id int64, enabled bool) error
	UserCount(ctx context.Context) (int64, error)
	// UserBumpSessionVersion raises the user's session version (ErrNotFound: no user).
	UserBumpSessionVersion(ctx context.Context, id int64) error
	// UserSetDemo marks (or unmarks) a demo account (ErrNotFound: no user).
	UserSetDemo(ctx context.Context, id int64, demo bool) error

	UserRoleAdd(ctx context.Context, userID int64, role string) error
	UserRoleRemove(ctx context.Context, userID int64, role string) error
	UserRoles(ctx context.Context, userID int64) ([]string, error)

	AuthSessionInsert(ctx context.Context, s AuthSession) error
	AuthSessionGet(ctx context.Context, tokenHash []byte) (AuthSession, error)
	AuthSessionTouch(ctx context.Context, tokenHash []byte, lastSeen, expires time.Time) error
	AuthSessionDelete(ctx context.Context, tokenHash []byte) error
	AuthSessionDeleteExpired(ctx context.Context, now time.Time) (int64, error)
	// AuthSessionVersion is the session version of the user of a session (ErrNotFound: the
	// session is gone) — one indexed read, made on each session-cache hit.
	AuthSessionVersion(ctx context.Context, tokenHash []byte) (int64, error)

	APIKeyInsert(ctx context.Context, k APIKey) error
	APIKeyGet(ctx context.Context, key string) (APIKey, error)
	// APIKeyList is a user's keys, oldest first.
	APIKeyList(ctx context.Context, userID int64) ([]APIKey, error)
	// APIKeyDelete revokes a key of the user (ErrNotFound: no such key of theirs).
	APIKeyDelete(ctx context.Context, userID int64, key string) error
	// APIKeyTouch records a key's use.
	APIKeyTouch(ctx context.Context, key string, at time.Time) error
}
