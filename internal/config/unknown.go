package config

import (
	"sort"
	"strings"
)

// Unknown lists the MEMORA_* variables of vars that Memora does not read, each with the
// closest known name when one is near (a typo such as MEMORA_REDIS_ULR), sorted. The test
// suite's own variables (MEMORA_TEST_*, MEMORA_UPDATE_*) are not reported.
func Unknown(vars map[string]string) []UnknownVar {
	known := map[string]bool{}
	for _, v := range Vars() {
		known[v.Name] = true
	}
	var out []UnknownVar
	for name := range vars {
		if !strings.HasPrefix(name, "MEMORA_") || known[name] ||
			strings.HasPrefix(name, "MEMORA_TEST_") || strings.HasPrefix(name, "MEMORA_UPDATE_") {
			continue
		}
		u := UnknownVar{Name: name}
		best := 4 // at most 3 edits away
		for k := range known {
			if d := distance(name, k); d < best || d == best && k < u.Suggestion {
				best, u.Suggestion = d, k
			}
		}
		out = append(out, u)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// UnknownVar is a MEMORA_* variable nothing reads; Suggestion is "" when no name is close.
type UnknownVar struct {
	Name, Suggestion string
}

// distance is the Levenshtein distance between a and b.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
