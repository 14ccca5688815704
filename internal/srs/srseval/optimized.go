package srseval

import (
	"errors"
	"fmt"

	"memora/internal/srs"
	"memora/internal/srs/optimize"
	"memora/internal/srs/revlog"
)

const (
	// OptimizedName is the row of weights fitted, for each test fold, on the
	// reviews before the fold only.
	OptimizedName = "FSRS-6 optimized (time-series split: fit on past folds only)"
	// WholeLogName is the row of weights fitted on the whole log, test folds
	// included: it sees the future, an optimistic bound and not a result.
	WholeLogName = "FSRS-6 optimized on the whole log (sees the future)"
)

// addOptimized fits weights for every fold on the reviews strictly before the
// fold's first scored review (every review, same-day ones included, up to
// that instant), and on the whole log; replays the log with them and appends
// two predictor columns to items. A fold without a cross-day review before it
// keeps the initial weights.
func addOptimized(reviews []review, clock srs.Clock, items []scored, folds []fold, preds []predictor, opts Options) ([]predictor, error) {
	all := make([]revlog.Review, len(reviews))
	for i, rv := range reviews {
		all[i] = revlog.Review{Card: rv.card, Rating: rv.rating, At: rv.at, DurationMs: rv.durationMs, Row: rv.row}
	}
	fitOpts := opts.Fit
	fitOpts.Initial = opts.Weights
	fit := func(train []revlog.Review) ([]float64, error) {
		res, err := optimize.Fit(optimize.Histories(train, clock), fitOpts)
		if errors.Is(err, optimize.ErrNoData) {
			if opts.Weights != nil {
				return srs.MigrateWeights(opts.Weights)
			}
			return srs.DefaultWeights(), nil
		}
		if err != nil {
			return nil, fmt.Errorf("srseval: %w", err)
		}
		return res.Weights, nil
	}
	var fitted []predictor
	for _, f := range folds {
		cut := revlog.Review{At: items[f.start].at, Row: items[f.start].row}
		var train []revlog.Review
		for _, rv := range all {
			if revlog.Before(rv, cut) {
				train = append(train, rv)
			}
		}
		w, err := fit(train)
		if err != nil {
			return nil, err
		}
		if fitted, err = appendFSRS(fitted, w); err != nil {
			return nil, err
		}
	}
	w, err := fit(all)
	if err != nil {
		return nil, err
	}
	if fitted, err = appendFSRS(fitted, w); err != nil {
		return nil, err
	}
	again, _ := replay(reviews, clock, fitted)
	sortByTime(again)
	for i := range items {
		items[i].preds = append(items[i].preds, 0, again[i].preds[len(folds)])
	}
	col := len(preds)
	for k, f := range folds {
		for i := f.start; i < f.end; i++ {
			items[i].preds[col] = again[i].preds[k]
		}
	}
	return append(preds, predictor{name: OptimizedName}, predictor{name: WholeLogName}), nil
}

func appendFSRS(preds []predictor, weights []float64) ([]predictor, error) {
	s, err := fsrsScheduler(weights)
	if err != nil {
		return nil, err
	}
	return append(preds, predictor{name: "fitted", newCard: func() cardModel { return &fsrsModel{s: s} }}), nil
}
