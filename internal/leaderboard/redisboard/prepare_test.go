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

// countedScores counts the boards' aggregate reads, and the player reads (names) with the
// players last read.
type countedScores struct {
	store.Store
	reads   atomic.Int64
	players atomic.Int64
	last    atomic.Pointer[[]int64]
}

func (c *countedScores) LeaderboardPlayers(ctx context.Context, ids []int64, subjectID *string) ([]store.BoardPlayer, error) {
	c.players.Add(1)
	c.last.Store(&ids)
	return c.Store.LeaderboardPlayers(ctx, ids, subjectID)
}

func (c *countedScores) LeaderboardScores(ctx context.Context, sc store.BoardScope) ([]store.BoardScore, error) {
	c.reads.Add(1)
	return c.Store.LeaderboardScores(ctx, sc)
}

// Prepare builds a missing board once, before any request asks for it: the requests then
// read it without a build, and preparing it again builds nothing. Each Prepare reads the
// board's top players as a request does (warming their rows).
func TestPrepareBuildsAMissingBoardBeforeItsFirstRequest(t *testing.T) {
	redistest.Run(t, func(t *testing.T, r redistest.Target) { testPrepare(t, r.Client(t)) })
}

func testPrepare(t *testing.T, client redis.UniversalClient) {
	ctx := context.Background()
	base := storetest.Open(t, store.SQLite)
	h := newHistory(t, base, uniqueInstitution(t, client), 60, today)
	s := &countedScores{Store: base}
	b := &Board{Redis: Direct{client}, Store: s}
	warmed := 0
	for _, sc := range h.scopes() {
		s.last.Store(nil)
		built, err := b.Prepare(ctx, sc)
		require.NoError(t, err)
		require.True(t, built, sc)
		var top []int64
		for _, st := range h.reference(sc, 0, leaderboard.Limit).Top {
			top = append(top, st.UserID)
		}
		if len(top) == 0 {
			require.Nil(t, s.last.Load(), "nobody to name")
			continue
		}
		warmed++
		require.NotNil(t, s.last.Load(), "the top's players read")
		require.Equal(t, top, *s.last.Load(), "the top's players read")
	}
	require.Positive(t, warmed)
	require.EqualValues(t, warmed, s.players.Load(), "one player read per board with players")
	reads := s.reads.Load()
	require.EqualValues(t, len(h.scopes()), reads, "one aggregate per board")
	for _, sc := range h.scopes() {
		for _, caller := range h.callers(sc) {
			got, err := b.Standings(ctx, sc, caller, leaderboard.Limit)
			require.NoError(t, err)
			require.Equal(t, h.reference(sc, caller, leaderboard.Limit), got)
		}
		s.last.Store(nil)
		built, err := b.Prepare(ctx, sc)
		require.NoError(t, err)
		require.False(t, built, "it exists")
		require.Equal(t, len(h.reference(sc, 0, leaderboard.Limit).Top) > 0, s.last.Load() != nil,
			"an existing board is warmed too")
	}
	require.Equal(t, reads, s.reads.Load(), "no request and no second Prepare built again")
}
