package identity

import (
	"sync"
	"time"
)

// sessionCacheTTL bounds how long a server trusts a session it has already checked: every
// request would otherwise cost three queries before any work. Logging out on this server
// takes effect at once; a logout on another server, a disabled account or a role change
// take effect within this long. A student acts every few seconds while playing: at 10 s
// about half the requests of a busy server still paid the three queries.
const sessionCacheTTL = 30 * time.Second

// sessionCache maps a session token hash to its caller.
type sessionCache struct {
	mu      sync.Mutex
	entries map[string]cachedSession
}

type cachedSession struct {
	who     Principal
	expires time.Time // the earlier of the cache TTL and the session's own expiry
}

func (c *sessionCache) get(hash []byte, now time.Time) (Principal, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[string(hash)]
	if !ok || !now.Before(e.expires) {
		return Principal{}, false
	}
	return e.who, true
}

func (c *sessionCache) put(hash []byte, who Principal, sessionExpires, now time.Time) {
	expires := now.Add(sessionCacheTTL)
	if sessionExpires.Before(expires) {
		expires = sessionExpires
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil || len(c.entries) >= 100_000 {
		c.sweep(now)
	}
	c.entries[string(hash)] = cachedSession{who: who, expires: expires}
}

func (c *sessionCache) sweep(now time.Time) {
	fresh := make(map[string]cachedSession, len(c.entries)/2)
	for k, e := range c.entries {
		if now.Before(e.expires) {
			fresh[k] = e
		}
	}
	c.entries = fresh
}

func (c *sessionCache) forget(hash []byte) {
	c.mu.Lock()
	delete(c.entries, string(hash))
	c.mu.Unlock()
}
