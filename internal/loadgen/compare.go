package loadgen

import (
	"fmt"
	"io"
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
