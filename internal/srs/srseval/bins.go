package srseval

import (
	"math"

	"memora/internal/srs"
)

// binKey is fsrs-rs's r_matrix_index (src/dataset.rs): reviews are grouped by
// interval, by number of cross-day reviews and by number of cross-day lapses,
// each on a geometric scale, and RMSE(bins) compares mean prediction with
// mean recall per group.
type binKey struct{ interval, length, lapses int }

// history counts what r_matrix_index needs about a card's past reviews.
type history struct {
	longTerm int // reviews with Δt > 0 so far
	lapses   int // of those, graded Again
}

func (h *history) add(r srs.Rating, elapsed int) {
	if elapsed <= 0 {
		return
	}
	h.longTerm++
	if r == srs.Again {
		h.lapses++
	}
}

// bin is the key of the review about to happen after elapsed days.
// fsrs-rs: delta_t_bin = round(2.48·3.62^floor(log_3.62 Δt)·100),
// length_bin = round(1.99·1.89^floor(log_1.89 (n+1))) where n counts the
// cross-day reviews including this one, lapse_bin = 0 without lapses else
// round(1.65·1.73^floor(log_1.73 lapses)).
func (h history) bin(elapsed int) binKey {
	withThis := h.longTerm + 1 // fsrs-rs counts the scored review itself
	k := binKey{
		interval: int(math.Round(2.48 * geometricFloor(float64(elapsed), 3.62) * 100)),
		length:   int(math.Round(1.99 * geometricFloor(float64(withThis+1), 1.89))),
	}
	if h.lapses > 0 {
		k.lapses = int(math.Round(1.65 * geometricFloor(float64(h.lapses), 1.73)))
	}
	return k
}

// geometricFloor is base^floor(log_base x).
func geometricFloor(x, base float64) float64 {
	return math.Pow(base, math.Floor(math.Log(x)/math.Log(base)))
}
