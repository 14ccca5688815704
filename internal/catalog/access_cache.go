package catalog

import (
	"time"

	"memora/internal/cache"
)

// AccessCache remembers each player's Access for one institution-local day, so the map,
// lesson checks and get_user_access_keys do not read subscriptions on every call. An entry
// is only good for the day it was computed on: season dates are compared with that day.
//
// The in-process MemoryAccessCache serves one process; a Redis implementation (one key per
// user plus a generation key for InvalidateAll) can take its place when several app servers
// must agree. Whoever changes a subscription, approves a purchase or changes a season's
// dates calls Invalidate or InvalidateAll.
type AccessCache interface {
	// Get returns the cached Access of userID for day. On a miss, the returned Stamp must be
	// handed to Put, so that an invalidation racing with the load wins.
	Get(userID int64, day time.Time) (Access, Stamp, bool)
	// Put stores a freshly loaded Access unless the user was invalidated after Get.
	Put(userID int64, day time.Time, a Access, s Stamp)
	// Invalidate forgets one user's entry (a subscription or an approval changed).
	Invalidate(userID int64)
	// InvalidateAll forgets every entry (a season's dates changed).
	InvalidateAll()
}

// Stamp identifies the cache generation a load started in.
type Stamp struct{ gen uint64 }

// DefaultAccessCacheSize bounds the in-process cache.
const DefaultAccessCacheSize = 100_000

// MemoryAccessCache is the in-process AccessCache, a cache.TTL keyed by user. Entries are
// stored and read with their day as the clock, so one is never served for another day.
type MemoryAccessCache struct {
	entries *cache.TTL[int64, accessEntry]
}

type accessEntry struct {
	day    time.Time
	access Access
}

var _ AccessCache = (*MemoryAccessCache)(nil)

// NewMemoryAccessCache returns an empty cache of at most size entries (expired entries, then
// the whole cache, are dropped when it is full: a miss only costs one query).
func NewMemoryAccessCache(size int) *MemoryAccessCache {
	if size <= 0 {
		size = DefaultAccessCacheSize
	}
	return &MemoryAccessCache{entries: cache.NewTTL[int64, accessEntry](24*time.Hour, size)}
}

// Get implements AccessCache.
func (c *MemoryAccessCache) Get(userID int64, day time.Time) (Access, Stamp, bool) {
	s := Stamp{gen: c.entries.Stamp()}
	e, ok := c.entries.Get(userID, day)
	if !ok || !e.day.Equal(day) {
		return Access{}, s, false
	}
	return e.access, s, true
}

// Put implements AccessCache.
func (c *MemoryAccessCache) Put(userID int64, day time.Time, a Access, s Stamp) {
	c.entries.PutStamped(s.gen, userID, accessEntry{day: day, access: a}, day)
}

// Invalidate implements AccessCache.
func (c *MemoryAccessCache) Invalidate(userID int64) { c.entries.Delete(userID) }

// InvalidateAll implements AccessCache.
func (c *MemoryAccessCache) InvalidateAll() { c.entries.Clear() }

// Len is the number of cached entries.
func (c *MemoryAccessCache) Len() int { return c.entries.Len() }
