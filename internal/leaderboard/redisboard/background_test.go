package redisboard

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"

	"memora/internal/leaderboard"
	"memora/internal/redistest"
	"memora/internal/store"
	"memora/internal/store/storetest"
)

// blockingStore holds the board builds' aggregates until release is closed.
type blockingStore struct {
	store.Executor
	release chan struct{}
	builds  atomic.Int64
}

func (b *blockingStore) LeaderboardScores(ctx context.Context, sc store.BoardScope) ([]store.BoardScore, error) {
	b.builds.Add(1)
	<-b.release
	return b.Executor.LeaderboardScores(ctx, sc)
}

// A board whose history is unknown is built in the background: while the aggregate runs,
// requests are answered "being built" with the caller's own XP (read from their rows, not
// aggregated), without waiting for it and without a second aggregate; once built the board
// is exact.
func TestLostBoardIsBuiltInTheBackground(t *testing.T) {
	redistest.Run(t, func(t *testing.T, r redistest.Target) { testLostBoardIsBuiltInTheBackground(t, r.Client(t)) })
}

func testLostBoardIsBuiltInTheBackground(t *testing.T, client redis.UniversalClient) {
	ctx := context.Background()
	s := storetest.Open(t, store.SQLite)
	h := newHistory(t, s, uniqueInstitution(t, client), 60, today)
	st := &blockingStore{Executor: s, release: make(chan struct{})}
	released := false
	release := func() {
		if !released {
			released = true
			close(st.release)
		}
	}
	t.Cleanup(release)
	board := &Board{Redis: Direct{client}, Store: st, BuildWait: time.Millisecond,
		Fallback: boardFunc(func() { t.Error("the fallback must not be asked") })}
	sc := leaderboard.Scope{InstitutionID: h.inst, Period: leaderboard.Weekly, Today: today}
	all := h.reference(sc, 0, len(h.users))
	require.Greater(t, len(all.Top), 3)
	ranked := all.Top[3].UserID
	var idle int64 // a player without XP in the week
	for _, u := range h.users {
		if h.reference(sc, u, 0).Caller == nil && !h.disabled[u] {
			idle = u
			break
		}
	}
	require.NotZero(t, idle)

	for _, tc := range []struct {
		caller int64
		want   leaderboard.Standings
	}{
		{ranked, leaderboard.Standings{Building: true, Caller: &leaderboard.Standing{UserID: ranked, XP: all.Top[3].XP}}},
		{idle, leaderboard.Standings{Building: true}},
	} {
		answered := make(chan leaderboard.Standings, 1)
		go func() {
			got, err := board.Standings(ctx, sc, tc.caller, leaderboard.Limit)
			if err != nil {
				t.Error(err)
			}
			answered <- got
		}()
		select {
		case got := <-answered:
			require.Equal(t, tc.want, got)
		case <-time.After(time.Minute): // the aggregate is held until release: a waiting request never answers
			release()
			t.Fatal("the request waited for the build")
		}
	}

	release()
	board.BuildWait = 0 // joins the build in progress, or reads the board it published
	got, err := board.Standings(ctx, sc, ranked, leaderboard.Limit)
	require.NoError(t, err)
	require.Equal(t, h.reference(sc, ranked, leaderboard.Limit), got)
	require.EqualValues(t, 1, st.builds.Load(), "one aggregate for every request")
}
