package shop

import (
	"testing"

	"github.com/stretchr/testify/require"

	"memora/internal/store"
)

func ptr[T any](v T) *T { return &v }

// Weak point 8: a discounted price of 0 is a real price, not "no discount".
func TestPrice(t *testing.T) {
	require.Equal(t, int64(2500), price(store.SalesItem{PriceCents: 2500}))
	require.Equal(t, int64(2000), price(store.SalesItem{PriceCents: 2500, DiscountedPriceCents: ptr(int64(2000))}))
	require.Equal(t, int64(0), price(store.SalesItem{PriceCents: 2500, DiscountedPriceCents: ptr(int64(0))}))
}

func TestFits(t *testing.T) {
	sci := store.PlayerProfile{GradeID: ptr("g12"), StreamID: ptr("sci")}
	noStream := store.PlayerProfile{GradeID: ptr("g10")}
	for name, tc := range map[string]struct {
		item store.SalesItem
		p    store.PlayerProfile
		want bool
	}{
		"no targets":              {store.SalesItem{}, sci, true},
		"grade matches":           {store.SalesItem{TargetGradeID: ptr("g12")}, sci, true},
		"other grade":             {store.SalesItem{TargetGradeID: ptr("g11")}, sci, false},
		"stream listed":           {store.SalesItem{TargetStreams: []string{"lit", "sci"}}, sci, true},
		"stream not listed":       {store.SalesItem{TargetStreams: []string{"lit"}}, sci, false},
		"streams but none chosen": {store.SalesItem{TargetStreams: []string{"lit"}}, noStream, false},
	} {
		require.Equal(t, tc.want, fits(tc.item, tc.p), name)
	}
}

// J.84: any bundle row already opened hides the item.
func TestOwnedCovers(t *testing.T) {
	o := owned{subjects: []string{"math"}, tracks: []string{"phys-oly"}}
	subject := func(id string) store.BundleRow { return store.BundleRow{Type: store.AccessSubject, SubjectID: &id} }
	track := func(id string) store.BundleRow { return store.BundleRow{Type: store.AccessTrack, TrackID: &id} }
	require.True(t, o.covers(store.SalesItem{Bundle: []store.BundleRow{subject("math"), subject("phys")}}))
	require.True(t, o.covers(store.SalesItem{Bundle: []store.BundleRow{track("phys-oly")}}))
	require.False(t, o.covers(store.SalesItem{Bundle: []store.BundleRow{subject("phys"), track("math-oly")}}))
	require.False(t, o.covers(store.SalesItem{}))
}
