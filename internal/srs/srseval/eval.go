// Package srseval measures how well schedulers predict recall on a real
// review log (srs.md §4a): per-card replay on learner days, only cross-day
// reviews scored, an expanding-window time split, log loss first.
package srseval

import (
	"errors"
	"fmt"
	"io"
	"time"

	"memora/internal/srs"
	"memora/internal/srs/optimize"
)

// Options configure an evaluation. Start from DefaultOptions: the zero value
// is rejected because a zero rollover hour and zero folds are easy to get by
// accident.
type Options struct {
	// Location and RolloverHour define learner days (nil Location = UTC).
	Location     *time.Location
	RolloverHour int
	// Folds is the number of test chunks; the log is cut into Folds+1 chunks
	// by time and the first chunk is only ever used for training.
	Folds int
	// Weights are the FSRS weights to score (17/19/21 values); nil = FSRS-6 defaults.
	Weights []float64
	// Optimize adds the optimizer's rows: weights fitted per test fold on the
	// reviews before it (from Weights), and, as an optimistic bound, weights
	// fitted on the whole log. Fit configures them.
	Optimize bool
	Fit      optimize.Options
}

// DefaultOptions is the protocol of srs.md §4a: 04:00 UTC rollover, 5 folds,
// FSRS-6 default weights.
func DefaultOptions() Options {
	return Options{Location: time.UTC, RolloverHour: srs.DefaultRolloverHour, Folds: 5,
		Optimize: true, Fit: optimize.DefaultOptions()}
}

// Report holds the counts and one row of metrics per predictor.
type Report struct {
	Reviews  int   // rows in the log
	Cards    int   // distinct cards
	CrossDay int   // reviews with Δt >= 1 learner day (scoring candidates)
	Scored   int   // of those, in a test fold
	Folds    int   // test folds
	Rows     []Row // one per predictor, in a fixed order
}

// Row is one predictor's metrics over all scored reviews pooled; FoldLogLoss
// has the log loss of each test fold in time order.
type Row struct {
	Predictor   string
	LogLoss     float64
	RMSEBins    float64
	AUC         float64
	FoldLogLoss []float64
}

// Row returns the row of the named predictor.
func (r Report) Row(name string) (Row, bool) {
	for _, row := range r.Rows {
		if row.Predictor == name {
			return row, true
		}
	}
	return Row{}, false
}

// ErrTooFewReviews is returned when there are fewer scored reviews than chunks.
var ErrTooFewReviews = errors.New("srseval: too few cross-day reviews for the split")

// Evaluate reads a review log (CSV header card_id,review_rating,review_time,
// review_duration) and scores every predictor on the same reviews.
func Evaluate(r io.Reader, opts Options) (Report, error) {
	if opts.Folds < 1 {
		return Report{}, fmt.Errorf("srseval: folds %d < 1 (start from DefaultOptions)", opts.Folds)
	}
	clock := srs.Clock{Location: opts.Location, RolloverHour: opts.RolloverHour}
	if err := clock.Validate(); err != nil {
		return Report{}, fmt.Errorf("srseval: %w", err)
	}
	fsrs, err := fsrsScheduler(opts.Weights)
	if err != nil {
		return Report{}, err
	}
	reviews, err := readLog(r)
	if err != nil {
		return Report{}, fmt.Errorf("srseval: %w", err)
	}
	preds := predictors(fsrs)
	items, cards := replay(reviews, clock, preds)
	sortByTime(items)
	testSize := len(items) / (opts.Folds + 1)
	if testSize == 0 {
		return Report{}, fmt.Errorf("%w: %d", ErrTooFewReviews, len(items))
	}
	rep := Report{Reviews: len(reviews), Cards: cards, CrossDay: len(items), Scored: opts.Folds * testSize, Folds: opts.Folds}
	folds := splitFolds(len(items), opts.Folds, testSize)
	fillAverage(items, folds, predictorIndex(preds, avgName))
	if opts.Optimize {
		if preds, err = addOptimized(reviews, clock, items, folds, preds, opts); err != nil {
			return Report{}, err
		}
	}
	for i, p := range preds {
		rep.Rows = append(rep.Rows, scoreRow(p.name, i, items, folds))
	}
	return rep, nil
}

func fsrsScheduler(weights []float64) (srs.Scheduler, error) {
	p := srs.DefaultParams()
	if weights != nil {
		p.Weights = weights
	}
	s, err := srs.NewScheduler(p)
	if err != nil {
		return srs.Scheduler{}, fmt.Errorf("srseval: %w", err)
	}
	return s, nil
}

// fold is a half-open range [start, end) of time-ordered scored reviews;
// everything before start is its training data.
type fold struct{ start, end int }

// splitFolds is scikit-learn's TimeSeriesSplit: equal test chunks at the end,
// the remainder (at least one chunk) before them for training only.
func splitFolds(n, folds, testSize int) []fold {
	first := n - folds*testSize
	out := make([]fold, folds)
	for k := range out {
		out[k] = fold{start: first + k*testSize, end: first + (k+1)*testSize}
	}
	return out
}

func predictorIndex(preds []predictor, name string) int {
	for i, p := range preds {
		if p.name == name {
			return i
		}
	}
	return -1
}

// fillAverage sets AVG's prediction in each test fold to the recall rate of
// the reviews before it.
func fillAverage(items []scored, folds []fold, avg int) {
	for _, f := range folds {
		recalled := 0
		for _, it := range items[:f.start] {
			if it.recall {
				recalled++
			}
		}
		mean := float64(recalled) / float64(f.start)
		for i := f.start; i < f.end; i++ {
			items[i].preds[avg] = mean
		}
	}
}

func scoreRow(name string, col int, items []scored, folds []fold) Row {
	var p []float64
	var y []bool
	var bins []binKey
	row := Row{Predictor: name}
	for _, f := range folds {
		start := len(p)
		for _, it := range items[f.start:f.end] {
			p = append(p, it.preds[col])
			y = append(y, it.recall)
			bins = append(bins, it.bin)
		}
		row.FoldLogLoss = append(row.FoldLogLoss, logLoss(p[start:], y[start:]))
	}
	row.LogLoss, row.RMSEBins, row.AUC = logLoss(p, y), rmseBins(p, y, bins), auc(p, y)
	return row
}
