package cache

import (
	"testing"
	"time"
)

// Entries primed together expire spread over the second half of the TTL, the last at the TTL.
func TestStaggeredSpreadsExpiriesOverTheSecondHalfOfTheTTL(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 12, 6, 7, 0, 0, 0, time.UTC)
	const n = 4
	var last time.Time
	for i := range n {
		e := Staggered(now, 40*time.Second, i, n)
		if e.Before(now.Add(20*time.Second)) || e.After(now.Add(40*time.Second)) || !e.After(last) {
			t.Fatalf("entry %d expires at %s", i, e.Sub(now))
		}
		last = e
	}
	if got := Staggered(now, 40*time.Second, n-1, n); !got.Equal(now.Add(40 * time.Second)) {
		t.Fatalf("the last expires at %s, want the TTL", got.Sub(now))
	}
}
