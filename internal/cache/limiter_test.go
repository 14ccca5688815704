package cache

import (
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

var t0 = time.Date(2026, 11, 25, 7, 0, 0, 0, time.UTC)

// F.53: ten players each making one request move the global counter by exactly ten, even
// all at once; at the global limit the next request of anyone is refused until the window
// ends.
func TestSafeModeLimiterGlobal(t *testing.T) {
	l := NewSafeModeLimiter(500, 30*time.Second)
	var wg sync.WaitGroup
	for p := int64(1); p <= 10; p++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ok, _ := l.Allow(p, t0)
			require.True(t, ok)
		}()
	}
	wg.Wait()
	require.Equal(t, 10, l.Count(t0))

	// 490 more players, concurrently, with 100 extra ones racing for the last slots.
	var allowed sync.Map
	for p := int64(11); p <= 600; p++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if ok, _ := l.Allow(p, t0.Add(time.Second)); ok {
				allowed.Store(p, true)
			}
		}()
	}
	wg.Wait()
	n := 0
	allowed.Range(func(any, any) bool { n++; return true })
	require.Equal(t, 490, n, "exactly the limit is let through")
	require.Equal(t, 500, l.Count(t0.Add(time.Second)))

	ok, wait := l.Allow(9999, t0.Add(20*time.Second))
	require.False(t, ok)
	require.Equal(t, 40*time.Second, wait, "until the window that began at t0 ends")

	// A new window starts with the first request after the minute.
	ok, _ = l.Allow(9999, t0.Add(time.Minute))
	require.True(t, ok)
	require.Equal(t, 1, l.Count(t0.Add(time.Minute)))
	require.Equal(t, 0, l.Count(t0.Add(3*time.Minute)), "an expired window counts nothing")
}

func TestSafeModeLimiterPlayer(t *testing.T) {
	l := NewSafeModeLimiter(500, 30*time.Second)
	ok, _ := l.Allow(1, t0)
	require.True(t, ok)
	ok, wait := l.Allow(1, t0.Add(10*time.Second))
	require.False(t, ok)
	require.Equal(t, 20*time.Second, wait)
	require.Equal(t, 1, l.Count(t0), "a refused request is not counted")
	ok, _ = l.Allow(2, t0.Add(10*time.Second))
	require.True(t, ok, "another player is not held back")
	ok, _ = l.Allow(1, t0.Add(30*time.Second))
	require.True(t, ok, "after the interval")

	// Old players are forgotten when a window rolls, so the map does not grow forever.
	_, _ = l.Allow(3, t0.Add(5*time.Minute))
	require.Len(t, l.last, 1)
}
