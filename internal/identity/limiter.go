package identity

import (
	"sync"
	"time"
)

// FailureLimiter counts failed logins per key (an account or an address) in a fixed window
// and refuses further attempts once the limit is reached, until the window ends.
// It lives in the process so it keeps working when Redis does not.
type FailureLimiter struct {
	Limit  int
	Window time.Duration

	mu      sync.Mutex
	entries map[string]*failures
}

type failures struct {
	count int
	start time.Time
}

// NewFailureLimiter allows limit failures per window.
func NewFailureLimiter(limit int, window time.Duration) *FailureLimiter {
	return &FailureLimiter{Limit: limit, Window: window, entries: map[string]*failures{}}
}

// Blocked reports whether key is over its limit at now, and for how long.
func (l *FailureLimiter) Blocked(key string, now time.Time) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	f := l.entries[key]
	if f == nil || now.Sub(f.start) >= l.Window {
		return false, 0
	}
	if f.count >= l.Limit {
		return true, f.start.Add(l.Window).Sub(now)
	}
	return false, 0
}

// Take counts an attempt of key at now before it is checked, unless key is already over
// its limit (then it reports how long to wait). Counting first means concurrent attempts
// cannot all pass the check before any of them fails: at most Limit get through per
// window. A successful attempt gives its count back (Refund) or clears the key (Reset).
func (l *FailureLimiter) Take(key string, now time.Time) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	f := l.entries[key]
	if f == nil || now.Sub(f.start) >= l.Window {
		if len(l.entries) > 100_000 {
			l.sweep(now)
		}
		l.entries[key] = &failures{count: 1, start: now}
		return true, 0
	}
	if f.count >= l.Limit {
		return false, f.start.Add(l.Window).Sub(now)
	}
	f.count++
	return true, 0
}

// Refund gives back an attempt counted by Take that turned out not to be a failure.
func (l *FailureLimiter) Refund(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if f := l.entries[key]; f != nil && f.count > 0 {
		f.count--
	}
}

// Fail records a failure of key at now.
func (l *FailureLimiter) Fail(key string, now time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	f := l.entries[key]
	if f == nil || now.Sub(f.start) >= l.Window {
		if len(l.entries) > 100_000 {
			l.sweep(now)
		}
		l.entries[key] = &failures{count: 1, start: now}
		return
	}
	f.count++
}

// Reset forgets key (after a successful login).
func (l *FailureLimiter) Reset(key string) {
	l.mu.Lock()
	delete(l.entries, key)
	l.mu.Unlock()
}

func (l *FailureLimiter) sweep(now time.Time) {
	for k, f := range l.entries {
		if now.Sub(f.start) >= l.Window {
			delete(l.entries, k)
		}
	}
}
