package cache

import (
	"sync"
	"sync/atomic"
	"time"

	"memora/internal/clock"
)

// Breaker is a circuit breaker in front of a remote cache. Closed, every call goes through;
// Threshold consecutive failures open it. Open, calls are refused at once (no waiting on a
// dead server) until Cooldown has passed; then exactly one caller is let through as a probe,
// whose success closes the breaker and whose failure opens it for another Cooldown.
// Safe for concurrent use.
type Breaker struct {
	mu        sync.Mutex
	clock     clock.Clock
	threshold int
	cooldown  time.Duration
	onChange  func(open bool)

	failures int
	open     bool
	openedAt time.Time
	probing  bool
	// healthy (closed, no failure since the last success) lets the common case skip the lock.
	healthy atomic.Bool
}

// NewBreaker returns a closed breaker. onChange, if set, hears every open/close transition
// (outside the breaker's lock).
func NewBreaker(clk clock.Clock, threshold int, cooldown time.Duration, onChange func(open bool)) *Breaker {
	if threshold < 1 {
		threshold = 1
	}
	b := &Breaker{clock: clk, threshold: threshold, cooldown: cooldown, onChange: onChange}
	b.healthy.Store(true)
	return b
}

// Allow reports whether a call may go out, and whether that call is the half-open probe.
// Every allowed call must be followed by Success or Failure.
func (b *Breaker) Allow() (ok, probe bool) {
	if b.healthy.Load() {
		return true, false
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	switch {
	case !b.open:
		return true, false
	case b.probing || b.clock.Now().Sub(b.openedAt) < b.cooldown:
		return false, false
	}
	b.probing = true
	return true, true
}

// Success records a call that worked: it closes an open breaker.
func (b *Breaker) Success() {
	if b.healthy.Load() {
		return
	}
	b.mu.Lock()
	b.failures = 0
	b.probing = false
	changed := b.open
	b.open = false
	b.healthy.Store(true)
	b.mu.Unlock()
	b.notify(changed, false)
}

// Failure records a call that failed: the threshold-th consecutive failure opens the
// breaker, and a failed probe keeps it open for another cooldown.
func (b *Breaker) Failure() {
	b.mu.Lock()
	b.healthy.Store(false)
	b.failures++
	changed := false
	if b.open {
		b.openedAt = b.clock.Now()
		b.probing = false
	} else if b.failures >= b.threshold {
		b.open, b.openedAt, changed = true, b.clock.Now(), true
	}
	b.mu.Unlock()
	b.notify(changed, true)
}

// Trip opens the breaker at once (e.g. Redis did not answer at start-up).
func (b *Breaker) Trip() {
	b.mu.Lock()
	changed := !b.open
	b.open, b.openedAt, b.probing = true, b.clock.Now(), false
	b.healthy.Store(false)
	b.mu.Unlock()
	b.notify(changed, true)
}

// Open reports whether calls are being refused.
func (b *Breaker) Open() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.open
}

func (b *Breaker) notify(changed, open bool) {
	if changed && b.onChange != nil {
		b.onChange(open)
	}
}
