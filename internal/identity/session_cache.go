package identity

import (
	"context"
	"fmt"
	"sync"
	"time"

	"memora/internal/cache"
	"memora/internal/store"
)

// sessionCacheTTL bounds how long a server keeps a session it has already loaded: every
// request would otherwise cost three queries (session, user, roles) before any work. A cache
// hit still makes one indexed read, the session's user's session version
// (store.AuthSessionVersion), so a logout, a password change, a role removed or a disabled
// account on any instance take effect at once everywhere: a session that is gone is refused
// and one whose version moved is loaded again.
const sessionCacheTTL = 30 * time.Second

// cachedSession is a loaded session: its caller, and the user's session version and demo
// mark then.
type cachedSession struct {
	who     Principal
	version int64
	demo    bool
}

// sessionCache maps a session token hash to its caller (a cache.TTL, made on first use so
// the zero Service works).
type sessionCache struct {
	once    sync.Once
	entries *cache.TTL[string, cachedSession]
}

func (c *sessionCache) ttl() *cache.TTL[string, cachedSession] {
	c.once.Do(func() { c.entries = cache.NewTTL[string, cachedSession](sessionCacheTTL, 100_000) })
	return c.entries
}

func (c *sessionCache) get(hash []byte, now time.Time) (cachedSession, bool) {
	return c.ttl().Get(string(hash), now)
}

// put keeps who (loaded from u) until the earlier of the cache TTL and the session's own
// expiry.
func (c *sessionCache) put(hash []byte, who Principal, u store.User, sessionExpires, now time.Time) {
	c.ttl().PutUntil(string(hash), cachedSession{who: who, version: u.SessionVersion, demo: u.Demo}, now, sessionExpires)
}

// stamp is the cache's generation, taken before a bulk read to hand to prime.
func (c *sessionCache) stamp() uint64 { return c.ttl().Stamp() }

// prime keeps who like put, unless a request loaded the session meanwhile (or is loading
// it) or a session was forgotten since stamp (cache.TTL.Prime): start-up priming runs
// while the server serves and never replaces what a request loaded.
func (c *sessionCache) prime(stamp uint64, hash []byte, who Principal, u store.User, expires, now time.Time) bool {
	return c.ttl().Prime(stamp, string(hash), cachedSession{who: who, version: u.SessionVersion, demo: u.Demo}, now, expires)
}

func (c *sessionCache) forget(hash []byte) { c.ttl().Delete(string(hash)) }

// forgetUser drops every cached session of a user on this server (other servers notice the
// new session version on their next hit).
func (c *sessionCache) forgetUser(userID int64) {
	c.ttl().DeleteFunc(func(_ string, e cachedSession) bool { return e.who.UserID == userID })
}

// endSessions, in a transaction that changes what a user may do, raises the user's session
// version (every server reloads the user's sessions at their next request) and, with all,
// also deletes every session of the user (they must log in again). It returns how many
// sessions were deleted. The caller forgets the user's cached sessions after the commit.
func endSessions(ctx context.Context, tx store.Executor, userID int64, all bool) (int64, error) {
	if err := tx.UserBumpSessionVersion(ctx, userID); err != nil {
		return 0, err
	}
	if !all {
		return 0, nil
	}
	return tx.AuthSessionDeleteByUser(ctx, userID)
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
