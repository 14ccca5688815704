package loadgen

import (
	"bytes"
	"slices"
	"strings"
	"testing"
)

// Summarize keeps each hot path's ratios in round order and takes their medians: the middle
// one of an odd count, the mean of the two middle ones of an even count.
func TestSummarizeTakesTheMedianOfRounds(t *testing.T) {
	round := func(rps, floor, p50 float64, withSubmit bool) Comparison {
		c := Comparison{Ratios: []Ratio{{Endpoint: EPReviewSession, RPS: rps, FloorRPS: floor, P50Ratio: p50, P99Ratio: 2 * p50}}}
		if withSubmit {
			c.Ratios = append(c.Ratios, Ratio{Endpoint: EPSubmitReview, RPS: rps / 2, FloorRPS: floor, P50Ratio: p50})
		}
		return c
	}
	got := Summarize([]Comparison{round(50, 100, 1.5, true), round(60, 100, 1.2, true), round(30, 100, 3, false),
		round(45, 100, 2, true)})
	if len(got.Rounds) != 4 || len(got.Summary) != 2 {
		t.Fatalf("%d rounds, %d hot paths", len(got.Rounds), len(got.Summary))
	}
	review, submit := got.Summary[0], got.Summary[1]
	if review.Endpoint != EPReviewSession || !slices.Equal(review.Shares, []float64{0.5, 0.6, 0.3, 0.45}) ||
		review.MedianShare != 0.475 || review.MedianP50Ratio != 1.75 || review.MedianP99Ratio != 3.5 {
		t.Fatalf("review: %+v", review)
	}
	if submit.Endpoint != EPSubmitReview || !slices.Equal(submit.Shares, []float64{0.25, 0.3, 0.225}) ||
		submit.MedianShare != 0.25 || submit.MedianP50Ratio != 1.5 {
		t.Fatalf("submit: %+v", submit)
	}
	var out bytes.Buffer
	got.WriteSummary(&out)
	if !strings.Contains(out.String(), "47.5 % (50.0 %, 60.0 %, 30.0 %, 45.0 %)") {
		t.Fatalf("summary table:\n%s", out.String())
	}
}
