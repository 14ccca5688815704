package identity

import (
	"context"
	"sync"
	"time"
)

// FailureLimiter counts failed logins per key (an account or an address) in a fixed window
// and refuses further attempts once the limit is reached, until the window ends.
// It lives in the process so it keeps working when Redis does not.
type FailureLimiter struct {
	Limit  int
	Window time.Duration
	// Shared, when set (Redis), keeps the counts where every instance sees them, so a limit
	// holds behind a load balancer; when it fails, this process's own counts answer.
	Shared SharedCounts

	mu      sync.Mutex
	entries map[string]*failures
}

type failures struct {
	count int
	start time.Time
}

// SharedCounts are failure counts kept outside the process, per key, in windows that start
// with a key's first count.
type SharedCounts interface {
	// Take counts an attempt unless the key is at limit; then it reports the time left.
	Take(ctx context.Context, key string, limit int, window time.Duration) (ok bool, wait time.Duration, err error)
	// Count adds one failure.
	Count(ctx context.Context, key string, window time.Duration) error
	// Refund takes one count back; Reset forgets the key.
	Refund(ctx context.Context, key string) error
	Reset(ctx context.Context, key string) error
	// Blocked reports whether the key is at limit, and for how long.
	Blocked(ctx context.Context, key string, limit int) (bool, time.Duration, error)
}

// sharedTimeout bounds a call to Shared: a slow Redis must not slow a login down.
const sharedTimeout = 300 * time.Millisecond

func (l *FailureLimiter) shared(fn func(ctx context.Context) error) bool {
	if l.Shared == nil {
		return false
	}
	ctx, cancel := context.WithTimeout(context.Background(), sharedTimeout)
	defer cancel()
	return fn(ctx) == nil
}

// NewFailureLimiter allows limit failures per window.
func NewFailureLimiter(limit int, window time.Duration) *FailureLimiter {
	return &FailureLimiter{Limit: limit, Window: window, entries: map[string]*failures{}}
}

// Blocked reports whether key is over its limit at now, and for how long.
func (l *FailureLimiter) Blocked(key string, now time.Time) (bool, time.Duration) {
	var blocked bool
	var wait time.Duration
	if l.shared(func(ctx context.Context) (err error) {
		blocked, wait, err = l.Shared.Blocked(ctx, key, l.Limit)
		return err
	}) {
		return blocked, wait
	}
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
	var ok bool
	var wait time.Duration
	if l.shared(func(ctx context.Context) (err error) {
		ok, wait, err = l.Shared.Take(ctx, key, l.Limit, l.Window)
		return err
	}) {
		return ok, wait
	}
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
	if l.shared(func(ctx context.Context) error { return l.Shared.Refund(ctx, key) }) {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if f := l.entries[key]; f != nil && f.count > 0 {
		f.count--
	}
}

// Fail records a failure of key at now.
func (l *FailureLimiter) Fail(key string, now time.Time) {
	if l.shared(func(ctx context.Context) error { return l.Shared.Count(ctx, key, l.Window) }) {
		return
	}
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
	if l.shared(func(ctx context.Context) error { return l.Shared.Reset(ctx, key) }) {
		return
	}
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
