package srsfit_test

import (
	"context"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"

	"memora/internal/audit"
	"memora/internal/clock"
	"memora/internal/redistest"
	"memora/internal/scheduling"
	"memora/internal/srs"
	"memora/internal/srsfit"
	"memora/internal/store"
	"memora/internal/store/litestore"
	"memora/internal/store/pgstore"
	"memora/internal/store/readcache"
	"memora/internal/store/storetest"
)

// instance is one server's part of the weights path: its own database connection, its
// read cache (which the scheduler reads the weights through), its srsfit service and, with
// Redis, its Broadcast.
type instance struct {
	reads  *readcache.Store
	svc    *srsfit.Service
	bc     *srsfit.Broadcast
	checks *atomic.Int64 // SRSParamsInUse calls: the per-read check
}

// counting counts the per-read checks of a store.
type counting struct {
	store.Store
	n *atomic.Int64
}

func (c counting) SRSParamsInUse(ctx context.Context, inst, season string) (int, error) {
	c.n.Add(1)
	return c.Store.SRSParamsInUse(ctx, inst, season)
}

// newInstance wires a server as internal/app does: with redisAddr, a Broadcast; the clock
// never moves, so nothing here is seen through the cache's TTL running out.
func newInstance(t *testing.T, st store.Store, redisAddr string) *instance {
	t.Helper()
	clk := clock.NewFake(t0)
	in := &instance{checks: &atomic.Int64{}}
	in.reads = readcache.New(counting{Store: st, n: in.checks}, clk)
	changed := in.reads.ForgetSRSParams
	if redisAddr != "" {
		in.bc = &srsfit.Broadcast{Redis: redis.NewClient(&redis.Options{Addr: redisAddr, MaxRetries: -1,
			DialTimeout: 200 * time.Millisecond}), Forget: in.reads.ForgetSRSParams, ForgetAll: in.reads.ForgetAllSRSParams,
			Ping: 100 * time.Millisecond}
		changed = in.bc.Changed
		require.NoError(t, in.bc.Start(context.Background()))
		t.Cleanup(in.bc.Stop)
	}
	in.reads.SRSCheck = func() bool { return !in.bc.Live() }
	in.svc = &srsfit.Service{Store: st, Audit: audit.Log{Store: st, Clock: clk}, Clock: clk, Changed: changed}
	return in
}

// weights is what the scheduler uses for the student on this instance.
func (in *instance) weights(t *testing.T, season store.Season, user int64) []float64 {
	t.Helper()
	w, err := scheduling.FittedWeights(context.Background(), in.reads, "big", user, season)
	require.NoError(t, err)
	return w
}

// twoConnections opens the engine's database twice, as two servers would.
func twoConnections(t *testing.T, e store.Engine) (store.Store, store.Store) {
	t.Helper()
	ctx := context.Background()
	if e == store.Postgres {
		a, url := storetest.OpenPostgres(t)
		b, err := pgstore.Open(ctx, url, pgstore.Options{MaxConns: 4})
		require.NoError(t, err)
		t.Cleanup(func() { b.Close() })
		return a, b
	}
	path := filepath.Join(t.TempDir(), "memora.db")
	var out [2]store.Store
	for i := range out {
		s, err := litestore.Open(ctx, path, litestore.Options{})
		require.NoError(t, err)
		t.Cleanup(func() { s.Close() })
		out[i] = s
	}
	return out[0], out[1]
}

