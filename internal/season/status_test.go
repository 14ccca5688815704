package season_test

import (
	"context"
	"testing"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"

	"memora/internal/cache/rediscache"
)

// get_cache_status counts schedule keys per season (SCAN, keys of three parts) on a Redis
// of its own, reports memory and the latest rebuilds; without Redis it says so.
func TestCacheStatus(t *testing.T) {
	rdb := ownRedis(t)
	ctx := context.Background()
	for u := range 1500 { // more than one SCAN batch
		require.NoError(t, rdb.ZAdd(ctx, key(int64(u), "SEASON-2026"), redis.Z{Score: 1, Member: "q"}).Err())
	}
	require.NoError(t, rdb.ZAdd(ctx, key(1, "SEASON-2025"), redis.Z{Score: 1, Member: "q"}).Err())
	require.NoError(t, rdb.Set(ctx, "srs:odd", "x", 0).Err())
	require.NoError(t, rdb.Set(ctx, "other", "x", 0).Err())
	c := rediscache.NewSeasonCache(rediscacheClient(rdb))

	info, err := c.Status(ctx)
	require.NoError(t, err)
	require.True(t, info.Connected)
	require.Positive(t, info.MemoryUsedMB)
	require.EqualValues(t, 1502, info.TotalKeys)
	require.Equal(t, map[string]int64{"SEASON-2026": 1500, "SEASON-2025": 1}, info.KeysBySeason)

	n, err := c.DeleteSeason(ctx, "SEASON-2026")
	require.NoError(t, err)
	require.EqualValues(t, 1500, n)
	require.EqualValues(t, 3, rdb.DBSize(ctx).Val())

	each(t, false, func(t *testing.T, e *env) {
		st, err := e.svc.CacheStatus(ctx)
		require.NoError(t, err)
		require.False(t, st.RedisConnected)
		require.Empty(t, st.KeysBySeason)
		require.Empty(t, st.Rebuilds)
	})
}
