package optimize

import (
	"slices"

	"memora/internal/srs"
	"memora/internal/srs/revlog"
)

// Review is one review of a card as the optimizer sees it: the grade and the
// number of learner days since the card's previous review (0 for a same-day
// review; ignored for the card's first review).
type Review struct {
	Rating  srs.Rating
	Elapsed int
}

// Histories groups a review log by card, orders each card's reviews by time
// (file order among equal times) and counts learner days with clock, the
// evaluator's replay. Cards come in order of first appearance in the log, so
// the result does not depend on map iteration.
func Histories(reviews []revlog.Review, clock srs.Clock) [][]Review {
	index := map[string]int{}
	var byCard [][]revlog.Review
	for _, rv := range reviews {
		i, ok := index[rv.Card]
		if !ok {
			i = len(byCard)
			index[rv.Card] = i
			byCard = append(byCard, nil)
		}
		byCard[i] = append(byCard[i], rv)
	}
	out := make([][]Review, len(byCard))
	for i, revs := range byCard {
		revs = slices.Clone(revs)
		slices.SortStableFunc(revs, func(a, b revlog.Review) int { return a.At.Compare(b.At) })
		h := make([]Review, len(revs))
		prev := 0
		for j, rv := range revs {
			day := clock.Day(rv.At)
			if j > 0 {
				h[j].Elapsed = max(day-prev, 0)
			}
			h[j].Rating = rv.Rating
			prev = day
		}
		out[i] = h
	}
	return out
}

// countScored is the number of cross-day reviews (the loss terms).
func countScored(cards [][]Review) int {
	n := 0
	for _, c := range cards {
		for _, rv := range c[min(1, len(c)):] {
			if rv.Elapsed > 0 {
				n++
			}
		}
	}
	return n
}
