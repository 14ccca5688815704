package cache

import "time"

// Staggered is when the i-th of n entries loaded together at now (by start-up priming)
// should expire in a cache keeping entries for ttl: spread evenly over the second half of
// ttl, so they do not all expire, and miss, in the same instant. Entries loaded on demand
// are spread by their requests' arrivals already.
func Staggered(now time.Time, ttl time.Duration, i, n int) time.Time {
	if n <= 0 {
		return now.Add(ttl)
	}
	return now.Add(ttl/2 + time.Duration(int64(ttl/2)*int64(i+1)/int64(n)))
}
