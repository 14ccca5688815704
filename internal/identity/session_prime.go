package identity

import (
	"context"
	"fmt"
	"time"

	"memora/internal/cache"
	"memora/internal/store"
)

// PrimeSessions loads into the session cache the login sessions seen since since, at most
// limit, the latest first, so that a fresh server answers the first requests of the students
// who were active before it started as a warm server does (app.Prime): one query for the
// sessions with their users, one for the users' roles, and one per institution whose time
// zone is not cached yet, where each first request would otherwise make three. The entries'
// expiries are spread over the second half of the cache's TTL (cache.Staggered), so they
// are not all reloaded in the same second. It may run while the server serves: a session a
// request loaded meanwhile is kept, and none is stored after a session was forgotten since
// the read began (sessionCache.prime). It returns one principal per user primed, for
// priming what the students' requests read next.
func (s *Service) PrimeSessions(ctx context.Context, since time.Time, limit int) ([]Principal, error) {
	now := s.Clock.Now()
	stamp := s.sessions.stamp() // before the read: a logout or a change meanwhile wins
	recent, err := s.Store.AuthSessionsRecent(ctx, store.AuthSessionsRecentParams{Since: since, Now: now, Limit: limit})
	if err != nil {
		return nil, fmt.Errorf("prime sessions: %w", err)
	}
	users := map[int64]store.User{}
	var ids []int64
	for _, r := range recent {
		if _, seen := users[r.User.ID]; !seen && (!r.User.Demo || s.DemoMode) { // as enabledUser
			users[r.User.ID] = r.User
			ids = append(ids, r.User.ID)
		}
	}
	who, err := s.principals(ctx, users, ids)
	if err != nil {
		return nil, err
	}
	out := make([]Principal, 0, len(ids))
	for _, id := range ids {
		out = append(out, who[id])
	}
	for i, r := range recent {
		if p, ok := who[r.User.ID]; ok {
			expires := cache.Staggered(now, sessionCacheTTL, i, len(recent))
			if r.Session.ExpiresAt.Before(expires) {
				expires = r.Session.ExpiresAt
			}
			s.sessions.prime(stamp, r.Session.TokenHash, p, r.User, expires, now)
		}
	}
	return out, nil
}

// principals builds the principals of users (ids in order) with their roles read in one query.
func (s *Service) principals(ctx context.Context, users map[int64]store.User, ids []int64) (map[int64]Principal, error) {
	if len(ids) == 0 {
		return map[int64]Principal{}, nil
	}
	roles, err := s.Store.UserRolesByUsers(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("prime sessions: %w", err)
	}
	byUser := make(map[int64][]string, len(ids))
	for _, r := range roles {
		byUser[r.UserID] = append(byUser[r.UserID], r.Role)
	}
	out := make(map[int64]Principal, len(ids))
	for _, id := range ids {
		u := users[id]
		loc, err := s.Location(ctx, u.InstitutionID)
		if err != nil {
			return nil, fmt.Errorf("prime sessions: %w", err)
		}
		out[id] = newPrincipal(u, byUser[id], loc)
	}
	return out, nil
}

// newPrincipal is the caller u, with its roles and its institution's time zone.
func newPrincipal(u store.User, roles []string, loc *time.Location) Principal {
	return Principal{UserID: u.ID, InstitutionID: u.InstitutionID, Email: u.Email, FullName: u.FullName,
		AvatarURL: u.AvatarURL, Roles: roles, Location: loc}
}
