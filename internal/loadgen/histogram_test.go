package loadgen

import (
	"math"
	"slices"
	"testing"
	"time"

	"pgregory.net/rapid"
)

func TestHistogramBucketsCoverEveryValue(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		v := rapid.Int64Range(0, math.MaxInt64).Draw(t, "v")
		i := bucketOf(v)
		low, width := bucketRange(i)
		if v < low || v-low >= width {
			t.Fatalf("value %d in bucket %d = [%d, %d+%d)", v, i, low, low, width)
		}
		if v >= exactBuckets && float64(width)/float64(low) > 1.0/subBuckets {
			t.Fatalf("bucket %d of %d is %d wide: over 1/128 of its start", i, v, width)
		}
	})
}

func TestHistogramQuantilesWithinOnePercent(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		values := rapid.SliceOfN(rapid.Int64Range(1, int64(30*time.Second)), 1, 500).Draw(t, "values")
		q := rapid.Float64Range(0, 1).Draw(t, "q")
		h := NewHistogram()
		for _, v := range values {
			h.Record(time.Duration(v))
		}
		slices.Sort(values)
		rank := max(int(math.Ceil(q*float64(len(values)))), 1)
		want := float64(values[rank-1])
		got := float64(h.Quantile(q))
		if math.Abs(got-want) > want/100 {
			t.Fatalf("quantile %.3f of %d values: got %.0f, want %.0f ± 1 %%", q, len(values), got, want)
		}
		if h.Max() != time.Duration(values[len(values)-1]) || h.Count() != uint64(len(values)) {
			t.Fatalf("max %v count %d", h.Max(), h.Count())
		}
	})
}

func TestHistogramMergeEqualsRecordingEverything(t *testing.T) {
	a, b, all := NewHistogram(), NewHistogram(), NewHistogram()
	for i := 1; i <= 1000; i++ {
		d := time.Duration(i*i) * time.Microsecond
		all.Record(d)
		if i%3 == 0 {
			a.Record(d)
		} else {
			b.Record(d)
		}
	}
	a.Merge(b)
	for _, q := range []float64{0.5, 0.95, 0.99, 1} {
		if a.Quantile(q) != all.Quantile(q) {
			t.Errorf("q%.2f: merged %v, direct %v", q, a.Quantile(q), all.Quantile(q))
		}
	}
	if a.Count() != all.Count() || a.Max() != all.Max() || a.Mean() != all.Mean() {
		t.Errorf("merged count/max/mean %d/%v/%v, direct %d/%v/%v", a.Count(), a.Max(), a.Mean(), all.Count(), all.Max(), all.Mean())
	}
}

func TestEmptyHistogramIsZero(t *testing.T) {
	h := NewHistogram()
	if h.Quantile(0.99) != 0 || h.Max() != 0 || h.Mean() != 0 || h.Count() != 0 {
		t.Fatal("an empty histogram reports non-zero figures")
	}
}
