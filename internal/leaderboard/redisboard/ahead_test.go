package redisboard

import (
	"context"
	"sync/atomic"
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

// The sets created ahead of a credit's day are those whose window begins two days later,
// never one that has begun (its history would be unknown), each kept past its window.
func TestAheadSets(t *testing.T) {
	math := "math"
	day := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	got := map[string]time.Duration{}
	for _, s := range ahead("i1", &math, []time.Time{day}) {
		got[s.key] = s.ttl
	}
	require.Equal(t, map[string]time.Duration{
		"lb:{i1}:day:2026-11-27:math":  (2 + 2) * 24 * time.Hour,
		"lb:{i1}:week:2026-12-03:math": (8 + 2) * 24 * time.Hour, // 11-27 … 12-03
		"lb:{i1}:month:2026-12:math":   (36 + 2) * 24 * time.Hour,
	}, got)
	require.Len(t, ahead("i1", nil, []time.Time{time.Date(2026, 11, 29, 0, 0, 0, 0, time.UTC)}), 3, "December begins two days after the 29th")
	for _, s := range ahead("i1", nil, []time.Time{time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)}) {
		require.NotContains(t, s.key, "month", "December begins less than two days after the 30th")
	}
	for _, inst := range []string{"i1", "inst:with:colons"} {
		for _, s := range ahead(inst, &math, []time.Time{day, day.AddDate(0, 0, 6)}) {
			require.Equal(t, redistest.Slot(prefix(inst)), redistest.Slot(s.key), "one script call per institution")
		}
	}
}

// countingStore counts the board builds' aggregates.
type countingStore struct {
	store.Executor
	builds atomic.Int64
}

func (c *countingStore) LeaderboardScores(ctx context.Context, sc store.BoardScope) ([]store.BoardScore, error) {
	c.builds.Add(1)
	return c.Executor.LeaderboardScores(ctx, sc)
}

// Days roll over with players earning XP every day: the first request of each new day,
// rolling week and month reads a set the observers created before the period began, and no
// board aggregates the ledger. A board Redis lost is built again (once), exactly.
func TestNewPeriodsAreReadWithoutABuild(t *testing.T) {
	redistest.Run(t, func(t *testing.T, r redistest.Target) {
		for _, e := range storetest.Engines() {
			t.Run(string(e), func(t *testing.T) { testNewPeriodsAreReadWithoutABuild(t, e, r.Client(t)) })
		}
	})
}

func testNewPeriodsAreReadWithoutABuild(t *testing.T, engine store.Engine, client redis.UniversalClient) {
	ctx := context.Background()
	s := storetest.Open(t, engine)
	h := newHistory(t, s, uniqueInstitution(t, client), 80, today)
	counting := &countingStore{Executor: s}
	board := &Board{Redis: Direct{client}, Store: counting}
	obs := &Observer{Redis: Direct{client}, Store: s}
	scopes := func(day time.Time) []leaderboard.Scope {
		var out []leaderboard.Scope
		for _, p := range []leaderboard.Period{leaderboard.Daily, leaderboard.Weekly, leaderboard.Monthly} {
			out = append(out, leaderboard.Scope{InstitutionID: h.inst, Period: p, Today: day})
			for i := range h.subjects {
				out = append(out, leaderboard.Scope{InstitutionID: h.inst, SubjectID: &h.subjects[i], Period: p, Today: day})
			}
		}
		return out
	}
	// From the day after the history (25 November) to 6 December: the week of 6 December
	// begins on 30 November, eight days after the first observed credits; December begins
	// on the 1st.
	last := today.AddDate(0, 0, 11)
	for day := today.AddDate(0, 0, 1); !day.After(last); day = day.AddDate(0, 0, 1) {
		var credits []progress.Credit
		for i := range 24 {
			c := h.credit(h.users[h.rng.IntN(len(h.users))], day)
			c.SubjectID = nil
			if k := i % 3; k < len(h.subjects) {
				c.SubjectID = &h.subjects[k]
			}
			credits = append(credits, c)
		}
		obs.Credited(ctx, h.apply(t, s, credits))
	}
	for _, sc := range scopes(last) {
		for _, caller := range h.callers(sc) {
			got, err := board.Standings(ctx, sc, caller, leaderboard.Limit)
			require.NoError(t, err)
			require.Equal(t, h.reference(sc, caller, leaderboard.Limit), got, "%s %v", sc.Period, sc.SubjectID)
		}
	}
	require.Zero(t, counting.builds.Load(), "a board maintained since its period began is not built")

	// Redis lost a board: its history is unknown, so it is built from the database.
	lost := leaderboard.Scope{InstitutionID: h.inst, Period: leaderboard.Weekly, Today: last}
	require.NoError(t, client.Del(ctx, boardKey(lost)).Err())
	obs.Credited(ctx, h.apply(t, s, []progress.Credit{h.credit(h.users[0], last)}))
	got, err := board.Standings(ctx, lost, h.users[0], leaderboard.Limit)
	require.NoError(t, err)
	require.Equal(t, h.reference(lost, h.users[0], leaderboard.Limit), got)
	require.EqualValues(t, 1, counting.builds.Load(), "the lost board is built, not created empty again")
}

// A credit of a window committed before its set was created ahead (a clock set back, a
// backdated import) makes the set unknown: it is dropped, and its first read builds it.
func TestAheadSetOfAWindowWithXPIsDropped(t *testing.T) {
	redistest.Run(t, func(t *testing.T, r redistest.Target) { testAheadSetOfAWindowWithXPIsDropped(t, r.Client(t)) })
}

func testAheadSetOfAWindowWithXPIsDropped(t *testing.T, client redis.UniversalClient) {
	ctx := context.Background()
	s := storetest.Open(t, store.SQLite)
	h := newHistory(t, s, uniqueInstitution(t, client), 40, today)
	obs := &Observer{Redis: Direct{client}, Store: s}
	later := today.AddDate(0, 0, 2)
	obs.Credited(ctx, h.apply(t, s, []progress.Credit{h.credit(h.users[1], later)}))
	obs.Credited(ctx, h.apply(t, s, []progress.Credit{h.credit(h.users[2], today)})) // would create later's sets
	sc := leaderboard.Scope{InstitutionID: h.inst, Period: leaderboard.Daily, Today: later}
	n, err := client.Exists(ctx, boardKey(sc)).Result()
	require.NoError(t, err)
	require.Zero(t, n, "the set missed a credit of its window")
	counting := &countingStore{Executor: s}
	got, err := (&Board{Redis: Direct{client}, Store: counting}).Standings(ctx, sc, h.users[1], leaderboard.Limit)
	require.NoError(t, err)
	require.Equal(t, h.reference(sc, h.users[1], leaderboard.Limit), got)
	require.EqualValues(t, 1, counting.builds.Load())
}
