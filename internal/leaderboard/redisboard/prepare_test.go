package redisboard

import (
	"context"
	"sync/atomic"
	"testing"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"

	"memora/internal/leaderboard"
	"memora/internal/redistest"
	"memora/internal/store"
	"memora/internal/store/storetest"
)

// countedScores counts the boards' aggregate reads.
type countedScores struct {
	store.Store
	reads atomic.Int64
}

func (c *countedScores) LeaderboardScores(ctx context.Context, sc store.BoardScope) ([]store.BoardScore, error) {
	c.reads.Add(1)
	return c.Store.LeaderboardScores(ctx, sc)
}

// Prepare builds a missing board once, before any request asks for it: the requests then
// read it without a build, and preparing it again builds nothing.
func TestPrepareBuildsAMissingBoardBeforeItsFirstRequest(t *testing.T) {
	redistest.Run(t, func(t *testing.T, r redistest.Target) { testPrepare(t, r.Client(t)) })
}

func testPrepare(t *testing.T, client redis.UniversalClient) {
	ctx := context.Background()
	base := storetest.Open(t, store.SQLite)
	h := newHistory(t, base, uniqueInstitution(t, client), 60, today)
	s := &countedScores{Store: base}
	b := &Board{Redis: Direct{client}, Store: s}
	for _, sc := range h.scopes() {
		built, err := b.Prepare(ctx, sc)
		require.NoError(t, err)
		require.True(t, built, sc)
	}
	reads := s.reads.Load()
	require.EqualValues(t, len(h.scopes()), reads, "one aggregate per board")
	for _, sc := range h.scopes() {
		for _, caller := range h.callers(sc) {
			got, err := b.Standings(ctx, sc, caller, leaderboard.Limit)
			require.NoError(t, err)
			require.Equal(t, h.reference(sc, caller, leaderboard.Limit), got)
		}
		built, err := b.Prepare(ctx, sc)
		require.NoError(t, err)
		require.False(t, built, "it exists")
	}
	require.Equal(t, reads, s.reads.Load(), "no request and no second Prepare built again")
}
