package store

import (
	"context"
	"time"
)

// PrimeExecutor reads, in a few set-based queries, the per-student rows a fresh server loads
// into its caches before it serves (app.Prime): the recently active login sessions with
// their users, and those users' roles, profiles and access.
type PrimeExecutor interface {
	// AuthSessionsRecent lists the unexpired sessions of enabled users seen since p.Since,
	// at most p.Limit, the latest first.
	AuthSessionsRecent(ctx context.Context, p AuthSessionsRecentParams) ([]RecentSession, error)
	// UserRolesByUsers lists the roles of users, by user then role.
	UserRolesByUsers(ctx context.Context, userIDs []int64) ([]UserRole, error)
	// ProfileListByUsers lists the profiles of users (none for a user without one).
	ProfileListByUsers(ctx context.Context, userIDs []int64) ([]PlayerProfile, error)
	// AccessGrantsActiveByUsers is AccessGrantsActive for many users at once, by user.
	AccessGrantsActiveByUsers(ctx context.Context, userIDs []int64, day time.Time) ([]UserAccessGrant, error)
}

// AuthSessionsRecentParams bounds AuthSessionsRecent.
type AuthSessionsRecentParams struct {
	Since time.Time // last seen at or after
	Now   time.Time // expiring after
	Limit int
}

// RecentSession is a login session with its user (without the password hash).
type RecentSession struct {
	Session AuthSession
	User    User
}

// UserRole is one role of one user.
type UserRole struct {
	UserID int64
	Role   string
}

// UserAccessGrant is one access grant of one user.
type UserAccessGrant struct {
	UserID int64
	AccessGrant
}
