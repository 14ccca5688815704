package redisboard

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	mrand "math/rand/v2"
	"os"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"memora/internal/leaderboard"
	"memora/internal/progress"
	"memora/internal/redistest"
	"memora/internal/store"
)

// RedisURLEnv names the Redis the tests use; when it is set it must be reachable.
const RedisURLEnv = "MEMORA_TEST_REDIS_URL"

// testRedis returns a client of MEMORA_TEST_REDIS_URL, or nil when it is not set.
func testRedis(t testing.TB) redis.UniversalClient {
	t.Helper()
	url := os.Getenv(RedisURLEnv)
	if url == "" {
		return nil
	}
	opts, err := redis.ParseURL(url)
	if err != nil {
		t.Fatalf("%s: %v", RedisURLEnv, err)
	}
	c := redis.NewClient(opts)
	if err := c.Ping(context.Background()).Err(); err != nil {
		t.Fatalf("redis at %s is unreachable: %v", RedisURLEnv, err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// uniqueInstitution keeps parallel tests (and packages) off each other's keys.
func uniqueInstitution(t testing.TB, client redis.UniversalClient) string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	id := "lb-" + hex.EncodeToString(b)
	if client != nil {
		t.Cleanup(func() { dropKeys(client, id) })
	}
	return id
}

// dropKeys deletes the institution's keys, from every master of a cluster.
func dropKeys(client redis.UniversalClient, institutionID string) {
	ctx := context.Background()
	drop := func(ctx context.Context, c *redis.Client) error {
		iter := c.Scan(ctx, 0, prefix(institutionID)+"*", 1000).Iterator()
		for iter.Next(ctx) {
			c.Del(ctx, iter.Val())
		}
		return iter.Err()
	}
	switch c := client.(type) {
	case *redis.ClusterClient:
		_ = c.ForEachMaster(ctx, drop)
	case *redis.Client:
		_ = drop(ctx, c)
	}
}

// testCluster returns a client of the shared test Redis Cluster (MEMORA_TEST_REDIS_CLUSTER_URL),
// or nil when it is not set; a command whose keys are not in one slot fails the test.
func testCluster(t testing.TB) redis.UniversalClient {
	t.Helper()
	if os.Getenv(redistest.ClusterURLEnv) == "" {
		return nil
	}
	return redistest.ClusterTarget(t).Client(t)
}

// history is a generated institution: players, some disabled, and their XP credits.
type history struct {
	inst     string
	subjects []string
	today    time.Time
	users    []int64
	disabled map[int64]bool
	credits  []progress.Credit
	rng      *mrand.Rand
}

// newHistory makes players (a few disabled, some without XP) in a fresh institution and
// credits them over the 40 days up to today, in amounts that often tie.
func newHistory(t testing.TB, s store.Store, inst string, players int, today time.Time) *history {
	t.Helper()
	ctx := context.Background()
	h := &history{inst: inst, subjects: []string{inst + "-math", inst + "-phys"}, today: today,
		disabled: map[int64]bool{}, rng: mrand.New(mrand.NewPCG(uint64(players), 7))}
	must(t, s.InstitutionUpsert(ctx, store.Institution{ID: inst, Name: inst, TimeZone: "Asia/Amman"}))
	for _, id := range h.subjects {
		must(t, s.SubjectUpsert(ctx, store.Subject{ID: id, Title: id, CreatedAt: today}))
	}
	must(t, s.InTx(ctx, func(tx store.Executor) error {
		for i := range players {
			enabled := h.rng.IntN(30) != 0
			u, err := tx.UserUpsert(ctx, store.UserUpsertParams{InstitutionID: inst, Email: fmt.Sprintf("p%d@%s.test", i, inst),
				FullName: fmt.Sprintf("Player %d", i), Enabled: enabled, CreatedAt: today})
			if err != nil {
				return err
			}
			if err := tx.ProfileUpsert(ctx, store.PlayerProfile{UserID: u.ID, Hearts: 5, CreatedAt: today, UpdatedAt: today}); err != nil {
				return err
			}
			h.users = append(h.users, u.ID)
			if !enabled {
				h.disabled[u.ID] = true
			}
		}
		return nil
	}))
	var batch []progress.Credit
	for _, u := range h.users {
		for range h.rng.IntN(6) { // 0–5 credits: some players never earn XP
			batch = append(batch, h.credit(u, today.AddDate(0, 0, -h.rng.IntN(40))))
		}
	}
	h.apply(t, s, batch)
	return h
}

func (h *history) credit(user int64, day time.Time) progress.Credit {
	c := progress.Credit{UserID: user, InstitutionID: h.inst, Source: store.XPFromLesson,
		Ref: fmt.Sprintf("gen-%d", len(h.credits)+h.rng.IntN(1<<30)), Amount: 10 * (1 + h.rng.IntN(5)),
		At: day.Add(9 * time.Hour), Day: day}
	if k := h.rng.IntN(3); k < len(h.subjects) {
		c.SubjectID = &h.subjects[k]
	}
	return c
}

// apply credits in one transaction and remembers what was applied.
func (h *history) apply(t testing.TB, s store.Store, credits []progress.Credit) []progress.Credit {
	t.Helper()
	var applied []progress.Credit
	must(t, s.InTx(context.Background(), func(tx store.Executor) error {
		for _, c := range credits {
			ok, err := progress.Apply(context.Background(), tx, c)
			if err != nil {
				return err
			}
			if ok {
				applied = append(applied, c)
			}
		}
		return nil
	}))
	h.credits = append(h.credits, applied...)
	return applied
}

// reference ranks a scope from the generated credits alone.
func (h *history) reference(sc leaderboard.Scope, caller int64, limit int) leaderboard.Standings {
	from, to, dated := sc.Days()
	sums := map[int64]int64{}
	for _, c := range h.credits {
		if sc.SubjectID != nil && (c.SubjectID == nil || *c.SubjectID != *sc.SubjectID) {
			continue
		}
		if dated && (c.Day.Before(from) || c.Day.After(to)) {
			continue
		}
		sums[c.UserID] += int64(c.Amount)
	}
	scores := make([]store.BoardScore, 0, len(sums))
	for u, xp := range sums {
		scores = append(scores, store.BoardScore{UserID: u, XP: xp})
	}
	var disabled []int64
	for u := range h.disabled {
		disabled = append(disabled, u)
	}
	return leaderboard.Rank(scores, disabled, caller, limit)
}

// scopes lists every board: 4 periods, overall and per subject.
func (h *history) scopes() []leaderboard.Scope {
	var out []leaderboard.Scope
	for _, p := range []leaderboard.Period{leaderboard.AllTime, leaderboard.Daily, leaderboard.Weekly, leaderboard.Monthly} {
		out = append(out, leaderboard.Scope{InstitutionID: h.inst, Period: p, Today: h.today})
		for i := range h.subjects {
			out = append(out, leaderboard.Scope{InstitutionID: h.inst, SubjectID: &h.subjects[i], Period: p, Today: h.today})
		}
	}
	return out
}

// callers picks, for a scope, the leader, the players around places 50 and 51, one in a
// tie, the last ranked, a disabled player and one without XP in the scope.
func (h *history) callers(sc leaderboard.Scope) []int64 {
	all := h.reference(sc, 0, len(h.users))
	out := []int64{h.users[0]}
	if n := len(all.Top); n > 0 {
		out = append(out, all.Top[0].UserID, all.Top[n-1].UserID, all.Top[min(49, n-1)].UserID, all.Top[min(50, n-1)].UserID)
		for i := 1; i < n; i++ {
			if all.Top[i].XP == all.Top[i-1].XP {
				out = append(out, all.Top[i].UserID)
				break
			}
		}
	}
	ranked := map[int64]bool{}
	for _, st := range all.Top {
		ranked[st.UserID] = true
	}
	for _, u := range h.users {
		if h.disabled[u] {
			out = append(out, u)
			break
		}
	}
	for _, u := range h.users {
		if !ranked[u] && !h.disabled[u] {
			out = append(out, u)
			break
		}
	}
	return out
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
