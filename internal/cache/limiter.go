package cache

import (
	"sync"
	"time"
)

// SafeModeWindow is the window of the Safe-Mode global limit (the original's per-minute
// counter).
const SafeModeWindow = time.Minute

// SafeModeLimiter caps the review requests served from the database while the schedule
// cache is down: PerWindow requests per minute across all players, and one request per
// Interval per player, in this process: the original kept it in the Redis that was down
// (weak point 9). It checks and counts under one lock, so concurrent requests can never
// overshoot (the original read, then incremented). It is SharedSafeModeLimiter's fallback
// when the database cannot count: then each app server enforces the limits alone.
type SafeModeLimiter struct {
	mu        sync.Mutex
	perWindow int
	interval  time.Duration

	windowStart time.Time
	count       int
	last        map[int64]time.Time
}

// NewSafeModeLimiter returns a limiter of perMinute requests globally and one per interval
// per player.
func NewSafeModeLimiter(perMinute int, interval time.Duration) *SafeModeLimiter {
	return &SafeModeLimiter{perWindow: perMinute, interval: interval, last: map[int64]time.Time{}}
}

// Allow checks the global limit, then the player's, and only when both pass counts the
// request and remembers the player's time. When refused it says how long to wait.
func (l *SafeModeLimiter) Allow(player int64, now time.Time) (ok bool, retryAfter time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.roll(now)
	if l.count >= l.perWindow {
		return false, l.windowStart.Add(SafeModeWindow).Sub(now)
	}
	if last, seen := l.last[player]; seen && now.Sub(last) < l.interval {
		return false, last.Add(l.interval).Sub(now)
	}
	l.count++
	l.last[player] = now
	return true, 0
}

// Count is the number of requests let through in the current window.
func (l *SafeModeLimiter) Count(now time.Time) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.windowStart.IsZero() || now.Sub(l.windowStart) >= SafeModeWindow {
		return 0
	}
	return l.count
}

// roll starts a new window when the current one is over (a fixed window that begins at the
// first request after the last one ended, as the original's counter with a 60 s TTL), and
// forgets players whose interval has passed so the map stays small.
func (l *SafeModeLimiter) roll(now time.Time) {
	if !l.windowStart.IsZero() && now.Sub(l.windowStart) < SafeModeWindow {
		return
	}
	l.windowStart, l.count = now, 0
	for p, t := range l.last {
		if now.Sub(t) >= l.interval {
			delete(l.last, p)
		}
	}
}
