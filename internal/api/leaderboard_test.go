package api_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"

	"memora/internal/apitest"
	"memora/internal/config"
	"memora/internal/store"
	"memora/internal/store/storetest"
)

type boardEntry struct {
	Rank          *int64 `json:"rank"`
	Name          string `json:"name"`
	Avatar        string `json:"avatar"`
	XP            int64  `json:"xp"`
	Level         int    `json:"level"`
	IsCurrentUser bool   `json:"isCurrentUser"`
}

type board struct {
	Leaderboard []boardEntry `json:"leaderboard"`
	UserRank    boardEntry   `json:"userRank"`
}

var boardPath = apitest.Method("leaderboard", "get_leaderboard")

func leaderboard(t *testing.T, c *apitest.Client, params map[string]string) board {
	t.Helper()
	r := c.Get(boardPath, params)
	require.Equal(t, 200, r.Status, r.Body)
	var b board
	r.Message(t, &b)
	return b
}

func ranks(b board) []int64 {
	out := make([]int64, len(b.Leaderboard))
	for i, e := range b.Leaderboard {
		out[i] = *e.Rank
	}
	return out
}

func xps(b board) []int64 {
	out := make([]int64, len(b.Leaderboard))
	for i, e := range b.Leaderboard {
		out[i] = e.XP
	}
	return out
}

// I.79 with the exact rank: 60 players with XP, the caller 55th → 50 entries and userRank 55.
func TestLeaderboardCallerBeyondTop(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, env *apitest.Env) { boardBeyondTop(t, env, "x") })
}

func boardBeyondTop(t *testing.T, env *apitest.Env, inst string) {
	w := newGameWorld(t, env, inst)
	w.players(t, 59, func(i int) int64 {
		if i < 54 {
			return int64(10000 - 10*i)
		}
		return int64(100 - i)
	})
	c, _ := w.player(t, "me@x.test", 500) // 55th
	b := leaderboard(t, c, nil)
	require.Len(t, b.Leaderboard, 50)
	require.Equal(t, int64(55), *b.UserRank.Rank)
	require.Equal(t, int64(500), b.UserRank.XP)
	require.True(t, b.UserRank.IsCurrentUser)
	require.Equal(t, "me@x.test", b.UserRank.Name)
	require.Equal(t, 2, b.UserRank.Level)
	for _, e := range b.Leaderboard {
		require.False(t, e.IsCurrentUser)
	}
	require.Equal(t, "Player 0", b.Leaderboard[0].Name)
	require.Equal(t, int64(10000), b.Leaderboard[0].XP)
	require.Equal(t, 8, b.Leaderboard[0].Level)
}

// Ties share a rank (1, 2, 2, 4); players without XP (I.81), disabled players and other
// institutions' players are never listed; a caller without XP is not ranked.
func TestLeaderboardRanksAndExclusions(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, env *apitest.Env) { boardRanks(t, env, "x", "y") })
}

func boardRanks(t *testing.T, env *apitest.Env, inst, otherInst string) {
	ctx := context.Background()
	w := newGameWorld(t, env, inst)
	xp := []int64{100, 80, 80, 50, 0, 999}
	ps := w.players(t, len(xp), func(i int) int64 { return xp[i] })
	require.NoError(t, env.Store.UserSetEnabled(ctx, ps[5].ID, false))
	env.Institution(otherInst)
	(&gameWorld{env: env, inst: otherInst}).players(t, 1, func(int) int64 { return 5000 })
	c, me := w.player(t, "me@x.test", 0)

	b := leaderboard(t, c, nil)
	require.Equal(t, []int64{1, 2, 2, 4}, ranks(b))
	require.Equal(t, []int64{100, 80, 80, 50}, xps(b))
	require.Nil(t, b.UserRank.Rank, "no XP: not ranked")
	require.Equal(t, int64(0), b.UserRank.XP)
	require.True(t, b.UserRank.IsCurrentUser)

	w.play(t, me, store.SessionLesson, env.Clock.Now(), 80, nil) // through the XP observer
	b = leaderboard(t, c, map[string]string{"period": "all_time"})
	require.Equal(t, []int64{1, 2, 2, 2, 5}, ranks(b), "the caller ties second")
	require.Equal(t, int64(2), *b.UserRank.Rank)
	require.Equal(t, int64(80), b.UserRank.XP)
}

// Periods are institution-local: today, the last 7 days (rolling) and the calendar month;
// each may be narrowed to a subject (I.82 changed: the subject counts in weekly boards).
func TestLeaderboardPeriodsAndSubjects(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, env *apitest.Env) { boardPeriods(t, env, "x") })
}

