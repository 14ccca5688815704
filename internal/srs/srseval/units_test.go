package srseval

import (
	"errors"
	"math"
	"strings"
	"testing"

	"memora/internal/srs"
)

func TestAUC(t *testing.T) {
	cases := []struct {
		p    []float64
		y    []bool
		want float64
	}{
		{[]float64{0.1, 0.2, 0.8, 0.9}, []bool{false, false, true, true}, 1},
		{[]float64{0.9, 0.8, 0.2, 0.1}, []bool{false, false, true, true}, 0},
		{[]float64{0.5, 0.5, 0.5, 0.5}, []bool{false, true, false, true}, 0.5},
		{[]float64{0.1, 0.4, 0.35, 0.8}, []bool{false, false, true, true}, 0.75},
	}
	for _, c := range cases {
		if got := auc(c.p, c.y); math.Abs(got-c.want) > 1e-12 {
			t.Errorf("auc(%v) = %v, want %v", c.p, got, c.want)
		}
	}
	if !math.IsNaN(auc([]float64{0.3}, []bool{true})) {
		t.Error("one class must give NaN")
	}
}

func TestLogLoss(t *testing.T) {
	got := logLoss([]float64{0.9, 0.2}, []bool{true, false})
	want := -(math.Log(0.9) + math.Log(0.8)) / 2
	if math.Abs(got-want) > 1e-12 {
		t.Errorf("log loss %v, want %v", got, want)
	}
	if math.IsInf(logLoss([]float64{0, 1}, []bool{true, false}), 0) {
		t.Error("certain wrong predictions must stay finite")
	}
}

func TestRMSEBins(t *testing.T) {
	a, b := binKey{interval: 248}, binKey{interval: 898}
	// Bin a: mean prediction 0.5 against recall 1 over 2 reviews; bin b: 0.7 against 1.
	got := rmseBins([]float64{0.4, 0.6, 0.7}, []bool{true, true, true}, []binKey{a, a, b})
	if want := math.Sqrt((0.25*2 + 0.09) / 3); math.Abs(got-want) > 1e-12 {
		t.Errorf("rmse %v, want %v", got, want)
	}
}

// fsrs-rs r_matrix_index values, worked by hand.
func TestBins(t *testing.T) {
	cases := []struct {
		elapsed, longTerm, lapses int
		want                      binKey
	}{
		// Δt 1 → 2.48·100; n = 1 cross-day review, length 2 → round(1.99·1.89) = 4.
		{1, 0, 0, binKey{248, 4, 0}},
		// log_3.62(3) < 1: same interval bin as Δt 1.
		{3, 0, 0, binKey{248, 4, 0}},
		// 2.48·3.62·100 = 897.76; length 4 → 1.99·1.89² = 7.1; 1 lapse → 1.65.
		{4, 2, 1, binKey{898, 7, 2}},
		// 2.48·3.62²·100 = 3249.9; length 8 → 1.99·1.89³ = 13.4; 3 lapses → 1.65·1.73² = 4.9.
		{14, 6, 3, binKey{3250, 13, 5}},
	}
	for _, c := range cases {
		got := history{longTerm: c.longTerm, lapses: c.lapses}.bin(c.elapsed)
		if got != c.want {
			t.Errorf("bin(Δt %d, %d cross-day, %d lapses) = %+v, want %+v", c.elapsed, c.longTerm, c.lapses, got, c.want)
		}
	}
}

func TestSplitFoldsIsTimeSeriesSplit(t *testing.T) {
	folds := splitFolds(6276, 5, 6276/6)
	if folds[0].start != 1046 || folds[4].end != 6276 {
		t.Fatalf("folds %+v", folds)
	}
	for k := 1; k < len(folds); k++ {
		if folds[k].start != folds[k-1].end {
			t.Fatalf("gap between folds %+v", folds)
		}
	}
	// 13 items, 5 folds: test size 2, the first 3 items train only.
	folds = splitFolds(13, 5, 13/6)
	if folds[0].start != 3 || folds[4].end != 13 {
		t.Fatalf("folds %+v", folds)
	}
}

const tinyLog = `card_id,review_rating,review_time,review_duration
1,3,2024-01-01T10:00:00+00:00,3000
1,1,2024-01-01T10:05:00.5+00:00,4000
1,3,2024-01-03T10:00:00Z,1500
1,3,2024-01-04T03:00:00Z,1500
1,3,2024-01-04T05:00:00Z,
2,3,2024-01-02T10:00:00+00:00,3000
2,1,2024-01-05T10:00:00+00:00,3000
2,3,2024-01-09T10:00:00+00:00,3000
`

func TestReplayScoresOnlyCrossDayReviews(t *testing.T) {
	reviews, err := readLog(strings.NewReader(tinyLog))
	if err != nil {
		t.Fatal(err)
	}
	s, err := srs.NewScheduler(srs.DefaultParams())
	if err != nil {
		t.Fatal(err)
	}
	items, cards := replay(reviews, srs.Clock{RolloverHour: 4}, predictors(s))
	if cards != 2 {
		t.Fatalf("cards %d", cards)
	}
	// Card 1: the 10:05 repeat is same-day; 01-04 03:00 is still learner day
	// 01-03 (rollover 04:00); 01-04 05:00 is the next day. Card 2: two.
	if len(items) != 4 {
		t.Fatalf("scored %d reviews, want 4", len(items))
	}
	for _, it := range items {
		for i, p := range it.preds {
			if i > 0 && !(p > 0 && p < 1) {
				t.Errorf("prediction %v out of (0, 1)", p)
			}
		}
	}
}

func TestReadLogErrors(t *testing.T) {
	bad := map[string]string{
		"header":   "id,rating,time,duration\n",
		"rating":   "card_id,review_rating,review_time,review_duration\n1,5,2024-01-01T10:00:00Z,1\n",
		"time":     "card_id,review_rating,review_time,review_duration\n1,3,yesterday,1\n",
		"duration": "card_id,review_rating,review_time,review_duration\n1,3,2024-01-01T10:00:00Z,x\n",
		"columns":  "card_id,review_rating,review_time,review_duration\n1,3\n",
		"empty":    "",
	}
	for name, in := range bad {
		if _, err := readLog(strings.NewReader(in)); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestEvaluateOptions(t *testing.T) {
	if _, err := Evaluate(strings.NewReader(tinyLog), Options{}); err == nil {
		t.Error("zero options accepted")
	}
	if _, err := Evaluate(strings.NewReader(tinyLog), DefaultOptions()); !errors.Is(err, ErrTooFewReviews) {
		t.Errorf("tiny log: %v, want ErrTooFewReviews", err)
	}
	opts := DefaultOptions()
	opts.Weights = []float64{1, 2, 3}
	if _, err := Evaluate(strings.NewReader(tinyLog), opts); err == nil {
		t.Error("bad weights accepted")
	}
	opts = DefaultOptions()
	opts.Folds = 1
	rep, err := Evaluate(strings.NewReader(tinyLog), opts)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Scored != 2 || rep.CrossDay != 4 {
		t.Errorf("scored %d of %d", rep.Scored, rep.CrossDay)
	}
}
