package catalog

import (
	"sync"
	"time"
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
type Stamp struct{ all, user uint64 }

// DefaultAccessCacheSize bounds the in-process cache.
const DefaultAccessCacheSize = 100_000

// MemoryAccessCache is the in-process AccessCache.
type MemoryAccessCache struct {
	mu      sync.Mutex
	max     int
	all     uint64
	users   map[int64]uint64
	entries map[int64]accessEntry
}

type accessEntry struct {
	day    time.Time
	access Access
	stamp  Stamp
}

var _ AccessCache = (*MemoryAccessCache)(nil)

// NewMemoryAccessCache returns an empty cache of at most size entries (the whole cache is
// dropped when it is full: cheap, and a miss only costs one query).
func NewMemoryAccessCache(size int) *MemoryAccessCache {
	if size <= 0 {
		size = DefaultAccessCacheSize
	}
	return &MemoryAccessCache{max: size, users: map[int64]uint64{}, entries: map[int64]accessEntry{}}
}

func (c *MemoryAccessCache) stamp(userID int64) Stamp {
	return Stamp{all: c.all, user: c.users[userID]}
}

// Get implements AccessCache.
func (c *MemoryAccessCache) Get(userID int64, day time.Time) (Access, Stamp, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	s := c.stamp(userID)
	e, ok := c.entries[userID]
	if !ok || !e.day.Equal(day) || e.stamp != s {
		return Access{}, s, false
	}
	return e.access, s, true
}

// Put implements AccessCache.
func (c *MemoryAccessCache) Put(userID int64, day time.Time, a Access, s Stamp) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.stamp(userID) != s {
		return
	}
	if len(c.entries) >= c.max {
		c.entries = map[int64]accessEntry{}
	}
	c.entries[userID] = accessEntry{day: day, access: a, stamp: s}
}

// Invalidate implements AccessCache.
func (c *MemoryAccessCache) Invalidate(userID int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.users[userID]++
	delete(c.entries, userID)
}

// InvalidateAll implements AccessCache.
func (c *MemoryAccessCache) InvalidateAll() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.all++
	c.users = map[int64]uint64{}
	c.entries = map[int64]accessEntry{}
}

// Len is the number of cached entries.
func (c *MemoryAccessCache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.entries)
}
