package identity

import (
	"context"
	"sync"
	"time"
)

// maxTouches bounds the session touches running at once: each holds a database connection
// for one small write and its commit. A touch beyond it is skipped; the session's next load
// (after the session cache's TTL) slides its expiry instead, long before it could matter.
const maxTouches = 2

// touchTimeout bounds one touch.
const touchTimeout = 5 * time.Second

// sessionTouches runs the session touches off the request path (made on first use so the
// zero Service works).
type sessionTouches struct {
	once  sync.Once
	slots chan struct{}
	wg    sync.WaitGroup
}

// touchLater slides the session's expiry (last seen now) in the background: a request that
// loaded its session does not wait for a write and its commit (a fresh server loads every
// student's session once in its first seconds, and most of them were last seen more than
// sessionTouchEvery ago). At most maxTouches run at once; a failure is logged.
func (s *Service) touchLater(hash []byte, now time.Time) {
	t := &s.touches
	t.once.Do(func() { t.slots = make(chan struct{}, maxTouches) })
	select {
	case t.slots <- struct{}{}:
	default:
		return // busy: the session's next load slides it
	}
	t.wg.Add(1)
	go func() {
		defer t.wg.Done()
		defer func() { <-t.slots }()
		ctx, cancel := context.WithTimeout(context.Background(), touchTimeout)
		defer cancel()
		if err := s.Store.AuthSessionTouch(ctx, hash, now, now.Add(s.SessionTTL)); err != nil && s.Logger != nil {
			s.Logger.Warn("session touch failed", "err", err)
		}
	}()
}

// WaitTouches waits for the session touches in flight (before the store is closed).
func (s *Service) WaitTouches() { s.touches.wg.Wait() }
