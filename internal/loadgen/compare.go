package loadgen

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
)

// Ratio compares a hot path of the real run with its floor, measured at the same load.
type Ratio struct {
	Endpoint      string  `json:"endpoint"`
	FloorEndpoint string  `json:"floor_endpoint"`
	P50Ms         float64 `json:"p50_ms"`
	FloorP50Ms    float64 `json:"floor_p50_ms"`
	P50Ratio      float64 `json:"p50_ratio"`
	P99Ms         float64 `json:"p99_ms"`
	FloorP99Ms    float64 `json:"floor_p99_ms"`
	P99Ratio      float64 `json:"p99_ratio"`
	// Throughputs are per endpoint: comparable when the run's mix holds only reviews and
	// submissions (the floor keeps their proportion).
	RPS      float64 `json:"rps"`
	FloorRPS float64 `json:"floor_rps"`
}

// Comparison is a floor run and a real run back to back, with their ratios.
type Comparison struct {
	Floor  *Report `json:"floor"`
	Run    *Report `json:"run"`
	Ratios []Ratio `json:"ratios"`
}

// Compare pairs each hot path of run with its floor.
func Compare(run, floor *Report) Comparison {
	c := Comparison{Floor: floor, Run: run}
	for _, pair := range [][2]string{{EPReviewSession, EPFloorReview}, {EPSubmitReview, EPFloorSubmit}} {
		got, base := run.Endpoint(pair[0]), floor.Endpoint(pair[1])
		if got.Requests == 0 || base.Requests == 0 {
			continue
		}
		c.Ratios = append(c.Ratios, Ratio{Endpoint: pair[0], FloorEndpoint: pair[1],
			P50Ms: got.P50, FloorP50Ms: base.P50, P50Ratio: ratio(got.P50, base.P50),
			P99Ms: got.P99, FloorP99Ms: base.P99, P99Ratio: ratio(got.P99, base.P99),
			RPS: got.Throughput, FloorRPS: base.Throughput})
	}
	return c
}

func ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

// WriteRatios prints the comparison table.
func (c Comparison) WriteRatios(w io.Writer) {
	if len(c.Ratios) == 0 {
		fmt.Fprintln(w, "no hot path had requests in both runs: no ratio to the floor")
		return
	}
	fmt.Fprintln(w, "ratio to the floor (same driver, same load):")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "hot path\tp50 ms\tfloor p50\t×\tp99 ms\tfloor p99\t×\treq/s\tfloor req/s\t")
	for _, r := range c.Ratios {
		fmt.Fprintf(tw, "%s\t%.2f\t%.2f\t%.1f\t%.2f\t%.2f\t%.1f\t%.0f\t%.0f\t\n", r.Endpoint, r.P50Ms, r.FloorP50Ms, r.P50Ratio,
			r.P99Ms, r.FloorP99Ms, r.P99Ratio, r.RPS, r.FloorRPS)
	}
	tw.Flush()
}

// Rounds are several floor-and-run comparisons of one kind, each on its own students (run
// --rounds): this machine's throughput varies by tens of percent from one run to the next,
// so a ratio is read as the median of rounds.
type Rounds struct {
	Rounds  []Comparison  `json:"rounds"`
	Summary []RoundsRatio `json:"summary"`
}

// RoundsRatio is a hot path's ratios to its floor, one per round, and their medians.
type RoundsRatio struct {
	Endpoint string `json:"endpoint"`
	// Shares are the run's throughput as a fraction of the floor's.
	Shares         []float64 `json:"shares"`
	MedianShare    float64   `json:"median_share"`
	P50Ratios      []float64 `json:"p50_ratios"`
	MedianP50Ratio float64   `json:"median_p50_ratio"`
	P99Ratios      []float64 `json:"p99_ratios"`
	MedianP99Ratio float64   `json:"median_p99_ratio"`
}

// Summarize gathers each hot path's ratios over rounds, in the order of their first round.
func Summarize(rounds []Comparison) Rounds {
	out := Rounds{Rounds: rounds}
	at := map[string]int{}
	for _, c := range rounds {
		for _, r := range c.Ratios {
			i, ok := at[r.Endpoint]
			if !ok {
				i = len(out.Summary)
				at[r.Endpoint] = i
				out.Summary = append(out.Summary, RoundsRatio{Endpoint: r.Endpoint})
			}
			s := &out.Summary[i]
			s.Shares = append(s.Shares, ratio(r.RPS, r.FloorRPS))
			s.P50Ratios = append(s.P50Ratios, r.P50Ratio)
			s.P99Ratios = append(s.P99Ratios, r.P99Ratio)
		}
	}
	for i := range out.Summary {
		s := &out.Summary[i]
		s.MedianShare, s.MedianP50Ratio, s.MedianP99Ratio = median(s.Shares), median(s.P50Ratios), median(s.P99Ratios)
	}
	return out
}

// median is the middle value of xs (the mean of the two middle ones for an even count).
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if n := len(s); n%2 == 1 {
		return s[n/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// WriteSummary prints each hot path's ratios over the rounds and their medians.
func (r Rounds) WriteSummary(w io.Writer) {
	fmt.Fprintf(w, "over %d rounds (median, then each round):\n", len(r.Rounds))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "hot path\treq/s share of the floor\tp50 ×\tp99 ×\t")
	for _, s := range r.Summary {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t\n", s.Endpoint, listed(s.MedianShare, s.Shares, "%.1f %%", 100),
			listed(s.MedianP50Ratio, s.P50Ratios, "%.2f", 1), listed(s.MedianP99Ratio, s.P99Ratios, "%.2f", 1))
	}
	tw.Flush()
}

// listed formats the median, then the values in parentheses, each scaled.
func listed(med float64, xs []float64, format string, scale float64) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = fmt.Sprintf(format, x*scale)
	}
	return fmt.Sprintf(format, med*scale) + " (" + strings.Join(parts, ", ") + ")"
}
