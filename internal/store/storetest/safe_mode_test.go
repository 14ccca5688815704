package storetest

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/store"
)

// The Safe-Mode limits counted in the database: many concurrent requests of distinct
// players (as from several instances) never let more than the global limit through a
// window, and the window begins at the first request after the last one ended.
func TestSafeModeAdmitGlobalLimitUnderConcurrency(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		const limit, players = 5, 24
		admit := func(user int64, now time.Time) store.SafeModeAdmission {
			a, err := s.SafeModeAdmit(ctx, store.SafeModeAdmitParams{UserID: user, Now: now, Window: time.Minute,
				PerWindow: limit, Interval: 30 * time.Second})
			require.NoError(t, err)
			return a
		}
		start, served, err := s.SafeModeServed(ctx)
		require.NoError(t, err)
		require.True(t, start.IsZero())
		require.Zero(t, served)

		var mu sync.Mutex
		admitted, full := 0, 0
		var wg sync.WaitGroup
		for i := range players {
			wg.Go(func() {
				a, err := s.SafeModeAdmit(ctx, store.SafeModeAdmitParams{UserID: int64(1000 + i), Now: t0.Add(time.Duration(i) * time.Millisecond),
					Window: time.Minute, PerWindow: limit, Interval: 30 * time.Second})
				if !assertNoError(t, err) {
					return
				}
				mu.Lock()
				defer mu.Unlock()
				if a.Admitted {
					admitted++
				} else if a.WindowFull {
					full++
				}
			})
		}
		wg.Wait()
		require.Equal(t, limit, admitted, "exactly the limit is let through")
		require.Equal(t, players-limit, full)
		start, served, err = s.SafeModeServed(ctx)
		require.NoError(t, err)
		require.Equal(t, limit, served)
		require.False(t, start.Before(t0), "the window began with the first request")
		require.True(t, start.Before(t0.Add(players*time.Millisecond)))

		refused := admit(2000, start.Add(59*time.Second))
		require.True(t, refused.WindowFull)
		require.True(t, refused.WindowStart.Equal(start))
		next := start.Add(time.Minute)
		require.True(t, admit(2000, next).Admitted, "a new window")
		start, served, err = s.SafeModeServed(ctx)
		require.NoError(t, err)
		require.Equal(t, 1, served)
		require.True(t, start.Equal(next), "the new window began with its first request")
	})
}

// One request per interval per player, whichever instance asks; a player refused by their
// interval is not counted in the window, and a player refused by the full window can come
// back in the next one.
func TestSafeModeAdmitPlayerInterval(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		admit := func(user int64, now time.Time, limit int) store.SafeModeAdmission {
			a, err := s.SafeModeAdmit(ctx, store.SafeModeAdmitParams{UserID: user, Now: now, Window: time.Minute,
				PerWindow: limit, Interval: 30 * time.Second})
			require.NoError(t, err)
			return a
		}
		require.True(t, admit(7, t0, 10).Admitted)
		again := admit(7, t0.Add(10*time.Second), 10)
		require.False(t, again.Admitted)
		require.False(t, again.WindowFull)
		require.True(t, again.ServedAt.Equal(t0), "served at %v", again.ServedAt)
		_, served, err := s.SafeModeServed(ctx)
		require.NoError(t, err)
		require.Equal(t, 1, served, "the refused request was not counted")
		require.True(t, admit(7, t0.Add(30*time.Second), 10).Admitted, "the interval has passed")

		// Concurrent requests of one player: one is served.
		var wg sync.WaitGroup
		var mu sync.Mutex
		ok := 0
		for range 8 {
			wg.Go(func() {
				a, err := s.SafeModeAdmit(ctx, store.SafeModeAdmitParams{UserID: 8, Now: t0.Add(40 * time.Second), Window: time.Minute,
					PerWindow: 100, Interval: 30 * time.Second})
				if assertNoError(t, err) && a.Admitted {
					mu.Lock()
					ok++
					mu.Unlock()
				}
			})
		}
		wg.Wait()
		require.Equal(t, 1, ok)

		// Refused by the full window: the player's time is not taken.
		require.True(t, admit(9, t0.Add(41*time.Second), 3).WindowFull)
		require.True(t, admit(9, t0.Add(2*time.Minute), 3).Admitted)
	})
}

func assertNoError(t *testing.T, err error) bool {
	t.Helper()
	if err != nil {
		t.Errorf("safe mode admit: %v", err)
		return false
	}
	return true
}

// BenchmarkSafeModeAdmit measures the cost of counting one degraded review request in the
// database, from concurrent requests of distinct players: admitted (the limit never
// refuses) and refused by the full window.
func BenchmarkSafeModeAdmit(b *testing.B) {
	for _, e := range Engines() {
		for _, c := range []struct {
			name  string
			limit int
		}{{"admitted", 1 << 30}, {"refused", 1}} {
			b.Run(string(e)+"/"+c.name, func(b *testing.B) {
				s := Open(b, e)
				ctx := context.Background()
				var next atomic.Int64
				b.RunParallel(func(pb *testing.PB) {
					for pb.Next() {
						n := next.Add(1)
						_, err := s.SafeModeAdmit(ctx, store.SafeModeAdmitParams{UserID: n, Now: t0.Add(time.Duration(n) * time.Microsecond),
							Window: time.Minute, PerWindow: c.limit, Interval: 30 * time.Second})
						if err != nil {
							b.Fatal(err)
						}
					}
				})
			})
		}
	}
}
