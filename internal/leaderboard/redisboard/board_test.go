package redisboard

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"

	"memora/internal/leaderboard"
	"memora/internal/progress"
	"memora/internal/store"
	"memora/internal/store/storetest"
)

func TestKeys(t *testing.T) {
	math := "math"
	day := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	sc := leaderboard.Scope{InstitutionID: "i1", Period: leaderboard.Daily, Today: day}
	require.Equal(t, "lb:{i1}:day:2026-11-25", boardKey(sc))
	sc.Period, sc.SubjectID = leaderboard.Weekly, &math
	require.Equal(t, "lb:{i1}:week:2026-11-25:math", boardKey(sc))
	sc.Period = leaderboard.Monthly
	require.Equal(t, "lb:{i1}:month:2026-11:math", boardKey(sc))
	require.Equal(t, (5+2)*24*time.Hour, ttl(sc), "kept to the month's end and a day more")
	sc.Period, sc.SubjectID = leaderboard.AllTime, nil
	require.Equal(t, "lb:{i1}:all", boardKey(sc))
	require.Equal(t, "0000000000000000042", member(42))
	require.Less(t, member(99), member(100), "padding orders members like ids")
}

// A build whose snapshot may miss a credit observed while it was read is dropped (and the
// answer comes from the snapshot); the next read builds the set with the credit.
func TestBuildYieldsToObservedCredit(t *testing.T) {
	client := testRedis(t)
	if client == nil {
		t.Skipf("%s is not set", RedisURLEnv)
	}
	ctx := context.Background()
	s := storetest.Open(t, store.SQLite)
	h := newHistory(t, s, uniqueInstitution(t, client), 60, today)
	b := &Board{Redis: Direct{client}, Store: s}
	sc := leaderboard.Scope{InstitutionID: h.inst, Period: leaderboard.AllTime, Today: today}
	scores, err := s.LeaderboardScores(ctx, sc.StoreScope())
	require.NoError(t, err)

	before := "0"
	late := h.apply(t, s, []progress.Credit{h.credit(h.users[0], today)})
	(&Observer{Redis: Direct{client}, Store: s}).Credited(ctx, late) // moves the epoch; the set does not exist yet
	built, err := b.build(ctx, sc, boardKey(sc), before, scores)
	require.NoError(t, err)
	require.False(t, built, "the epoch moved: the stale snapshot is not kept")
	n, err := client.Exists(ctx, boardKey(sc)).Result()
	require.NoError(t, err)
	require.Zero(t, n)

	got, err := b.Standings(ctx, sc, h.users[0], leaderboard.Limit)
	require.NoError(t, err)
	require.Equal(t, h.reference(sc, h.users[0], leaderboard.Limit), got)
	n, err = client.Exists(ctx, boardKey(sc)).Result()
	require.NoError(t, err)
	require.EqualValues(t, 1, n, "built on the next read")
}

// When Redis is down the board answers from the database.
func TestFallbackWhenRedisIsDown(t *testing.T) {
	ctx := context.Background()
	s := storetest.Open(t, store.SQLite)
	h := newHistory(t, s, "down", 80, today)
	down := redis.NewClient(&redis.Options{Addr: "127.0.0.1:1", DialTimeout: 50 * time.Millisecond, MaxRetries: -1})
	t.Cleanup(func() { down.Close() })
	b := &Board{Redis: Direct{down}, Store: s, Fallback: leaderboard.SQLBoard{Store: s}}
	sc := leaderboard.Scope{InstitutionID: h.inst, Period: leaderboard.Weekly, Today: today}
	got, err := b.Standings(ctx, sc, h.users[3], leaderboard.Limit)
	require.NoError(t, err)
	require.Equal(t, h.reference(sc, h.users[3], leaderboard.Limit), got)

	(&Observer{Redis: Direct{down}, Store: s}).Credited(ctx, h.credits[:1]) // logs, never fails the caller
	b.Fallback = nil
	_, err = b.Standings(ctx, sc, h.users[3], leaderboard.Limit)
	require.Error(t, err)
}

// flaky is a Redis that can be switched off.
type flaky struct {
	Direct
	down bool
}

func (f *flaky) Do(ctx context.Context, op string, fn func(ctx context.Context, rdb redis.UniversalClient) error) error {
	if f.down {
		return errors.New("redis is down")
	}
	return f.Direct.Do(ctx, op, fn)
}

// A credit committed while Redis is down misses its sets: the board answers from the
// database meanwhile, and once Redis is back the missed sets are dropped and rebuilt.
func TestMissedUpdatesAreRebuilt(t *testing.T) {
	client := testRedis(t)
	if client == nil {
		t.Skipf("%s is not set", RedisURLEnv)
	}
	ctx := context.Background()
	s := storetest.Open(t, store.SQLite)
	h := newHistory(t, s, uniqueInstitution(t, client), 120, today)
	r := &flaky{Direct: Direct{client}}
	board, obs := New(r, s, leaderboard.SQLBoard{Store: s}, nil)
	scopes := h.scopes()
	check := func(phase string) {
		for _, sc := range scopes {
			got, err := board.Standings(ctx, sc, h.users[1], leaderboard.Limit)
			require.NoError(t, err)
			require.Equal(t, h.reference(sc, h.users[1], leaderboard.Limit), got, "%s: %s %v", phase, sc.Period, sc.SubjectID)
		}
	}
	check("built")

	r.down = true
	var missed []progress.Credit
	for i := range 20 {
		c := h.credit(h.users[i], today)
		c.Amount = 500 // enough to reorder the top
		missed = append(missed, c)
	}
	obs.Credited(ctx, h.apply(t, s, missed))
	check("while down")
	r.down = false
	check("back up")
}
