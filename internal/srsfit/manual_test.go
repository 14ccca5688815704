package srsfit_test

import (
	"context"
	"math"
	"testing"

	"github.com/stretchr/testify/require"

	"memora/internal/identity"
	"memora/internal/problem"
	"memora/internal/srs"
	"memora/internal/srsfit"
	"memora/internal/store"
	"memora/internal/store/storetest"
)

// A manual version is a System Manager's: 21 weights within srs.WeightBounds, stored as the
// next version (the institution's set only), pinned at once, audited; anything else is
// refused and stores nothing.
func TestAManualVersionIsCheckedPinnedAndAudited(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s store.Store) {
		ctx := context.Background()
		e := setup(t, s)
		sm := identity.Caller{Principal: identity.Principal{UserID: 2, InstitutionID: "other", Email: "sm@x.test",
			Roles: []string{store.RoleSystemManager}}}
		refused := func(c identity.Caller, w []float64, kind problem.Kind) {
			t.Helper()
			_, err := e.svc.CreateManual(ctx, c, "big", "S", w)
			p, ok := problem.As(err)
			require.True(t, ok, "%v", err)
			require.Equal(t, kind, p.Kind)
		}
		w := srs.DefaultWeights()
		refused(admin("big"), w, problem.Forbidden)
		refused(sm, w[:20], problem.Invalid)
		lo, hi := srs.WeightBounds()
		for _, bad := range []float64{lo[5] - 0.001, hi[5] + 1, math.NaN()} {
			b := srs.DefaultWeights()
			b[5] = bad
			refused(sm, b, problem.Invalid)
		}
		require.Zero(t, auditCount(t, s, srsfit.ActionManual))

		w[0] = 0.5
		v, err := e.svc.CreateManual(ctx, sm, "big", "S", w)
		require.NoError(t, err)
		require.Equal(t, store.SRSModePinned, v.Mode)
		require.Equal(t, 1, v.InUse)
		require.Equal(t, store.SRSParamsManual, v.Versions[0].Source)
		set, err := s.SRSParamsCurrent(ctx, "big", "S")
		require.NoError(t, err)
		require.Equal(t, w, set.For(e.users["big"][0]), "every student uses it")
		require.EqualValues(t, 1, auditCount(t, s, srsfit.ActionManual))
		require.Equal(t, 1, e.changed["big"], "the cached sets are dropped")
		o, err := e.svc.Fit(ctx, "big", "S")
		require.NoError(t, err)
		require.Equal(t, srsfit.StatusPinned, o.Status, "the weekly fit leaves it alone")
	})
}
