package identity

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/audit"
	"memora/internal/clock"
	"memora/internal/problem"
	"memora/internal/store"
	"memora/internal/store/storetest"
)

// lookupStore counts the account lookups of logins (each is followed by a password hash)
// and the most running at once; each lookup takes a little while.
type lookupStore struct {
	store.Store
	total, running, most atomic.Int64
}

func (c *lookupStore) UserGetByEmail(ctx context.Context, email string) (store.User, error) {
	c.total.Add(1)
	n := c.running.Add(1)
	defer c.running.Add(-1)
	for {
		m := c.most.Load()
		if n <= m || c.most.CompareAndSwap(m, n) {
			break
		}
	}
	time.Sleep(5 * time.Millisecond)
	return c.Store.UserGetByEmail(ctx, email)
}

func limitedService(t *testing.T, gate *HashGate) (*Service, *lookupStore) {
	t.Helper()
	st := &lookupStore{Store: storetest.Open(t, store.SQLite)}
	clk := clock.NewFake(time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC))
	logger := slog.New(slog.DiscardHandler)
	return &Service{Store: st, Clock: clk, Audit: audit.Log{Store: st, Clock: clk, Logger: logger}, Logger: logger,
		SessionTTL: time.Hour, Accounts: NewFailureLimiter(5, time.Minute), Addresses: NewFailureLimiter(20, time.Minute),
		Hashes: gate}, st
}

// Issue 13.6: concurrent logins from one address cannot get past its limit (20 failures a
// minute): each attempt is counted before its password is hashed, so of 60 at once at most
// 20 reach the hash; the others are 429 with Retry-After.
func TestConcurrentLoginsFromOneAddressHashNoMoreThanItsLimit(t *testing.T) {
	t.Parallel()
	s, st := limitedService(t, NewHashGate(64, time.Minute))
	var wg sync.WaitGroup
	var refused atomic.Int64
	for i := range 60 {
		wg.Go(func() {
			_, err := s.Login(context.Background(), fmt.Sprintf("u%d@example.org", i), "wrong", "10.0.0.9")
			p, ok := problem.As(err)
			require.True(t, ok, "%v", err)
			if p.Kind == problem.RateLimited {
				require.Positive(t, p.RetryAfter)
				refused.Add(1)
			} else {
				require.ErrorIs(t, err, ErrInvalidCredentials)
			}
		})
	}
	wg.Wait()
	require.EqualValues(t, 20, st.total.Load(), "password checks")
	require.EqualValues(t, 40, refused.Load())
}

// Issue 13.6: password checks run at most one per slot of the gate (one per core by
// default) whatever the number of concurrent logins; a login that cannot get a slot in
// time is a 503 with Retry-After, not a queue that grows without bound.
func TestConcurrentPasswordChecksAreBoundedBySlotsAndRefusedWith503Beyond(t *testing.T) {
	t.Parallel()
	s, st := limitedService(t, NewHashGate(2, 30*time.Millisecond))
	var wg sync.WaitGroup
	var busy atomic.Int64
	for i := range 40 {
		wg.Go(func() {
			_, err := s.Login(context.Background(), fmt.Sprintf("u%d@example.org", i), "wrong", fmt.Sprintf("10.0.1.%d", i))
			p, ok := problem.As(err)
			require.True(t, ok, "%v", err)
			if p.Kind == problem.Unavailable {
				require.Positive(t, p.RetryAfter)
				busy.Add(1)
				return
			}
			require.True(t, errors.Is(err, ErrInvalidCredentials), "%v", err)
		})
	}
	wg.Wait()
	require.LessOrEqual(t, st.most.Load(), int64(2), "checks at once")
	require.Positive(t, busy.Load(), "some logins were refused rather than queued")
	require.EqualValues(t, 40, st.total.Load()+busy.Load())
	// A refused attempt was not counted as a failure: the address can still log in.
	require.Equal(t, int64(40)-busy.Load(), st.total.Load())
	require.Equal(t, runtimeSlots(), cap(NewHashGate(0, 0).slots))
}

func runtimeSlots() int { return runtime.GOMAXPROCS(0) }

// Sign-ups, resets and password changes hash inside the same gate as logins.
func TestPasswordHashingOutsideLoginsWaitsForTheSameGate(t *testing.T) {
	t.Parallel()
	gate := NewHashGate(1, 20*time.Millisecond)
	s, _ := limitedService(t, gate)
	release, err := gate.enter(context.Background())
	require.NoError(t, err)
	_, err = s.hashPassword(context.Background(), "correct horse 1")
	p, ok := problem.As(err)
	require.True(t, ok, "%v", err)
	require.Equal(t, problem.Unavailable, p.Kind)
	release()
	h, err := s.hashPassword(context.Background(), "correct horse 1")
	require.NoError(t, err)
	ok, err = CheckPassword(h, "correct horse 1")
	require.NoError(t, err)
	require.True(t, ok)
}
