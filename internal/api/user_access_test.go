package api_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"memora/internal/apitest"
	"memora/internal/catalog"
	"memora/internal/store"
	"memora/internal/store/readcache"
)

func getAccessKeys(t *testing.T, c *apitest.Client) catalog.AccessKeys {
	t.Helper()
	var k catalog.AccessKeys
	r := c.Get(apitest.Method("user_access", "get_user_access_keys"), nil)
	require.Equal(t, 200, r.Status, r.Body)
	r.Message(t, &k)
	return k
}

// J.91: access keys come from active subscriptions of a running season, are cached per
// user, and change once the cache is told.
func TestGetUserAccessKeys(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		f := seedCatalog(t, env)
		ctx := context.Background()
		getPlanVersion := calDay(2026, 10, 1).Unix()
		require.Equal(t, catalog.AccessKeys{Subjects: []string{}, Tracks: []string{}, PlanVersion: 1}, getAccessKeys(t, env.Client()),
			"a guest")

		c, u := f.student("s@x.test")
		f.season("SEASON-OLD", calDay(2025, 9, 1), calDay(2026, 6, 30))
		f.subscribe(u.ID, catSeason, store.SubscriptionSpecific, store.SubscriptionActive,
			store.AccessRow{Type: store.AccessSubject, SubjectID: catPtr("math")}, store.AccessRow{Type: store.AccessTrack, TrackID: catPtr("math-oly")})
		f.subscribe(u.ID, catSeason, store.SubscriptionSpecific, store.SubscriptionSuspended,
			store.AccessRow{Type: store.AccessSubject, SubjectID: catPtr("hist")})
		f.subscribe(u.ID, "SEASON-OLD", store.SubscriptionGlobal, store.SubscriptionActive)
		want := catalog.AccessKeys{Subjects: []string{"math"}, Tracks: []string{"math-oly"}, PlanVersion: getPlanVersion}
		require.Equal(t, want, getAccessKeys(t, c))

		// Served from the cache until invalidated…
		f.subscribe(u.ID, catSeason, store.SubscriptionGlobal, store.SubscriptionActive)
		require.Equal(t, want, getAccessKeys(t, c))
		env.App.Catalog.InvalidateAccess(u.ID)
		require.Equal(t, catalog.AccessKeys{Subjects: []string{}, Tracks: []string{}, IsGlobal: 1, PlanVersion: getPlanVersion},
			getAccessKeys(t, c))

		// …or all at once, as after a change of a season's dates.
		c2, u2 := f.student("t@x.test")
		f.subscribe(u2.ID, "SEASON-OLD", store.SubscriptionGlobal, store.SubscriptionActive)
		require.Equal(t, 0, getAccessKeys(t, c2).IsGlobal)
		old, err := env.Store.SeasonGet(ctx, "SEASON-OLD")
		require.NoError(t, err)
		old.EndDate = calDay(2027, 1, 31)
		require.NoError(t, env.Store.SeasonUpsert(ctx, old))
		require.Equal(t, 0, getAccessKeys(t, c2).IsGlobal, "cached")
		env.App.Catalog.InvalidateAllAccess()
		require.Equal(t, 1, getAccessKeys(t, c2).IsGlobal)

		// A plan change made outside the API shows within the read cache's TTL.
		plan, err := env.Store.PlanFind(ctx, store.PlanFindParams{InstitutionID: catInst, GradeID: "g10", StreamID: catPtr("sci"), SeasonID: catSeason})
		require.NoError(t, err)
		plan.UpdatedAt = calDay(2026, 11, 20)
		require.NoError(t, env.Store.PlanUpsert(ctx, plan))
		env.Clock.Advance(readcache.TTL)
		require.Equal(t, calDay(2026, 11, 20).Unix(), getAccessKeys(t, c).PlanVersion)

		// Without a profile: no plan.
		c3, _ := env.LoginAs("new@x.test", catInst)
		require.Equal(t, int64(1), getAccessKeys(t, c3).PlanVersion)
	})
}
