package cache_test

import (
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/cache"
)

// loads starts n Loads of key k at once; each load blocks until release is closed. It
// returns once every Load is blocked (the first in its load, the others waiting for it).
func loads(t *testing.T, c *cache.TTL[string, int], k string, n int, release chan struct{}, calls *atomic.Int32) (results func() []int) {
	t.Helper()
	var wg sync.WaitGroup
	out := make([]int, n)
	for i := range n {
		wg.Go(func() {
			v, err := c.Load(k, t0, func() (int, error) {
				calls.Add(1)
				<-release
				return 7, nil
			})
			require.NoError(t, err)
			out[i] = v
		})
	}
	synctest.Wait()
	return func() []int { wg.Wait(); return out }
}

func TestTTLConcurrentMissesShareOneLoad(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		c := cache.NewTTL[string, int](time.Minute, 0)
		release := make(chan struct{})
		var calls atomic.Int32
		results := loads(t, c, "season", 50, release, &calls)
		require.EqualValues(t, 1, calls.Load(), "one load runs, the other 49 wait for it")
		close(release)
		for _, v := range results() {
			require.Equal(t, 7, v)
		}
		require.EqualValues(t, 1, calls.Load())
		v, ok := c.Get("season", t0)
		require.True(t, ok, "the shared load's value is kept")
		require.Equal(t, 7, v)
	})
}

func TestTTLLoadAfterDeleteDoesNotJoinTheOlderLoad(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		c := cache.NewTTL[string, int](time.Minute, 0)
		release := make(chan struct{})
		var calls atomic.Int32
		first := loads(t, c, "k", 3, release, &calls)
		require.EqualValues(t, 1, calls.Load())
		c.Delete("k") // e.g. the row changed while it was being read
		second := loads(t, c, "k", 3, release, &calls)
		require.EqualValues(t, 2, calls.Load(), "a Load after the Delete starts a load of its own")
		close(release)
		first()
		second()
		_, ok := c.Get("k", t0)
		require.True(t, ok, "the load started after the Delete is kept")
	})
}

func TestTTLWaitersLoadThemselvesWhenTheSharedLoadFails(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		c := cache.NewTTL[string, int](time.Minute, 0)
		release := make(chan struct{})
		var calls atomic.Int32
		leader := make(chan error, 1)
		go func() {
			_, err := c.Load("k", t0, func() (int, error) {
				calls.Add(1)
				<-release
				return 0, errors.New("the first request's deadline passed")
			})
			leader <- err
		}()
		synctest.Wait()
		var wg sync.WaitGroup
		for range 4 {
			wg.Go(func() {
				v, err := c.Load("k", t0, func() (int, error) { calls.Add(1); return 9, nil })
				require.NoError(t, err)
				require.Equal(t, 9, v)
			})
		}
		synctest.Wait()
		require.EqualValues(t, 1, calls.Load(), "the four wait for the first load")
		close(release)
		wg.Wait()
		require.Error(t, <-leader)
		require.EqualValues(t, 5, calls.Load(), "after its failure each waiter loaded for itself")
	})
}

func TestTTLWaitersAreReleasedWhenALoadPanics(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		c := cache.NewTTL[string, int](time.Minute, 0)
		release := make(chan struct{})
		go func() {
			defer func() { _ = recover() }()
			_, _ = c.Load("k", t0, func() (int, error) { <-release; panic("boom") })
		}()
		synctest.Wait()
		got := make(chan int, 1)
		go func() {
			v, _ := c.Load("k", t0, func() (int, error) { return 3, nil })
			got <- v
		}()
		synctest.Wait()
		close(release)
		require.Equal(t, 3, <-got)
	})
}
