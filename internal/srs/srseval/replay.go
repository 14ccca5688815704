package srseval

import (
	"cmp"
	"slices"
	"time"

	"memora/internal/srs"
)

// scored is one cross-day review: the target of every predictor.
type scored struct {
	at     time.Time
	row    int
	recall bool
	bin    binKey
	preds  []float64 // one per predictor; AVG's is filled per fold
}

// replay groups reviews by card, orders each card's reviews by time and
// walks them once, asking every model for a prediction before each cross-day
// review (Δt >= 1 learner day) and then feeding it the review. Same-day
// reviews only update the models.
func replay(reviews []review, clock srs.Clock, preds []predictor) (items []scored, cards int) {
	byCard := map[string][]review{}
	var order []string
	for _, rv := range reviews {
		if _, seen := byCard[rv.card]; !seen {
			order = append(order, rv.card)
		}
		byCard[rv.card] = append(byCard[rv.card], rv)
	}
	for _, id := range order {
		items = append(items, replayCard(byCard[id], clock, preds)...)
	}
	return items, len(order)
}

func replayCard(revs []review, clock srs.Clock, preds []predictor) []scored {
	slices.SortStableFunc(revs, func(a, b review) int { return a.at.Compare(b.at) })
	models := make([]cardModel, len(preds))
	for i, p := range preds {
		if p.newCard != nil {
			models[i] = p.newCard()
		}
	}
	var out []scored
	var hist history
	prevDay := 0
	for i, rv := range revs {
		day := clock.Day(rv.at)
		elapsed := 0
		if i > 0 {
			elapsed = day - prevDay
		}
		if i > 0 && elapsed >= 1 {
			out = append(out, scoreReview(rv, elapsed, hist, models))
		}
		for _, m := range models {
			if m != nil {
				m.update(rv, elapsed, i == 0)
			}
		}
		hist.add(rv.rating, elapsed)
		prevDay = day
	}
	return out
}

func scoreReview(rv review, elapsed int, hist history, models []cardModel) scored {
	s := scored{at: rv.at, row: rv.row, recall: rv.rating > srs.Again, bin: hist.bin(elapsed)}
	s.preds = make([]float64, len(models))
	for i, m := range models {
		if m != nil {
			s.preds[i] = m.predict(elapsed)
		}
	}
	return s
}

// sortByTime orders scored reviews for the time split; file order breaks ties.
func sortByTime(items []scored) {
	slices.SortStableFunc(items, func(a, b scored) int {
		if c := a.at.Compare(b.at); c != 0 {
			return c
		}
		return cmp.Compare(a.row, b.row)
	})
}
