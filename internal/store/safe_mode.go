package store

import (
	"context"
	"time"
)

// SafeModeAdmitParams are one degraded review request under the Safe-Mode limits of the
// whole fleet: at most PerWindow requests in a window of Window (a fixed window that begins
// at the first request after the last one ended) and one request per Interval per player.
type SafeModeAdmitParams struct {
	UserID    int64
	Now       time.Time
	Window    time.Duration
	PerWindow int
	Interval  time.Duration
}

// SafeModeAdmission is the answer to a degraded review request.
type SafeModeAdmission struct {
	Admitted bool
	// WindowFull: refused by the global limit of the window that began at WindowStart.
	WindowFull  bool
	WindowStart time.Time
	// ServedAt: when not admitted and the window is not full, the player was served then.
	ServedAt time.Time
}

// SafeModeExecutor counts the Safe-Mode limits in the database, for every instance at once,
// while the schedule cache is down.
type SafeModeExecutor interface {
	// SafeModeAdmit checks the global limit, then the player's, and only when both pass
	// counts the request and remembers the player's time, atomically: concurrent calls
	// from any number of instances never let more than PerWindow requests through a
	// window. When a new window begins it forgets the players whose interval has passed.
	// Call it outside a transaction: inside one, SQLite has no savepoint to undo the count
	// of a request the player's interval refuses.
	SafeModeAdmit(ctx context.Context, p SafeModeAdmitParams) (SafeModeAdmission, error)
	// SafeModeServed is the start of the current window and the requests let through in
	// it (zero before the first request).
	SafeModeServed(ctx context.Context) (windowStart time.Time, served int, err error)
}
