package srs

import (
	"hash/fnv"
	"math"
	"strconv"
)

// fuzzBands are Anki's fuzz ranges: the window grows by 15 % of the part of
// the interval between 2.5 and 7 days, 10 % between 7 and 20, 5 % beyond.
var fuzzBands = [3]struct{ start, end, factor float64 }{
	{2.5, 7, 0.15},
	{7, 20, 0.10},
	{20, math.Inf(1), 0.05},
}

// FuzzWindow returns the days [lo, hi] an interval may be moved to. Intervals
// under 2.5 days are not fuzzed (lo = hi = interval). The window never starts
// before elapsed+1 when the interval is longer than elapsed, so fuzz never
// schedules a passed card sooner than the gap it just survived (anki #2694).
func FuzzWindow(interval, elapsed, maxInterval int) (lo, hi int) {
	if float64(interval) < 2.5 {
		return interval, interval
	}
	delta := 1.0
	for _, b := range fuzzBands {
		delta += b.factor * math.Max(math.Min(float64(interval), b.end)-b.start, 0)
	}
	lo = max(int(math.RoundToEven(float64(interval)-delta)), 2)
	hi = min(int(math.RoundToEven(float64(interval)+delta)), maxInterval)
	if interval > elapsed {
		lo = max(lo, elapsed+1)
	}
	return min(lo, hi), hi
}

// fuzzDays picks a day uniformly in the fuzz window, deterministically from seed.
func (s Scheduler) fuzzDays(interval, elapsed int, seed uint64) int {
	lo, hi := FuzzWindow(interval, elapsed, s.maxInterval)
	return pickInWindow(lo, hi, seed)
}

func pickInWindow(lo, hi int, seed uint64) int {
	if hi <= lo {
		return lo
	}
	return lo + int(splitmix64(seed)%uint64(hi-lo+1))
}

// splitmix64 scrambles a seed into well-spread bits; it is a pure function
// so the same (player, question, review) always gets the same fuzz.
func splitmix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// FuzzSeed derives the fuzz seed of one review from who, what and which
// review it is, so replays and retries schedule the same day.
func FuzzSeed(player, question string, reviewCount int) uint64 {
	h := fnv.New64a()
	h.Write([]byte(player))
	h.Write([]byte{0})
	h.Write([]byte(question))
	h.Write([]byte{0})
	h.Write([]byte(strconv.Itoa(reviewCount)))
	return h.Sum64()
}

// balanceDay returns the least-loaded day offset in [lo, hi]. Ties go to the
// day nearest the fuzzed target, then to the earlier day, so with equal load
// the result is the plain fuzzed day.
func balanceDay(lo, hi, target, today int, load func(day int) int) int {
	best, bestLoad := target, load(today+target)
	for d := lo; d <= hi; d++ {
		l := load(today + d)
		if l < bestLoad || (l == bestLoad && closer(d, best, target)) {
			best, bestLoad = d, l
		}
	}
	return best
}

func closer(a, b, target int) bool {
	da, db := abs(a-target), abs(b-target)
	return da < db || (da == db && a < b)
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
