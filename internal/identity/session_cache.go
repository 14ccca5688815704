package identity

import (
	"context"
	"fmt"
	"sync"
	"time"

	"memora/internal/cache"
)

// sessionCacheTTL bounds how long a server trusts a session it has already checked: every
// request would otherwise cost three queries before any work. Logging out on this server
// takes effect at once; a logout on another server, a disabled account or a role change
// take effect within this long. A student acts every few seconds while playing: at 10 s
// about half the requests of a busy server still paid the three queries.
const sessionCacheTTL = 30 * time.Second

// sessionCache maps a session token hash to its caller (a cache.TTL, made on first use so
// the zero Service works).
type sessionCache struct {
	once    sync.Once
	entries *cache.TTL[string, Principal]
}

func (c *sessionCache) ttl() *cache.TTL[string, Principal] {
	c.once.Do(func() { c.entries = cache.NewTTL[string, Principal](sessionCacheTTL, 100_000) })
	return c.entries
}

func (c *sessionCache) get(hash []byte, now time.Time) (Principal, bool) {
	return c.ttl().Get(string(hash), now)
}

// put keeps who until the earlier of the cache TTL and the session's own expiry.
func (c *sessionCache) put(hash []byte, who Principal, sessionExpires, now time.Time) {
	c.ttl().PutUntil(string(hash), who, now, sessionExpires)
}

func (c *sessionCache) forget(hash []byte) { c.ttl().Delete(string(hash)) }

// forgetUser drops every cached session of a user (after a password reset).
func (c *sessionCache) forgetUser(userID int64) {
	c.ttl().DeleteFunc(func(_ string, who Principal) bool { return who.UserID == userID })
}

// SweepSessions deletes the login sessions that have expired (the hourly job) and reports
// how many; expired password reset links go with them.
func (s *Service) SweepSessions(ctx context.Context) (int64, error) {
	n, err := s.Store.AuthSessionDeleteExpired(ctx, s.Clock.Now())
	if err != nil {
		return 0, fmt.Errorf("sweep sessions: %w", err)
	}
	if _, err := s.Store.PasswordResetDeleteExpired(ctx, s.Clock.Now()); err != nil {
		return n, fmt.Errorf("sweep password resets: %w", err)
	}
	return n, nil
}
