package srseval

import (
	"math"
	"slices"
)

// probabilityEpsilon keeps log loss finite when a predictor says 0 or 1.
const probabilityEpsilon = 1e-6

func clampProbability(p float64) float64 {
	return math.Min(math.Max(p, probabilityEpsilon), 1-probabilityEpsilon)
}

// logLoss is the mean binary cross-entropy.
func logLoss(p []float64, y []bool) float64 {
	sum := 0.0
	for i := range p {
		q := clampProbability(p[i])
		if y[i] {
			sum -= math.Log(q)
		} else {
			sum -= math.Log(1 - q)
		}
	}
	return sum / float64(len(p))
}

// rmseBins is fsrs-rs's calibration RMSE: per bin, the squared gap between
// mean prediction and mean recall, weighted by the bin's size.
func rmseBins(p []float64, y []bool, bins []binKey) float64 {
	type acc struct{ pred, real, n float64 }
	groups := map[binKey]*acc{}
	for i := range p {
		a := groups[bins[i]]
		if a == nil {
			a = &acc{}
			groups[bins[i]] = a
		}
		a.pred += p[i]
		a.n++
		if y[i] {
			a.real++
		}
	}
	sum, n := 0.0, 0.0
	for _, a := range groups {
		gap := a.pred/a.n - a.real/a.n
		sum += gap * gap * a.n
		n += a.n
	}
	return math.Sqrt(sum / n)
}

// auc is the area under the ROC curve (Mann–Whitney U, ties get mean rank);
// NaN when only one class is present.
func auc(p []float64, y []bool) float64 {
	idx := make([]int, len(p))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int { return compareFloat(p[a], p[b]) })
	rankSumPos, pos := 0.0, 0
	for start := 0; start < len(idx); {
		end := start
		for end < len(idx) && p[idx[end]] == p[idx[start]] {
			end++
		}
		meanRank := float64(start+end+1) / 2 // ranks start at 1
		for _, i := range idx[start:end] {
			if y[i] {
				rankSumPos += meanRank
				pos++
			}
		}
		start = end
	}
	neg := len(p) - pos
	if pos == 0 || neg == 0 {
		return math.NaN()
	}
	return (rankSumPos - float64(pos*(pos+1))/2) / float64(pos*neg)
}

func compareFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