// A pin, reset or new version made on one server is what every other server schedules with
// from its next request: through Redis Pub/Sub while the subscription is live (no query per
// request), else by checking the version in use in the database on each read (without
// Redis, or while Redis is down).
func TestAChangeOfWeightsReachesEveryServerAtOnce(t *testing.T) {
	for _, e := range storetest.Engines() {
		t.Run(string(e), func(t *testing.T) {
			ctx := context.Background()
			sa, sb := twoConnections(t, e)
			env := setup(t, sa)
			season, err := sa.SeasonGet(ctx, "S")
			require.NoError(t, err)
			student := env.users["big"][0]
			version := func(v int, w0 float64) []float64 {
				w := srs.DefaultWeights()
				w[0] = w0
				require.NoError(t, sa.SRSParamsInsert(ctx, []store.SRSParams{{InstitutionID: "big", SeasonID: "S", Version: v,
					Weights: w, Source: store.SRSParamsFit, CreatedAt: t0}}))
				return w
			}
			v1, v2 := version(1, 0.31), version(2, 0.32)
			staff := admin("big")

			t.Run("without Redis each read checks the database", func(t *testing.T) {
				a, b := newInstance(t, sa, ""), newInstance(t, sb, "")
				require.Equal(t, v2, b.weights(t, season, student), "auto: the latest version")
				_, err := a.svc.Pin(ctx, staff, "big", "S", 1)
				require.NoError(t, err)
				require.Equal(t, v1, b.weights(t, season, student), "B's next request uses the pin made on A")
				_, err = a.svc.Reset(ctx, staff, "big", "S")
				require.NoError(t, err)
				require.Nil(t, b.weights(t, season, student), "B's next request uses the reset made on A")
				_, err = a.svc.Pin(ctx, staff, "big", "S", 0)
				require.NoError(t, err)
				require.Equal(t, v2, b.weights(t, season, student))
				require.Positive(t, b.checks.Load())
			})

			t.Run("with Redis a change is published", func(t *testing.T) {
				rs := redistest.StartServer(t)
				a, b := newInstance(t, sa, rs.Addr()), newInstance(t, sb, rs.Addr())
				live := func(in *instance) func() bool { return in.bc.Live }
				require.Eventually(t, live(a), 10*time.Second, 10*time.Millisecond)
				require.Eventually(t, live(b), 10*time.Second, 10*time.Millisecond)
				require.Equal(t, v2, b.weights(t, season, student))
				before := b.checks.Load()
				require.Equal(t, v2, b.weights(t, season, student), "served from B's cache")
				require.Equal(t, before, b.checks.Load(), "no query per request while the subscription is live")

				_, err := a.svc.Pin(ctx, staff, "big", "S", 1)
				require.NoError(t, err)
				require.Equal(t, v1, a.weights(t, season, student), "A at once")
				require.Eventually(t, func() bool { return b.weights(t, season, student)[0] == v1[0] },
					10*time.Second, 5*time.Millisecond, "B as soon as the message arrives")
				version(3, 0.33) // a new version while pinned: still version 1 until unpinned
				_, err = a.svc.Pin(ctx, staff, "big", "S", 0)
				require.NoError(t, err)
				require.Eventually(t, func() bool { return b.weights(t, season, student)[0] == 0.33 },
					10*time.Second, 5*time.Millisecond)
				require.Equal(t, before, b.checks.Load(), "still no query per request")

				// Redis goes away: B's subscription falls silent and B checks the database
				// on each read; A's publish fails, and B sees A's reset at its next read.
				rs.Kill()
				require.Eventually(t, func() bool { return !b.bc.Live() }, 10*time.Second, 10*time.Millisecond)
				_, err = a.svc.Reset(ctx, staff, "big", "S")
				require.NoError(t, err)
				require.Nil(t, b.weights(t, season, student), "B's next request uses the reset made on A")
				require.Greater(t, b.checks.Load(), before)

				// Redis is back: B subscribes again (dropping what it holds: changes made
				// meanwhile were not heard) and stops checking.
				rs.Start()
				require.Eventually(t, live(b), 10*time.Second, 10*time.Millisecond)
				require.Nil(t, b.weights(t, season, student))
				after := b.checks.Load()
				require.Nil(t, b.weights(t, season, student))
				require.Equal(t, after, b.checks.Load())
			})
		})
	}
}
