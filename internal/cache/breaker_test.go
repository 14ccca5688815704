package cache

import (
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/clock"
)

func TestBreaker(t *testing.T) {
	clk := clock.NewFake(t0)
	var changes []bool
	b := NewBreaker(clk, 3, 5*time.Second, func(open bool) { changes = append(changes, open) })

	// Failures must be consecutive: a success in between starts the count again.
	for _, ok := range []bool{false, false, true, false, false} {
		allowed, probe := b.Allow()
		require.True(t, allowed)
		require.False(t, probe)
		if ok {
			b.Success()
		} else {
			b.Failure()
		}
	}
	require.False(t, b.Open())
	b.Failure()
	require.True(t, b.Open(), "third consecutive failure")
	require.Equal(t, []bool{true}, changes)

	allowed, _ := b.Allow()
	require.False(t, allowed, "refused at once while cooling down")

	// After the cooldown one probe goes out; others keep being refused meanwhile.
	clk.Advance(5 * time.Second)
	allowed, probe := b.Allow()
	require.True(t, allowed)
	require.True(t, probe)
	allowed, _ = b.Allow()
	require.False(t, allowed, "one probe at a time")
	b.Failure()
	require.True(t, b.Open(), "a failed probe keeps it open")
	allowed, _ = b.Allow()
	require.False(t, allowed, "for another cooldown")

	clk.Advance(5 * time.Second)
	allowed, probe = b.Allow()
	require.True(t, allowed && probe)
	b.Success()
	require.False(t, b.Open())
	require.Equal(t, []bool{true, false}, changes)
	allowed, probe = b.Allow()
	require.True(t, allowed)
	require.False(t, probe)

	b.Trip()
	require.True(t, b.Open())
	require.Equal(t, []bool{true, false, true}, changes)
}

func TestBreakerConcurrentProbe(t *testing.T) {
	clk := clock.NewFake(t0)
	b := NewBreaker(clk, 1, time.Second, nil)
	b.Failure()
	clk.Advance(time.Second)
	var mu sync.Mutex
	probes := 0
	var wg sync.WaitGroup
	for range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if ok, probe := b.Allow(); ok && probe {
				mu.Lock()
				probes++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	require.Equal(t, 1, probes)
}
