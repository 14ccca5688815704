package identity

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/clock"
	"memora/internal/store"
	"memora/internal/store/storetest"
)

// An institution's new time zone, changed elsewhere (another server, an import), is seen
// once the zone cache's entry expires: the cache no longer keeps a zone forever.
func TestInstitutionTimeZoneChangesAreSeenAfterTheCacheExpires(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := storetest.Open(t, store.SQLite)
	require.NoError(t, st.InstitutionUpsert(ctx, store.Institution{ID: "i", Name: "i", TimeZone: "UTC"}))
	clk := clock.NewFake(time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC))
	s := &Service{Store: st, Clock: clk}
	loc, err := s.Location(ctx, "i")
	require.NoError(t, err)
	require.Equal(t, "UTC", loc.String())

	require.NoError(t, st.InstitutionUpsert(ctx, store.Institution{ID: "i", Name: "i", TimeZone: "Asia/Amman"}))
	loc, err = s.Location(ctx, "i")
	require.NoError(t, err)
	require.Equal(t, "UTC", loc.String(), "cached")
	clk.Advance(zoneTTL)
	loc, err = s.Location(ctx, "i")
	require.NoError(t, err)
	require.Equal(t, "Asia/Amman", loc.String())

	require.NoError(t, st.InstitutionUpsert(ctx, store.Institution{ID: "i", Name: "i", TimeZone: "UTC"}))
	s.Forget("i")
	loc, err = s.Location(ctx, "i")
	require.NoError(t, err)
	require.Equal(t, "UTC", loc.String(), "Forget drops it at once")
}
