package identity

import (
	"context"
	"runtime"
	"time"

	"memora/internal/problem"
)

// HashGate bounds the password checks (argon2id, 19 MiB each) running at once, so a burst
// of logins costs at most that many hashes of memory and CPU. A check waits for a slot up to
// Wait; beyond it the login is refused with 503 and Retry-After.
type HashGate struct {
	slots chan struct{}
	wait  time.Duration
}

// Default gate: one check per core, waiting at most two seconds for one.
const defaultHashWait = 2 * time.Second

// NewHashGate allows n concurrent password checks (n < 1: one per core), each waiting at
// most wait (≤ 0: two seconds) for its turn.
func NewHashGate(n int, wait time.Duration) *HashGate {
	if n < 1 {
		n = runtime.GOMAXPROCS(0)
	}
	if wait <= 0 {
		wait = defaultHashWait
	}
	return &HashGate{slots: make(chan struct{}, n), wait: wait}
}

// errHashBusy refuses a login while every slot stays taken (503 with Retry-After).
func errHashBusy() error {
	e := problem.New(problem.Unavailable, "The server is busy signing people in. Please try again in a moment.")
	e.RetryAfter = time.Second
	return e
}

// enter takes a slot, or fails with errHashBusy after the gate's wait (or ctx's end).
// release gives the slot back.
func (g *HashGate) enter(ctx context.Context) (release func(), err error) {
	select {
	case g.slots <- struct{}{}:
		return g.release, nil
	default:
	}
	t := time.NewTimer(g.wait)
	defer t.Stop()
	select {
	case g.slots <- struct{}{}:
		return g.release, nil
	case <-t.C:
		return nil, errHashBusy()
	case <-ctx.Done():
		return nil, errHashBusy()
	}
}

func (g *HashGate) release() { <-g.slots }

// hashPassword is HashPassword inside the password-check gate: sign-ups, resets and
// password changes hash under the same bound as logins.
func (s *Service) hashPassword(ctx context.Context, pwd string) (string, error) {
	release, err := s.gate().enter(ctx)
	if err != nil {
		return "", err
	}
	defer release()
	return HashPassword(pwd)
}
