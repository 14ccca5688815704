package cache

import (
	"context"
	"log/slog"
	"sync/atomic"
	"time"

	"memora/internal/store"
)

// SafeModeCounter is the database the Safe-Mode limits are counted in (store.Store).
type SafeModeCounter interface {
	SafeModeAdmit(ctx context.Context, p store.SafeModeAdmitParams) (store.SafeModeAdmission, error)
	SafeModeServed(ctx context.Context) (windowStart time.Time, served int, err error)
}

// SharedSafeModeLimiter applies the Safe-Mode limits to the whole fleet: it counts in the
// database (the schedule cache, Redis, is what is down), so several app servers together
// serve at most perMinute degraded requests a minute and a player one per interval, whichever
// instance answers. Each request costs one short write transaction. When the database itself
// fails to count, this instance falls back to its own in-process SafeModeLimiter and logs it.
type SharedSafeModeLimiter struct {
	db        SafeModeCounter
	perWindow int
	interval  time.Duration
	local     *SafeModeLimiter
	logger    *slog.Logger
	// alone: the database failed to count the last request; logged once per change, not on
	// every degraded request.
	alone atomic.Bool
}

// NewSharedSafeModeLimiter returns a limiter of perMinute requests globally and one per
// interval per player, counted in db; logger may be nil.
func NewSharedSafeModeLimiter(db SafeModeCounter, perMinute int, interval time.Duration, logger *slog.Logger) *SharedSafeModeLimiter {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &SharedSafeModeLimiter{db: db, perWindow: perMinute, interval: interval,
		local: NewSafeModeLimiter(perMinute, interval), logger: logger}
}

// Allow checks the global limit, then the player's, and only when both pass counts the
// request and remembers the player's time. When refused it says how long to wait.
func (l *SharedSafeModeLimiter) Allow(ctx context.Context, player int64, now time.Time) (ok bool, retryAfter time.Duration) {
	if l.perWindow <= 0 {
		return false, SafeModeWindow
	}
	a, err := l.db.SafeModeAdmit(ctx, store.SafeModeAdmitParams{UserID: player, Now: now, Window: SafeModeWindow,
		PerWindow: l.perWindow, Interval: l.interval})
	if err != nil {
		if !l.alone.Swap(true) {
			l.logger.Warn("safe mode: the database could not count the fleet's limits; this instance applies them alone",
				"user_id", player, "err", err)
		}
		return l.local.Allow(player, now)
	}
	if l.alone.Swap(false) {
		l.logger.Info("safe mode: the fleet's limits are counted in the database again")
	}
	switch {
	case a.Admitted:
		return true, 0
	case a.WindowFull:
		return false, max(a.WindowStart.Add(SafeModeWindow).Sub(now), 0)
	default:
		return false, max(a.ServedAt.Add(l.interval).Sub(now), 0)
	}
}

// Count is the number of requests the fleet let through in the current window.
func (l *SharedSafeModeLimiter) Count(ctx context.Context, now time.Time) (int, error) {
	start, served, err := l.db.SafeModeServed(ctx)
	if err != nil || start.IsZero() || now.Sub(start) >= SafeModeWindow {
		return 0, err
	}
	return served, nil
}