func boardPeriods(t *testing.T, env *apitest.Env, inst string) {
	w := newGameWorld(t, env, inst)
	c, me := w.player(t, "me@x.test", 0)
	_, rival := w.player(t, "rival@x.test", 0)
	now := env.Clock.Now()
	math, phys := gmMath, gmPhys
	w.play(t, me, store.SessionLesson, now.Add(-time.Hour), 30, &math)
	w.play(t, me, store.SessionLesson, now.AddDate(0, 0, -3), 20, &phys)
	w.play(t, me, store.SessionLesson, now.AddDate(0, 0, -10), 40, &math) // Nov 15
	w.play(t, me, store.SessionLesson, now.AddDate(0, 0, -30), 80, &math) // Oct 26
	w.play(t, rival, store.SessionLesson, now.Add(-2*time.Hour), 25, &phys)
	w.play(t, rival, store.SessionReview, now.AddDate(0, 0, -2), 40, &math)

	for _, tc := range []struct {
		period, subject string
		mine            int64
		rank            int64
		board           []int64
	}{
		{"daily", "", 30, 1, []int64{30, 25}},
		{"weekly", "", 50, 2, []int64{65, 50}},
		{"weekly", gmMath, 30, 2, []int64{40, 30}},
		{"weekly", gmPhys, 20, 2, []int64{25, 20}},
		{"monthly", "", 90, 1, []int64{90, 65}},
		{"monthly", gmMath, 70, 1, []int64{70, 40}},
		{"all_time", "", 170, 1, []int64{170, 65}},
		{"all_time", gmMath, 150, 1, []int64{150, 40}},
	} {
		b := leaderboard(t, c, map[string]string{"period": tc.period, "subject": tc.subject})
		require.Equal(t, tc.board, xps(b), "%s %s", tc.period, tc.subject)
		require.Equal(t, tc.mine, b.UserRank.XP, "%s %s", tc.period, tc.subject)
		require.Equal(t, tc.rank, *b.UserRank.Rank, "%s %s", tc.period, tc.subject)
	}
	b := leaderboard(t, c, map[string]string{"period": "daily", "subject": gmMath})
	require.Equal(t, []int64{30}, xps(b))
	require.Equal(t, 1, b.Leaderboard[0].Level, "the level of the math score (150 XP)")

	// Past local midnight (21:00 UTC in Amman) "today" is the 26th: nobody has played yet.
	env.Clock.Set(time.Date(2026, 11, 25, 21, 0, 0, 0, time.UTC))
	b = leaderboard(t, c, map[string]string{"period": "daily"})
	require.Empty(t, b.Leaderboard)
	require.Nil(t, b.UserRank.Rank)

	expectError(t, c.Get(boardPath, map[string]string{"period": "yearly"}), 400, "ValidationError")
	expectError(t, c.Get(boardPath, map[string]string{"subject": "nope"}), 404, "DoesNotExistError")
	expectError(t, env.Client().Get(boardPath, nil), 401, "AuthenticationError")
}

// The same scenarios with Redis leaderboards (MEMORA_TEST_REDIS_URL): sets built from the
// database, then kept current by the XP observer.
func TestLeaderboardOnRedis(t *testing.T) {
	t.Parallel()
	url := os.Getenv("MEMORA_TEST_REDIS_URL")
	if url == "" {
		t.Skip("MEMORA_TEST_REDIS_URL is not set")
	}
	opts, err := redis.ParseURL(url)
	require.NoError(t, err)
	ping := redis.NewClient(opts)
	defer ping.Close()
	require.NoError(t, ping.Ping(context.Background()).Err(), "MEMORA_TEST_REDIS_URL must be reachable")
	for _, e := range storetest.Engines() {
		t.Run(string(e), func(t *testing.T) {
			newEnv := func() *apitest.Env {
				return apitest.New(t, e, func(cfg *config.Config) {
					cfg.RedisURL, cfg.Redis = url, config.Redis{Addrs: []string{url}}
				})
			}
			boardBeyondTop(t, newEnv(), redisInstitution(t, url))
			boardRanks(t, newEnv(), redisInstitution(t, url), redisInstitution(t, url))
			boardPeriods(t, newEnv(), redisInstitution(t, url))
		})
	}
}

// redisInstitution is a fresh institution id whose leaderboard keys are dropped at the end.
func redisInstitution(t *testing.T, url string) string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	id := "api-lb-" + hex.EncodeToString(b)
	t.Cleanup(func() {
		opts, err := redis.ParseURL(url)
		if err != nil {
			return
		}
		c := redis.NewClient(opts)
		defer c.Close()
		ctx := context.Background()
		iter := c.Scan(ctx, 0, "lb:{"+id+"}:*", 1000).Iterator()
		for iter.Next(ctx) {
			c.Del(ctx, iter.Val())
		}
	})
	return id
}
