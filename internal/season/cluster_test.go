package season_test

import (
	"context"
	"testing"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"

	"memora/internal/redistest"
	"memora/internal/season"
)

// On a Redis Cluster the schedule keys of a season spread over every master: the cache
// status counts them on all masters (more than one SCAN batch on each), and archiving the
// season unlinks them from all masters, one key per command (they live in different slots).
func TestArchiveAndStatusScanEveryClusterMaster(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 3,500 keys")
	}
	r := redistest.ClusterTarget(t)
	onCluster(t, r, func(t *testing.T, e *env) {
		ctx := context.Background()
		id := redistest.Season(t)
		e.season(t, id, false)
		e.rows(t, id, []int64{1, 2, 3}, 2)
		const players = 3500
		pipe := e.rdb.Pipeline()
		for u := range players {
			pipe.ZAdd(ctx, key(int64(u), id), redis.Z{Score: 1, Member: "q00000"})
		}
		_, err := pipe.Exec(ctx)
		require.NoError(t, err)
		perMaster := map[int]bool{}
		for u := range players {
			perMaster[redistest.Slot(key(int64(u), id))*3/16384] = true
		}
		require.Len(t, perMaster, 3, "the keys are on every master")

		info, err := e.svc.Cache.Status(ctx)
		require.NoError(t, err)
		require.True(t, info.Connected)
		require.EqualValues(t, players, info.KeysBySeason[id], "counted on every master")

		out, err := e.svc.Archive(ctx, season.Actor{}, id)
		require.NoError(t, err)
		require.Equal(t, season.Archived{Success: true, ArchivedCount: 6, Season: id, CacheKeysRemoved: players}, out)
		require.Empty(t, r.Keys(t, "srs:*"+id), "no master keeps a key of the season")
	})
}
