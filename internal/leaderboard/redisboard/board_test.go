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
	"memora/internal/redistest"
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

// A credit observed while a build reads the database lands in the build too: the board
// is published with it although the snapshot missed it (a busy institution's board gets
// built however many credits arrive meanwhile). A build whose board missed an update is
// dropped instead.
func TestBuildKeepsCreditsObservedMeanwhile(t *testing.T) {
	redistest.Run(t, func(t *testing.T, r redistest.Target) { testBuildKeepsCreditsObservedMeanwhile(t, r.Client(t)) })
}

func testBuildKeepsCreditsObservedMeanwhile(t *testing.T, client redis.UniversalClient) {
	ctx := context.Background()
	s := storetest.Open(t, store.SQLite)
	h := newHistory(t, s, uniqueInstitution(t, client), 60, today)
	b := &Board{Redis: Direct{client}, Store: s}
	sc := leaderboard.Scope{InstitutionID: h.inst, Period: leaderboard.AllTime, Today: today}
	key := boardKey(sc)
	register := func(tmp string) {
		t.Helper()
		require.NoError(t, registerScript.Run(ctx, client, []string{buildingKey(key), tmp}, buildTTL.Milliseconds()).Err())
	}

	register(key + ":build:a")
	stale, err := s.LeaderboardScores(ctx, sc.StoreScope())
	require.NoError(t, err)
	late := h.credit(h.users[0], today)
	late.Amount = 10_000 // to the top
	(&Observer{Redis: Direct{client}, Store: s}).Credited(ctx, h.apply(t, s, []progress.Credit{late}))
	built, err := b.build(ctx, sc, key, key+":build:a", stale)
	require.NoError(t, err)
	require.True(t, built)
	got, err := b.Standings(ctx, sc, h.users[0], leaderboard.Limit)
	require.NoError(t, err)
	require.Equal(t, h.reference(sc, h.users[0], leaderboard.Limit), got)
	require.EqualValues(t, 1, got.Caller.Rank, "the credit observed during the build counts")
	n, err := client.Exists(ctx, buildingKey(key), key+":build:a").Result()
	require.NoError(t, err)
	require.Zero(t, n, "the build is unlisted and renamed")

	// The board misses an update (Redis failed after the commit): it and the build in
	// progress are dropped, and the build is not published.
	require.NoError(t, client.Unlink(ctx, key).Err())
	register(key + ":build:b")
	scores, err := s.LeaderboardScores(ctx, sc.StoreScope())
	require.NoError(t, err)
	b.missed = newMissedUpdates()
	b.missed.dropSets([]target{{key: key}}, nil)
	require.NoError(t, b.missed.flush(ctx, b.Redis))
	built, err = b.build(ctx, sc, key, key+":build:b", scores)
	require.NoError(t, err)
	require.False(t, built, "a dropped build is not published")
	n, err = client.Exists(ctx, key, key+":build:b").Result()
	require.NoError(t, err)
	require.Zero(t, n)
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

// noRebuild is a store that cannot give a board's scores: a board read through it must
// find its set in Redis.
type noRebuild struct{ store.Executor }

func (noRebuild) LeaderboardScores(context.Context, store.BoardScope) ([]store.BoardScore, error) {
	return nil, errors.New("a board was rebuilt")
}

// A credit committed while Redis is down misses its sets: the board answers from the
// database meanwhile, and once Redis is back the missed updates are replayed into the sets
// in place (a million-player board is not dropped and rebuilt).
func TestMissedUpdatesAreReplayed(t *testing.T) {
	if testRedis(t) == nil {
		t.Skipf("%s is not set", RedisURLEnv)
	}
	// SCRIPT FLUSH below: on a redis-server of this test's own, never the shared one.
	srv := redistest.StartServer(t)
	client := redis.NewClient(&redis.Options{Addr: srv.Addr()})
	t.Cleanup(func() { client.Close() })
	ctx := context.Background()
	s := storetest.Open(t, store.SQLite)
	h := newHistory(t, s, uniqueInstitution(t, client), 120, today)
	r := &flaky{Direct: Direct{client}}
	board, obs := New(r, s, leaderboard.SQLBoard{Store: s}, nil)
	board.BuildWait = 0 // the boards are compared once built, however loaded the machine
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
	require.NoError(t, client.ScriptFlush(ctx).Err(), "the replay must not depend on cached scripts") // own redis-server
	board.Store, board.Fallback = noRebuild{s}, nil
	check("back up")
	require.Empty(t, board.missed.scores, "every missed update was replayed")
}

// failing fails one Redis operation.
type failing struct {
	Direct
	op string
}

func (f failing) Do(ctx context.Context, op string, fn func(ctx context.Context, rdb redis.UniversalClient) error) error {
	if op == f.op {
		return errors.New("redis timed out")
	}
	return f.Direct.Do(ctx, op, fn)
}

// When Redis fails while a board is being written, the answer comes from the snapshot the
// build read (exact), not from the fallback: a large institution's waiting requests must
// not each aggregate the institution.
func TestFailedBuildAnswersFromItsSnapshot(t *testing.T) {
	redistest.Run(t, func(t *testing.T, r redistest.Target) { testFailedBuildAnswersFromItsSnapshot(t, r.Client(t)) })
}

func testFailedBuildAnswersFromItsSnapshot(t *testing.T, client redis.UniversalClient) {
	ctx := context.Background()
	s := storetest.Open(t, store.SQLite)
	h := newHistory(t, s, uniqueInstitution(t, client), 50, today)
	b := &Board{Redis: failing{Direct{client}, "leaderboard_build"}, Store: s, Fallback: boardFunc(func() {
		t.Fatal("the fallback must not be asked")
	})}
	for _, sc := range h.scopes() {
		got, err := b.Standings(ctx, sc, h.users[2], leaderboard.Limit)
		require.NoError(t, err)
		require.Equal(t, h.reference(sc, h.users[2], leaderboard.Limit), got)
	}
}

// boardFunc is a Board that calls f.
type boardFunc func()

func (f boardFunc) Standings(context.Context, leaderboard.Scope, int64, int) (leaderboard.Standings, error) {
	f()
	return leaderboard.Standings{}, nil
}

// Every multi-key script keeps its keys in one Redis Cluster slot: the board, its building
// set and its builds (which updateScript and dropScript reach through SMEMBERS, undeclared,
// so no server would reject a build in another slot), and each updateScript call's sets.
func TestKeysOfOneScriptShareASlot(t *testing.T) {
	math := "math"
	var sets []target
	for _, inst := range []string{"i1", "lb-0a1b2c", "inst:with:colons"} {
		for _, sub := range []*string{nil, &math} {
			sets = append(sets, targets(inst, sub, []time.Time{today, today.AddDate(0, 0, -40)}, nil)...)
			sets = append(sets, target{key: boardKey(leaderboard.Scope{InstitutionID: inst, SubjectID: sub, Period: leaderboard.AllTime})})
		}
	}
	scores := map[string]int64{}
	for _, s := range sets {
		board := s.key
		for _, k := range []string{buildingKey(board), board + ":build:0123456789abcdef"} {
			require.Equal(t, redistest.Slot(board), redistest.Slot(k), "%s and %s", board, k)
		}
		scores[s.key] = 1
	}
	u := updates(7, scores)
	require.Len(t, u, 3, "one call per institution")
	for _, call := range u {
		for _, k := range call.keys {
			require.Equal(t, redistest.Slot(call.keys[0]), redistest.Slot(k), "%v", call.keys)
		}
	}
}
