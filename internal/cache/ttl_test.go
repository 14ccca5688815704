package cache_test

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/cache"
)

var t0 = time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)

func TestTTLEntriesExpireAfterTheirTime(t *testing.T) {
	t.Parallel()
	c := cache.NewTTL[string, int](30*time.Second, 0)
	c.Put("a", 1, t0)
	v, ok := c.Get("a", t0.Add(29*time.Second))
	require.True(t, ok)
	require.Equal(t, 1, v)
	_, ok = c.Get("a", t0.Add(30*time.Second))
	require.False(t, ok, "expired at exactly the TTL")

	c.PutUntil("b", 2, t0, t0.Add(5*time.Second))
	_, ok = c.Get("b", t0.Add(5*time.Second))
	require.False(t, ok, "an earlier expiry wins")
	c.PutUntil("c", 3, t0, t0.Add(time.Hour))
	_, ok = c.Get("c", t0.Add(30*time.Second))
	require.False(t, ok, "never longer than the TTL")
}

func TestTTLLoadKeepsSuccessesOnly(t *testing.T) {
	t.Parallel()
	c := cache.NewTTL[int, string](time.Minute, 0)
	calls := 0
	load := func() (string, error) { calls++; return "v", nil }
	for range 3 {
		v, err := c.Load(1, t0, load)
		require.NoError(t, err)
		require.Equal(t, "v", v)
	}
	require.Equal(t, 1, calls)
	boom := errors.New("boom")
	_, err := c.Load(2, t0, func() (string, error) { return "", boom })
	require.ErrorIs(t, err, boom)
	_, ok := c.Get(2, t0)
	require.False(t, ok, "a failed load is asked again")
}

func TestTTLAnInvalidationWinsOverALoadThatStartedBeforeIt(t *testing.T) {
	t.Parallel()
	c := cache.NewTTL[int, string](time.Minute, 0)
	_, err := c.Load(1, t0, func() (string, error) {
		c.Delete(1) // the row changed while it was being read
		return "old", nil
	})
	require.NoError(t, err)
	_, ok := c.Get(1, t0)
	require.False(t, ok)
	stamp := c.Stamp()
	c.Clear()
	c.PutStamped(stamp, 2, "old", t0)
	require.Zero(t, c.Len())
}

func TestTTLWhenFullDropsExpiredEntriesFirst(t *testing.T) {
	t.Parallel()
	c := cache.NewTTL[int, int](time.Minute, 3)
	c.Put(1, 1, t0)
	c.Put(2, 2, t0.Add(50*time.Second))
	c.Put(3, 3, t0.Add(50*time.Second))
	c.Put(4, 4, t0.Add(70*time.Second)) // 1 has expired: swept
	require.Equal(t, 3, c.Len())
	_, ok := c.Get(2, t0.Add(70*time.Second))
	require.True(t, ok)
	c.Put(5, 5, t0.Add(70*time.Second)) // nothing expired: everything goes
	require.Equal(t, 1, c.Len())
}

// Prime fills only what requests have not: it keeps what a Load stored, waits behind a Load
// in progress, loses to an invalidation after its stamp, and refills an expired entry.
func TestTTLPrimeNeverReplacesWhatRequestsLoaded(t *testing.T) {
	t.Parallel()
	c := cache.NewTTL[string, string](30*time.Second, 0)
	stamp := c.Stamp() // taken before the bulk read

	_, err := c.Load("loaded", t0, func() (string, error) { return "fresh", nil })
	require.NoError(t, err)
	require.False(t, c.Prime(stamp, "loaded", "primed", t0, t0.Add(time.Minute)), "a request's entry is kept")
	v, _ := c.Get("loaded", t0)
	require.Equal(t, "fresh", v)

	require.True(t, c.Prime(stamp, "empty", "primed", t0, t0.Add(20*time.Second)))
	v, ok := c.Get("empty", t0.Add(19*time.Second))
	require.True(t, ok)
	require.Equal(t, "primed", v)
	_, ok = c.Get("empty", t0.Add(20*time.Second))
	require.False(t, ok, "until its own expiry")

	loading, release := make(chan struct{}), make(chan struct{})
	done := make(chan string)
	go func() {
		v, _ := c.Load("busy", t0, func() (string, error) { close(loading); <-release; return "fresh", nil })
		done <- v
	}()
	<-loading
	require.False(t, c.Prime(stamp, "busy", "primed", t0, t0.Add(time.Minute)), "a Load in progress wins")
	close(release)
	require.Equal(t, "fresh", <-done)
	v, _ = c.Get("busy", t0)
	require.Equal(t, "fresh", v)

	expiredAt := t0.Add(31 * time.Second)
	require.True(t, c.Prime(stamp, "loaded", "primed", expiredAt, expiredAt.Add(time.Minute)), "an expired entry is refilled")

	c.Delete("other") // an invalidation after the stamp: the bulk read may predate it
	require.False(t, c.Prime(stamp, "late", "primed", t0, t0.Add(time.Minute)))
	_, ok = c.Get("late", t0)
	require.False(t, ok)
	require.True(t, c.Prime(c.Stamp(), "late", "primed", t0, t0.Add(time.Minute)), "a new stamp primes again")
}
