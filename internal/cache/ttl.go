package cache

import (
	"errors"
	"sync"
	"time"
)

// TTL is the one small in-process cache type: a map whose entries expire a fixed time after
// they are stored (or earlier, PutUntil), safe for concurrent use. When it holds max entries
// the expired ones are swept, and when that frees nothing the map is dropped: cheap, and a
// miss only costs a reload. Delete and Clear win over loads that started before them: such
// a load's value is not kept (Load, PutStamped), so an invalidation is never undone by a
// slow reader. Concurrent Loads of the same missing key share one load (see Load).
type TTL[K comparable, V any] struct {
	ttl time.Duration
	max int

	mu      sync.Mutex
	gen     uint64 // bumped by Delete and Clear
	m       map[K]ttlEntry[V]
	flights map[K]*flight[V] // the loads in progress, by key
}

// flight is one load in progress that other Loads of its key wait for.
type flight[V any] struct {
	done  chan struct{} // closed when v and err are set
	stamp uint64        // the generation the load started in
	v     V
	err   error
}

// errLoadPanicked is what the Loads waiting on a load that panicked are told before they
// load for themselves.
var errLoadPanicked = errors.New("cache: load panicked")

type ttlEntry[V any] struct {
	v       V
	expires time.Time
}

// NewTTL returns an empty cache keeping entries for ttl, at most max of them (max <= 0: 100,000).
func NewTTL[K comparable, V any](ttl time.Duration, max int) *TTL[K, V] {
	if max <= 0 {
		max = 100_000
	}
	return &TTL[K, V]{ttl: ttl, max: max}
}

// Get returns the entry of k unless it is missing or expired at now.
func (c *TTL[K, V]) Get(k K, now time.Time) (V, bool) {
	c.mu.Lock()
	e, ok := c.m[k]
	c.mu.Unlock()
	if !ok || !now.Before(e.expires) {
		var zero V
		return zero, false
	}
	return e.v, true
}

// Stamp is the cache's generation, to hand to PutStamped after a load.
func (c *TTL[K, V]) Stamp() uint64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.gen
}

// Put stores v under k until now + the cache's TTL.
func (c *TTL[K, V]) Put(k K, v V, now time.Time) { c.PutUntil(k, v, now, now.Add(c.ttl)) }

// PutUntil stores v under k until the earlier of expires and now + the cache's TTL.
func (c *TTL[K, V]) PutUntil(k K, v V, now, expires time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.put(k, v, now, expires)
}

// PutStamped stores v under k like Put, unless the cache was invalidated (Delete, Clear)
// since stamp was taken.
func (c *TTL[K, V]) PutStamped(stamp uint64, k K, v V, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if stamp == c.gen {
		c.put(k, v, now, now.Add(c.ttl))
	}
}

// Prime stores v under k until the earlier of expires and now + the cache's TTL, for a
// value read in bulk before serving or while serving (start-up priming), and reports whether
// it did. It never replaces what requests loaded: it stores nothing when the cache was
// invalidated (Delete, Clear) since stamp was taken (before the read), when k holds an entry
// that has not expired, or when a Load of k is running (its value is at least as fresh).
func (c *TTL[K, V]) Prime(stamp uint64, k K, v V, now, expires time.Time) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if stamp != c.gen {
		return false
	}
	if e, ok := c.m[k]; ok && now.Before(e.expires) {
		return false
	}
	if _, loading := c.flights[k]; loading {
		return false
	}
	c.put(k, v, now, expires)
	return true
}

func (c *TTL[K, V]) put(k K, v V, now, expires time.Time) {
	if limit := now.Add(c.ttl); limit.Before(expires) {
		expires = limit
	}
	if c.m == nil {
		c.m = make(map[K]ttlEntry[V])
	}
	if _, ok := c.m[k]; !ok && len(c.m) >= c.max {
		c.sweep(now)
	}
	c.m[k] = ttlEntry[V]{v: v, expires: expires}
}

// sweep drops the expired entries, or everything when none had expired.
func (c *TTL[K, V]) sweep(now time.Time) {
	for k, e := range c.m {
		if !now.Before(e.expires) {
			delete(c.m, k)
		}
	}
	if len(c.m) >= c.max {
		c.m = make(map[K]ttlEntry[V])
	}
}

// Load returns the entry of k, or calls load and keeps its value when it succeeds (errors
// are not cached: a missing row is asked for again next time) and no invalidation happened
// meanwhile. Loads of a missing key that arrive while another Load of it is running wait
// for that load and share its value instead of loading again (a fresh process, or an entry
// just expired, would otherwise send every concurrent request to the database for the
// same row); when that load fails, each waiter loads for itself (the failure may be the
// first caller's own, e.g. its request's deadline). A load started before a Delete or
// Clear is not joined by Loads that come after it.
func (c *TTL[K, V]) Load(k K, now time.Time, load func() (V, error)) (V, error) {
	c.mu.Lock()
	if e, ok := c.m[k]; ok && now.Before(e.expires) {
		c.mu.Unlock()
		return e.v, nil
	}
	if f, ok := c.flights[k]; ok && f.stamp == c.gen {
		c.mu.Unlock()
		<-f.done
		if f.err == nil {
			return f.v, nil
		}
		return load()
	}
	f := &flight[V]{done: make(chan struct{}), stamp: c.gen}
	if c.flights == nil {
		c.flights = make(map[K]*flight[V])
	}
	c.flights[k] = f
	c.mu.Unlock()
	return c.lead(k, f, now, load)
}

// lead runs the load of flight f and hands its result to the Loads waiting for it, also
// when load panics.
func (c *TTL[K, V]) lead(k K, f *flight[V], now time.Time, load func() (V, error)) (V, error) {
	f.err = errLoadPanicked
	defer func() {
		c.mu.Lock()
		if c.flights[k] == f {
			delete(c.flights, k)
		}
		if f.err == nil && f.stamp == c.gen {
			c.put(k, f.v, now, now.Add(c.ttl))
		}
		c.mu.Unlock()
		close(f.done)
	}()
	f.v, f.err = load()
	return f.v, f.err
}

// Delete forgets k.
func (c *TTL[K, V]) Delete(k K) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	delete(c.m, k)
}

// DeleteFunc forgets every entry for which del is true.
func (c *TTL[K, V]) DeleteFunc(del func(K, V) bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	for k, e := range c.m {
		if del(k, e.v) {
			delete(c.m, k)
		}
	}
}

// Clear forgets everything.
func (c *TTL[K, V]) Clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	c.m = nil
}

// Len is the number of entries held, expired ones included until they are swept.
func (c *TTL[K, V]) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.m)
}
