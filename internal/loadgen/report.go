package loadgen

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"text/tabwriter"
	"time"
)

// Report is one run's figures, per endpoint and in total.
type Report struct {
	Name        string           `json:"name"` // "run" or "floor"
	Mode        string           `json:"mode"` // closed or open loop
	Mix         string           `json:"mix"`
	Concurrency int              `json:"concurrency,omitempty"`
	Rate        float64          `json:"rate,omitempty"`
	Students    int              `json:"students"`
	Elapsed     time.Duration    `json:"elapsed_ns"`
	Endpoints   []EndpointReport `json:"endpoints"`
	Total       EndpointReport   `json:"total"`
	Login       *EndpointReport  `json:"login,omitempty"`
	// Open loop only: arrivals dropped (in-flight limit reached) and sent late (> 1 ms after
	// their planned time; their latency still counts from the planned time).
	Dropped int64 `json:"dropped,omitempty"`
	Late    int64 `json:"late,omitempty"`
	// Timeline: every second of the run (all endpoints), by when requests completed.
	Timeline []SecondReport `json:"timeline,omitempty"`
	// Server: what the server measured itself over the same time (RunOptions.ServerMetrics).
	Server []ServerRoute `json:"server,omitempty"`
}

// EndpointReport is one endpoint's figures; latencies are in milliseconds.
type EndpointReport struct {
	Endpoint        string           `json:"endpoint"`
	Requests        int64            `json:"requests"`
	Errors          int64            `json:"errors"`
	TransportErrors int64            `json:"transport_errors"`
	Statuses        map[string]int64 `json:"statuses"`
	Throughput      float64          `json:"throughput_rps"`
	P50             float64          `json:"p50_ms"`
	P95             float64          `json:"p95_ms"`
	P99             float64          `json:"p99_ms"`
	Max             float64          `json:"max_ms"`
	Mean            float64          `json:"mean_ms"`
	Empty           int64            `json:"empty,omitempty"`
	Skipped         int64            `json:"skipped,omitempty"`
	ErrorSamples    []string         `json:"error_samples,omitempty"`
}

// Endpoint returns the figures of one endpoint (zero when it saw no request).
func (r *Report) Endpoint(name string) EndpointReport {
	i := slices.IndexFunc(r.Endpoints, func(e EndpointReport) bool { return e.Endpoint == name })
	if i < 0 {
		return EndpointReport{Endpoint: name}
	}
	return r.Endpoints[i]
}

// Snapshot turns what the recorder holds into endpoint reports over elapsed, and the total.
func (r *Recorder) Snapshot(elapsed time.Duration) ([]EndpointReport, EndpointReport) {
	r.mu.Lock()
	defer r.mu.Unlock()
	all := &endpointStats{hist: NewHistogram(), statuses: map[int]int64{}}
	out := make([]EndpointReport, 0, len(r.order))
	for _, name := range r.order {
		s := r.endpoints[name]
		out = append(out, s.report(name, elapsed))
		all.hist.Merge(s.hist)
		all.errors += s.errors
		all.transportErrors += s.transportErrors
		for k, v := range s.statuses {
			all.statuses[k] += v
		}
	}
	return out, all.report("total", elapsed)
}

func (s *endpointStats) report(name string, elapsed time.Duration) EndpointReport {
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	statuses := make(map[string]int64, len(s.statuses))
	for k, v := range s.statuses {
		key := strconv.Itoa(k)
		if k == 0 {
			key = "transport"
		}
		statuses[key] = v
	}
	return EndpointReport{Endpoint: name, Requests: int64(s.hist.Count()), Errors: s.errors,
		TransportErrors: s.transportErrors, Statuses: statuses,
		Throughput: float64(s.hist.Count()) / max(elapsed.Seconds(), 1e-9),
		P50:        ms(s.hist.Quantile(0.50)), P95: ms(s.hist.Quantile(0.95)), P99: ms(s.hist.Quantile(0.99)),
		Max: ms(s.hist.Max()), Mean: ms(s.hist.Mean()), Empty: s.empty, Skipped: s.skipped,
		ErrorSamples: slices.Clone(s.samples)}
}

// WriteTable prints the report as an aligned table, then error samples.
func (r *Report) WriteTable(w io.Writer) {
	fmt.Fprintf(w, "%s: %s loop, %s, %d students, mix %s, %.1fs\n", r.Name, r.Mode, r.load(), r.Students, r.Mix, r.Elapsed.Seconds())
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "endpoint\trequests\terrors\treq/s\tp50 ms\tp95 ms\tp99 ms\tmax ms\tnotes\t")
	rows := append(slices.Clone(r.Endpoints), r.Total)
	if r.Login != nil {
		rows = append(rows, *r.Login)
	}
	for _, e := range rows {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%.0f\t%.2f\t%.2f\t%.2f\t%.2f\t%s\t\n", e.Endpoint, e.Requests, e.Errors, e.Throughput,
			e.P50, e.P95, e.P99, e.Max, e.notes())
	}
	tw.Flush()
	if r.Mode == "open" {
		fmt.Fprintf(w, "open loop: %d arrivals dropped (in-flight limit reached or no idle student), %d sent over 1 ms late\n", r.Dropped, r.Late)
	}
	for _, e := range rows {
		for _, s := range e.ErrorSamples {
			fmt.Fprintf(w, "  %s error: %s\n", e.Endpoint, s)
		}
	}
}

// WriteTimeline prints the run second by second.
func (r *Report) WriteTimeline(w io.Writer) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "second\trequests\tp50 ms\tp99 ms\tmax ms\t")
	for _, s := range r.Timeline {
		fmt.Fprintf(tw, "%d\t%d\t%.2f\t%.2f\t%.2f\t\n", s.Second, s.Requests, s.P50, s.P99, s.Max)
	}
	tw.Flush()
}

func (r *Report) load() string {
	if r.Mode == "open" {
		return fmt.Sprintf("%.0f req/s offered", r.Rate)
	}
	return fmt.Sprintf("concurrency %d", r.Concurrency)
}

func (e EndpointReport) notes() string {
	s := ""
	if e.TransportErrors > 0 {
		s += fmt.Sprintf("%d transport errors ", e.TransportErrors)
	}
	if e.Empty > 0 {
		s += fmt.Sprintf("%d empty ", e.Empty)
	}
	if e.Skipped > 0 {
		s += fmt.Sprintf("%d skipped ", e.Skipped)
	}
	return s
}

// WriteJSON writes v (a report or a comparison) to path, indented.
func WriteJSON(path string, v any) error {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	if err := os.WriteFile(path, append(data, '\n'), 0o644); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	return nil
}
