package redisboard

import (
	"context"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"

	"memora/internal/leaderboard"
	"memora/internal/progress"
	"memora/internal/store/storetest"
)

var today = time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)

// TestBoardParity feeds the SQL board, the Redis board and an in-memory reference the same
// generated history of 1,200 players and compares every board (4 periods, overall and per
// subject) for several callers (leader, places 50/51, ties, disabled, without XP): first
// with sets built from the database, then after more credits reach Redis through the
// observer, then after a leader is disabled. The Redis board runs on the shared server
// (MEMORA_TEST_REDIS_URL) and on the shared Cluster (MEMORA_TEST_REDIS_CLUSTER_URL, where
// every build, publish, update and drop script must keep its keys in one slot); without
// either only the SQL board is checked against the reference.
func TestBoardParity(t *testing.T) {
	client, cluster := testRedis(t), testCluster(t)
	for _, e := range storetest.Engines() {
		t.Run(string(e), func(t *testing.T) {
			ctx := context.Background()
			s := storetest.Open(t, e)
			inst := uniqueInstitution(t, client)
			if cluster != nil {
				t.Cleanup(func() { dropKeys(cluster, inst) })
			}
			h := newHistory(t, s, inst, 1200, today)
			sql := leaderboard.SQLBoard{Store: s}
			boards := map[string]leaderboard.Board{"sql": sql}
			var obs progress.Observers
			for name, c := range map[string]redis.UniversalClient{"redis": client, "cluster": cluster} {
				if c != nil {
					boards[name] = &Board{Redis: Direct{c}, Store: s}
					obs = append(obs, &Observer{Redis: Direct{c}, Store: s})
				}
			}
			compareAll(t, h, boards, "built from the database")

			var more []progress.Credit
			for i := range 300 {
				more = append(more, h.credit(h.users[h.rng.IntN(len(h.users))], today.AddDate(0, 0, -(i%3))))
			}
			obs.Credited(ctx, h.apply(t, s, more))
			compareAll(t, h, boards, "after observed credits")

			leader := h.reference(leaderboard.Scope{InstitutionID: h.inst, Period: leaderboard.AllTime, Today: today}, 0, 1).Top[0].UserID
			require.NoError(t, s.UserSetEnabled(ctx, leader, false))
			h.disabled[leader] = true
			compareAll(t, h, boards, "after disabling the leader")
		})
	}
}

func compareAll(t *testing.T, h *history, boards map[string]leaderboard.Board, phase string) {
	t.Helper()
	ctx := context.Background()
	checked := 0
	for _, sc := range h.scopes() {
		for _, caller := range h.callers(sc) {
			want := h.reference(sc, caller, leaderboard.Limit)
			for name, b := range boards {
				got, err := b.Standings(ctx, sc, caller, leaderboard.Limit)
				require.NoError(t, err)
				require.Equal(t, want, got, "%s: %s board, %s %v, caller %d", phase, name, sc.Period, sc.SubjectID, caller)
				checked++
			}
		}
	}
	require.Greater(t, checked, 12*5, "every board, several callers")
}
