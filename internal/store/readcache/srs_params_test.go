package readcache_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/clock"
	"memora/internal/store"
	"memora/internal/store/readcache"
	"memora/internal/store/storetest"
)

// The weights in use are read once per institution and season and TTL: a submission does
// not query them; ForgetSRSParams (after a fit, pin or reset) drops them at once.
func TestSRSParamsAreCachedPerInstitutionAndSeason(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s store.Store) {
		ctx := context.Background()
		clk := clock.NewFake(time.Date(2026, 12, 6, 7, 0, 0, 0, time.UTC))
		require.NoError(t, s.InstitutionUpsert(ctx, store.Institution{ID: "x", Name: "x", TimeZone: "UTC"}))
		version := func(v int, w0 float64) {
			require.NoError(t, s.SRSParamsInsert(ctx, []store.SRSParams{{InstitutionID: "x", SeasonID: "S", Version: v,
				Weights: []float64{w0, 1, 2}, Source: store.SRSParamsFit, CreatedAt: clk.Now()}}))
		}
		c := readcache.New(s, clk)
		set, err := c.SRSParamsCurrent(ctx, "x", "S")
		require.NoError(t, err)
		require.Zero(t, set.Version, "no version yet, and that is cached too")
		version(1, 0.5)
		set, _ = c.SRSParamsCurrent(ctx, "x", "S")
		require.Zero(t, set.Version, "served from the cache within the TTL")
		c.ForgetSRSParams("x", "S")
		set, _ = c.SRSParamsCurrent(ctx, "x", "S")
		require.Equal(t, 1, set.Version, "ForgetSRSParams drops the entry")
		version(2, 0.7)
		clk.Advance(readcache.TTL)
		set, _ = c.SRSParamsCurrent(ctx, "x", "S")
		require.Equal(t, 2, set.Version, "read again once the TTL has passed")
		require.Equal(t, []float64{0.7, 1, 2}, set.For(42))
	})
}
