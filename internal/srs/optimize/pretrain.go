package optimize

import (
	"math"
	"slices"

	"memora/internal/srs"
)

// Initial stabilities from first-review outcomes (fsrs-rs src/pre_training.rs):
// for each first grade, the recall of the card's first cross-day review
// against the days since the first review fixes S0 by a one-dimensional
// search on the default forgetting curve; grades without data are filled
// from the others by fsrs-rs's geometric rules.

const (
	minInitS0 = 0.1
	maxInitS0 = 100.0
)

type recallPoint struct{ delta, recall, count float64 }

// pretrainData groups, by the card's first grade, the first cross-day review
// of every card by days elapsed since the first review.
func pretrainData(cards [][]Review) map[srs.Rating][]recallPoint {
	type acc struct{ pass, n float64 }
	groups := map[srs.Rating]map[int]*acc{}
	for _, c := range cards {
		if len(c) < 2 {
			continue
		}
		days := 0
		for _, rv := range c[1:] {
			days += rv.Elapsed
			if rv.Elapsed <= 0 {
				continue
			}
			g := groups[c[0].Rating]
			if g == nil {
				g = map[int]*acc{}
				groups[c[0].Rating] = g
			}
			a := g[days]
			if a == nil {
				a = &acc{}
				g[days] = a
			}
			a.n++
			if rv.Rating > srs.Again {
				a.pass++
			}
			break
		}
	}
	out := map[srs.Rating][]recallPoint{}
	for r, g := range groups {
		var pts []recallPoint
		for delta, a := range g {
			pts = append(pts, recallPoint{delta: float64(delta), recall: a.pass / a.n, count: a.n})
		}
		slices.SortFunc(pts, func(a, b recallPoint) int { return int(a.delta - b.delta) })
		out[r] = pts
	}
	return out
}

// pretrainLoss is fsrs-rs's: cross-entropy weighted by √count plus an L1
// pull toward the default S0 (|S0 − default|/16).
func pretrainLoss(pts []recallPoint, recall []float64, s, def float64, curve *model) float64 {
	loss := 0.0
	for i, p := range pts {
		y := curve.retrievability(p.delta, constant(s)).v
		loss -= (recall[i]*math.Log(y) + (1-recall[i])*math.Log(1-y)) * math.Sqrt(p.count)
	}
	return loss + math.Abs(s-def)/16
}

// pretrain returns w0..w3 fitted to the first cross-day reviews, or ok false
// when no card has one.
func pretrain(cards [][]Review, averageRecall float64) (s0 [4]float64, ok bool) {
	data := pretrainData(cards)
	if len(data) == 0 {
		return s0, false
	}
	def := srs.DefaultWeights()
	curve := newModel(def) // the default forgetting curve, as fsrs-rs
	found := map[srs.Rating]float64{}
	counts := map[srs.Rating]float64{}
	for r, pts := range data {
		n := 0.0
		for _, p := range pts {
			n += p.count
		}
		counts[r] = n
		// Laplace smoothing toward the average recall.
		recall := make([]float64, len(pts))
		for i, p := range pts {
			recall[i] = (p.recall*n + averageRecall) / (n + 1)
		}
		lo, hi := minInitS0, maxInitS0
		best := 1.0
		for iter := 0; hi-lo > 1e-7 && iter < 1000; iter++ {
			m1, m2 := lo+(hi-lo)/3, hi-(hi-lo)/3
			if pretrainLoss(pts, recall, m1, def[r-1], curve) < pretrainLoss(pts, recall, m2, def[r-1], curve) {
				hi = m2
			} else {
				lo = m1
			}
			best = (lo + hi) / 2
		}
		found[r] = best
	}
	return smoothAndFill(found, counts, def), true
}

// smoothAndFill makes S0 non-decreasing in the grade (the better-supported
// grade wins) and fills missing grades as fsrs-rs smooth_and_fill does.
func smoothAndFill(found map[srs.Rating]float64, counts map[srs.Rating]float64, def []float64) [4]float64 {
	for _, pair := range [][2]srs.Rating{{1, 2}, {2, 3}, {3, 4}, {1, 3}, {2, 4}, {1, 4}} {
		small, okS := found[pair[0]]
		big, okB := found[pair[1]]
		if okS && okB && small > big {
			if counts[pair[0]] > counts[pair[1]] {
				found[pair[1]] = small
			} else {
				found[pair[0]] = big
			}
		}
	}
	const w1, w2 = 3.0 / 5.0, 3.0 / 5.0
	var s [5]float64
	var has [5]bool
	for r, v := range found {
		s[r], has[r] = v, true
	}
	pow := math.Pow
	switch len(found) {
	case 1:
		var r srs.Rating
		for k := range found {
			r = k
		}
		factor := found[r] / def[r-1]
		for i := 1; i <= 4; i++ {
			s[i] = def[i-1] * factor
		}
	case 2:
		switch {
		case has[3] && has[4]:
			s[2] = pow(s[3], 1/(1-w2)) * pow(s[4], 1-1/(1-w2))
			s[1] = pow(s[2], 1/w1) * pow(s[3], 1-1/w1)
		case has[2] && has[4]:
			s[3] = pow(s[2], 1-w2) * pow(s[4], w2)
			s[1] = pow(s[2], 1/w1) * pow(s[3], 1-1/w1)
		case has[2] && has[3]:
			s[4] = pow(s[2], 1-1/w2) * pow(s[3], 1/w2)
			s[1] = pow(s[2], 1/w1) * pow(s[3], 1-1/w1)
		case has[1] && has[4]:
			k := w1 / (w1 + w2 - w1*w2)
			j := w2 / (w1 + w2 - w1*w2)
			s[2] = pow(s[1], k) * pow(s[4], 1-k)
			s[3] = pow(s[1], 1-j) * pow(s[4], j)
		case has[1] && has[3]:
			s[2] = pow(s[1], w1) * pow(s[3], 1-w1)
			s[4] = pow(s[2], 1-1/w2) * pow(s[3], 1/w2)
		case has[1] && has[2]:
			s[3] = pow(s[1], 1-1/(1-w1)) * pow(s[2], 1/(1-w1))
			s[4] = pow(s[2], 1-1/w2) * pow(s[3], 1/w2)
		}
	case 3:
		switch {
		case !has[1]:
			s[1] = pow(s[2], 1/w1) * pow(s[3], 1-1/w1)
		case !has[2]:
			s[2] = pow(s[1], w1) * pow(s[3], 1-w1)
		case !has[3]:
			s[3] = pow(s[2], 1-w2) * pow(s[4], w2)
		case !has[4]:
			s[4] = pow(s[2], 1-1/w2) * pow(s[3], 1/w2)
		}
	}
	var out [4]float64
	for i := range out {
		out[i] = math.Min(math.Max(s[i+1], minInitS0), maxInitS0)
	}
	return out
}
