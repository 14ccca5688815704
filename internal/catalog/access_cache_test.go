package catalog

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestMemoryAccessCache(t *testing.T) {
	t.Parallel()
	c := NewMemoryAccessCache(3)
	day := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	a := Access{Global: true}

	_, stamp, ok := c.Get(1, day)
	require.False(t, ok)
	c.Put(1, day, a, stamp)
	got, _, ok := c.Get(1, day)
	require.True(t, ok)
	require.Equal(t, a, got)
	_, _, ok = c.Get(1, day.AddDate(0, 0, 1))
	require.False(t, ok, "an entry is good for its day only")

	c.Invalidate(1)
	_, _, ok = c.Get(1, day)
	require.False(t, ok)

	// An invalidation between a miss and its Put wins: the stale value is not stored.
	_, stamp, _ = c.Get(2, day)
	c.Invalidate(2)
	c.Put(2, day, a, stamp)
	_, _, ok = c.Get(2, day)
	require.False(t, ok)
	_, stamp, _ = c.Get(3, day)
	c.InvalidateAll()
	c.Put(3, day, a, stamp)
	_, _, ok = c.Get(3, day)
	require.False(t, ok)

	for id := int64(10); id < 14; id++ {
		_, stamp, _ := c.Get(id, day)
		c.Put(id, day, a, stamp)
	}
	require.LessOrEqual(t, c.Len(), 3, "bounded")
	_, _, ok = c.Get(13, day)
	require.True(t, ok, "the newest entry survives")
	c.InvalidateAll()
	require.Zero(t, c.Len())
}
