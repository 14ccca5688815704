package identity

import (
	"context"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"
)

// epochRetryWindow is how long a failed epoch change is retried. A stamp lasts
// sessionCacheTTL from the start of the request that took it, before its database check, so
// a stamp taken before the commit is gone from every server sessionCacheTTL after the commit;
// the second TTL covers requests still in flight and other servers whose clocks run behind.
// After that the change guards nothing, and retrying stops.
const epochRetryWindow = 2 * sessionCacheTTL

// The background retries start epochRetryFirstWait after the failure and wait twice as long
// after each failed round, up to epochRetryMaxWait: a short blip or a failover is over within
// a fraction of a second to a few seconds, and a Redis that is down is not asked more than
// about once per epochRetryMaxWait (its client's breaker refuses at once meanwhile). These
// waits pace the retries; when they end is decided on the service's clock (epochRetryWindow).
const (
	epochRetryFirstWait = 100 * time.Millisecond
	epochRetryMaxWait   = 2 * time.Second
	// epochRetryTimeout bounds one background Change (the Redis client's own timeout is
	// shorter), and the last round made when the server stops.
	epochRetryTimeout = 2 * time.Second
)

// epochRetries are the users whose epoch change failed, retried by one background
// goroutine that runs while there are any (the zero value is ready; made and stopped with
// the Service).
type epochRetries struct {
	mu      sync.Mutex
	users   map[int64]epochRetry
	seq     uint64          // raised by every failure (add)
	n       atomic.Int64    // len(users), read without the lock on every cache hit
	running bool            // the goroutine runs
	stopped bool            // StopEpochRetries was called: no goroutine starts
	stop    context.Context // cancelled by StopEpochRetries
	cancel  context.CancelFunc
	wg      sync.WaitGroup
}

// epochRetry is one user's failed change: the failure's sequence number, and until when it
// is retried.
type epochRetry struct {
	seq   uint64
	until time.Time
}

// pending reports whether userID's epoch is still to be changed: this server then trusts
// none of the user's stamps.
func (r *epochRetries) pending(userID int64) bool {
	if r.n.Load() == 0 {
		return false
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	_, ok := r.users[userID]
	return ok
}

// mark is taken before a change is tried, for settle.
func (r *epochRetries) mark() uint64 {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.seq
}

// settle records that a change of userID's epoch tried after mark was taken succeeded: it
// covers every failure recorded before mark (their commits came before it), not one recorded
// since.
func (r *epochRetries) settle(userID int64, mark uint64) bool {
	if r.n.Load() == 0 {
		return false
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	e, ok := r.users[userID]
	if !ok || e.seq > mark {
		return false
	}
	delete(r.users, userID)
	r.n.Store(int64(len(r.users)))
	return true
}

// add records a failed change of userID's epoch, retried until until, and reports whether
// the caller must start the goroutine (it was not running and the service is not stopped).
func (r *epochRetries) add(userID int64, until time.Time) (start bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.users == nil {
		r.users = map[int64]epochRetry{}
	}
	r.seq++
	if e, ok := r.users[userID]; ok && e.until.After(until) {
		until = e.until
	}
	r.users[userID] = epochRetry{seq: r.seq, until: until}
	r.n.Store(int64(len(r.users)))
	if r.running || r.stopped {
		return false
	}
	r.running = true
	r.wg.Add(1)
	return true
}

// due returns the users to retry now, and drops (returning them as expired) those whose
// window has passed at now.
func (r *epochRetries) due(now time.Time) (users, expired []int64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for id, e := range r.users {
		if now.Before(e.until) {
			users = append(users, id)
			continue
		}
		expired = append(expired, id)
		delete(r.users, id)
	}
	r.n.Store(int64(len(r.users)))
	return users, expired
}

// idle reports whether the goroutine may end (nothing left, or the service stopped); if so
// it is marked as not running under the same lock, so a failure added after it starts a new
// one.
func (r *epochRetries) idle() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.users) > 0 && !r.stopped {
		return false
	}
	r.running = false
	return true
}

// stopping is cancelled when the service stops.
func (r *epochRetries) stopping() context.Context {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.stop == nil {
		r.stop, r.cancel = context.WithCancel(context.Background())
	}
	return r.stop
}

// retryEpochLater records that userID's epoch could not be changed (err), so this server
// trusts none of the user's stamps, and retries the change in the background.
func (s *Service) retryEpochLater(userID int64, err error) {
	r := &s.stamps.retries
	start := r.add(userID, s.Clock.Now().Add(epochRetryWindow))
	s.logger().Warn("session epoch not changed: retrying in the background; other servers may serve the user's cached sessions meanwhile",
		"user", userID, "for", epochRetryWindow, "err", err)
	if start {
		go s.retryEpochs()
	}
}

// retryEpochs is the background goroutine: rounds of retries until no change is left (made,
// or past its window) or the service stops, which cuts the round under way short and makes
// one last round of at most epochRetryTimeout.
func (s *Service) retryEpochs() {
	r := &s.stamps.retries
	defer r.wg.Done()
	stop := r.stopping()
	wait := epochRetryFirstWait
	for {
		t := time.NewTimer(wait)
		select {
		case <-stop.Done():
			t.Stop()
		case <-t.C:
			s.retryEpochRound(stop)
		}
		if stop.Err() != nil {
			ctx, cancel := context.WithTimeout(context.Background(), epochRetryTimeout)
			s.retryEpochRound(ctx)
			cancel()
			r.idle()
			return
		}
		if r.idle() {
			return
		}
		wait = min(2*wait, epochRetryMaxWait)
	}
}

// retryEpochRound tries every pending change once.
func (s *Service) retryEpochRound(ctx context.Context) {
	r := &s.stamps.retries
	users, expired := r.due(s.Clock.Now())
	for _, id := range expired {
		s.logger().Error("session epoch not changed within its window: other servers may have served the user's cached sessions until then",
			"user", id, "window", epochRetryWindow)
	}
	for _, id := range users {
		if ctx.Err() != nil {
			return
		}
		mark := r.mark()
		cctx, cancel := context.WithTimeout(ctx, epochRetryTimeout)
		err := s.Epochs.Change(cctx, id)
		cancel()
		if err == nil && r.settle(id, mark) {
			s.logger().Info("session epoch changed in the background", "user", id)
		}
	}
}

// StopEpochRetries ends the background retries of epoch changes (one last round first, at
// most epochRetryTimeout) and waits for them; a change that fails afterwards is not retried.
// Call it before the epochs' Redis client is closed.
func (s *Service) StopEpochRetries() {
	r := &s.stamps.retries
	r.stopping()
	r.mu.Lock()
	r.stopped = true
	r.cancel()
	r.mu.Unlock()
	r.wg.Wait()
}

func (s *Service) logger() *slog.Logger {
	if s.Logger == nil {
		return slog.New(slog.DiscardHandler)
	}
	return s.Logger
}
