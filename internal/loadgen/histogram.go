package loadgen

import (
	"math"
	"math/bits"
	"time"
)

// Histogram counts durations in logarithmic buckets with 1/128 (< 0.8 %) relative precision,
// as HDR histograms do: values below 256 ns are exact, every power of two above is split in
// 128 equal sub-buckets. No allocation after construction; not safe for concurrent use.
type Histogram struct {
	counts []uint64
	total  uint64
	sum    float64
	min    int64
	max    int64
}

const (
	exactBuckets = 256
	subBuckets   = 128
	// 64-bit values need at most 56 shifts of 128 sub-buckets above the exact range.
	histogramSize = exactBuckets + 56*subBuckets
)

// NewHistogram returns an empty histogram.
func NewHistogram() *Histogram {
	return &Histogram{counts: make([]uint64, histogramSize), min: math.MaxInt64}
}

// bucketOf maps a value in nanoseconds to its bucket.
func bucketOf(v int64) int {
	if v < exactBuckets {
		return int(max(v, 0))
	}
	shift := bits.Len64(uint64(v)) - 8 // ≥ 1; keeps the 8 top bits, the first always set
	sub := int(uint64(v)>>shift) - subBuckets
	return exactBuckets + (shift-1)*subBuckets + sub
}

// bucketRange is the lowest value of bucket i and the bucket's width.
func bucketRange(i int) (low, width int64) {
	if i < exactBuckets {
		return int64(i), 1
	}
	i -= exactBuckets
	shift := i/subBuckets + 1
	sub := int64(i%subBuckets + subBuckets)
	return sub << shift, 1 << shift
}

// Record adds one duration.
func (h *Histogram) Record(d time.Duration) {
	v := int64(d)
	h.counts[bucketOf(v)]++
	h.total++
	h.sum += float64(v)
	h.min = min(h.min, v)
	h.max = max(h.max, v)
}

// Merge adds every count of o.
func (h *Histogram) Merge(o *Histogram) {
	for i, c := range o.counts {
		h.counts[i] += c
	}
	h.total += o.total
	h.sum += o.sum
	h.min = min(h.min, o.min)
	h.max = max(h.max, o.max)
}

// Count is the number of recorded values.
func (h *Histogram) Count() uint64 { return h.total }

// Max is the largest recorded value (exact).
func (h *Histogram) Max() time.Duration {
	if h.total == 0 {
		return 0
	}
	return time.Duration(h.max)
}

// Mean is the average recorded value.
func (h *Histogram) Mean() time.Duration {
	if h.total == 0 {
		return 0
	}
	return time.Duration(h.sum / float64(h.total))
}

// Quantile returns the value at quantile q (0..1): the middle of the bucket holding the
// ceil(q·count)-th value, clamped to the exact min and max.
func (h *Histogram) Quantile(q float64) time.Duration {
	if h.total == 0 {
		return 0
	}
	rank := uint64(math.Ceil(q * float64(h.total)))
	rank = min(max(rank, 1), h.total)
	var seen uint64
	for i, c := range h.counts {
		seen += c
		if seen >= rank {
			low, width := bucketRange(i)
			v := low + width/2
			return time.Duration(min(max(v, h.min), h.max))
		}
	}
	return time.Duration(h.max)
}
