package srseval

import (
	"os"
	"slices"
	"strings"
	"testing"
)

// The optimized row never sees the future: flipping the outcome of the last
// 5 % of the log's reviews (all inside the last test fold) leaves the first
// four folds' predictions, hence their log loss, exactly as they were, while
// the whole-log fit (which does see the future) moves.
func TestOptimizedRowIsFittedOnPastFoldsOnly(t *testing.T) {
	b, err := os.ReadFile(joshLog)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	header, rows := lines[0], lines[1:]
	// Rows are in time order in this log: flip the last 5 %.
	times := make([]string, len(rows))
	for i, r := range rows {
		times[i] = strings.Split(r, ",")[2]
	}
	if !slices.IsSorted(times) {
		t.Fatal("the log is not in time order")
	}
	flipped := slices.Clone(rows)
	for i := len(rows) * 95 / 100; i < len(rows); i++ {
		f := strings.Split(rows[i], ",")
		if f[1] == "1" {
			f[1] = "3"
		} else {
			f[1] = "1"
		}
		flipped[i] = strings.Join(f, ",")
	}
	orig := evaluateJosh(t)
	alt, err := Evaluate(strings.NewReader(header+"\n"+strings.Join(flipped, "\n")+"\n"), DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	a, _ := orig.Row(OptimizedName)
	c, _ := alt.Row(OptimizedName)
	if !slices.Equal(a.FoldLogLoss[:4], c.FoldLogLoss[:4]) {
		t.Errorf("folds 1–4 moved when only the future changed: %v → %v", a.FoldLogLoss, c.FoldLogLoss)
	}
	if a.FoldLogLoss[4] == c.FoldLogLoss[4] {
		t.Error("the flip did not reach the last fold")
	}
	wa, _ := orig.Row(WholeLogName)
	wc, _ := alt.Row(WholeLogName)
	if slices.Equal(wa.FoldLogLoss[:4], wc.FoldLogLoss[:4]) {
		t.Error("the whole-log fit did not move: the check cannot see a leak")
	}
}
