package loadgen

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
)

// ServerRoute is what the server itself measured of one route during a run: the difference of
// its request-duration histogram (/metrics) between the start and the end of the measured
// part. It leaves out what the client adds (the load generator's own scheduling, the loopback,
// reading the answer), so on a busy machine it tells a slow server from a slow client. The
// quantiles are bucket bounds: "p99 ≤ 10 ms". All the web app's pages share the route "/".
type ServerRoute struct {
	Method   string         `json:"method"`
	Route    string         `json:"route"`
	Status   string         `json:"status"` // status class, e.g. 2xx
	Requests int64          `json:"requests"`
	P50      float64        `json:"p50_le_ms"` // upper bound of the bucket holding the median; +Inf as -1
	P99      float64        `json:"p99_le_ms"`
	Buckets  []ServerBucket `json:"buckets"`
}

// ServerBucket is a cumulative bucket: Count requests took at most LE ms (-1: +Inf).
type ServerBucket struct {
	LE    float64 `json:"le_ms"`
	Count int64   `json:"count"`
}

// Within is the share of requests that took at most ms (a bucket bound), or -1 when ms is not
// one of the buckets.
func (s ServerRoute) Within(ms float64) float64 {
	for _, b := range s.Buckets {
		if b.LE == ms {
			return float64(b.Count) / float64(max(s.Requests, 1))
		}
	}
	return -1
}

const durationMetric = "memora_http_request_duration_seconds_bucket{"

// serverKey is a series of the histogram without its le label.
type serverKey struct{ method, route, status string }

type serverCounts map[serverKey]map[float64]int64 // le in ms (+Inf as math.Inf) → cumulative count

// scrapeServer reads the server's request-duration histogram from base/metrics.
func scrapeServer(ctx context.Context, hc *http.Client, base string) (serverCounts, error) {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/metrics", nil)
	if err != nil {
		return nil, fmt.Errorf("server metrics: %w", err)
	}
	resp, err := hc.Do(req)
	if err != nil {
		return nil, fmt.Errorf("server metrics: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("server metrics: /metrics answered %d", resp.StatusCode)
	}
	return parseServerCounts(resp.Body)
}

// parseServerCounts reads the buckets of the request-duration histogram from Prometheus' text format.
func parseServerCounts(r io.Reader) (serverCounts, error) {
	out := serverCounts{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for sc.Scan() {
		line := sc.Text()
		if !strings.HasPrefix(line, durationMetric) {
			continue
		}
		labels, value, ok := strings.Cut(line[len(durationMetric):], "} ")
		if !ok {
			return nil, fmt.Errorf("server metrics: cannot read %q", line)
		}
		l := promLabels(labels)
		le, err := strconv.ParseFloat(l["le"], 64)
		if err != nil {
			return nil, fmt.Errorf("server metrics: le in %q: %w", line, err)
		}
		n, err := strconv.ParseFloat(strings.TrimSpace(value), 64)
		if err != nil {
			return nil, fmt.Errorf("server metrics: count in %q: %w", line, err)
		}
		k := serverKey{l["method"], l["route"], l["status"]}
		if out[k] == nil {
			out[k] = map[float64]int64{}
		}
		out[k][math.Round(le*1e6)/1e3] = int64(n) // ms, rounded to the µs: 0.025 s is 25 ms
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("server metrics: %w", err)
	}
	return out, nil
}

// promLabels reads `a="x",b="y"` (label values here never hold quotes or commas).
func promLabels(s string) map[string]string {
	out := map[string]string{}
	for _, part := range strings.Split(s, ",") {
		k, v, ok := strings.Cut(part, "=")
		if ok {
			out[k] = strings.Trim(v, `"`)
		}
	}
	return out
}

// serverRoutes is after minus before, per series with requests, busiest first.
func serverRoutes(before, after serverCounts) []ServerRoute {
	var out []ServerRoute
	for k, buckets := range after {
		les := make([]float64, 0, len(buckets))
		for le := range buckets {
			les = append(les, le)
		}
		slices.Sort(les)
		s := ServerRoute{Method: k.method, Route: k.route, Status: k.status}
		for _, le := range les {
			b := ServerBucket{LE: le, Count: buckets[le] - before[k][le]}
			if math.IsInf(le, 1) {
				b.LE = -1
				s.Requests = b.Count
			}
			s.Buckets = append(s.Buckets, b)
		}
		if s.Requests == 0 {
			continue
		}
		s.P50, s.P99 = s.quantileBound(0.50), s.quantileBound(0.99)
		out = append(out, s)
	}
	slices.SortFunc(out, func(a, b ServerRoute) int {
		if a.Requests != b.Requests {
			return int(b.Requests - a.Requests)
		}
		return strings.Compare(a.Route+a.Method+a.Status, b.Route+b.Method+b.Status)
	})
	return out
}

// quantileBound is the upper bound of the first bucket holding the q-quantile (-1: +Inf).
func (s ServerRoute) quantileBound(q float64) float64 {
	need := int64(math.Ceil(q * float64(s.Requests)))
	for _, b := range s.Buckets {
		if b.Count >= need {
			return b.LE
		}
	}
	return -1
}

// serverWatch scrapes the server's histogram when the measured part of a run starts and again
// at its end.
type serverWatch struct {
	hc     *http.Client
	base   string
	before chan serverResult
}

type serverResult struct {
	counts serverCounts
	err    error
}

// watchServer takes the first reading at from: right away when from has come, else in the
// background (at the end of a warm-up).
func watchServer(ctx context.Context, hc *http.Client, base string, from time.Time) *serverWatch {
	w := &serverWatch{hc: hc, base: base, before: make(chan serverResult, 1)}
	if !time.Now().Before(from) {
		c, err := scrapeServer(ctx, hc, base)
		w.before <- serverResult{c, err}
		return w
	}
	go func() {
		select {
		case <-time.After(time.Until(from)):
		case <-ctx.Done():
		}
		c, err := scrapeServer(ctx, hc, base)
		w.before <- serverResult{c, err}
	}()
	return w
}

// finish scrapes again and returns what the server measured in between.
func (w *serverWatch) finish(ctx context.Context) ([]ServerRoute, error) {
	before := <-w.before
	if before.err != nil {
		return nil, before.err
	}
	after, err := scrapeServer(ctx, w.hc, w.base)
	if err != nil {
		return nil, err
	}
	return serverRoutes(before.counts, after), nil
}

// WriteServer prints what the server measured, when the run asked for it.
func (r *Report) WriteServer(w io.Writer) {
	if len(r.Server) == 0 {
		return
	}
	fmt.Fprintln(w, "server-side (its /metrics histogram over the measured run; bucket bounds):")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "route\tstatus\trequests\tp50 ≤ ms\tp99 ≤ ms\t≤ 10 ms\t")
	bound := func(ms float64) string {
		if ms < 0 {
			return "+Inf"
		}
		return strconv.FormatFloat(ms, 'f', -1, 64)
	}
	for _, s := range r.Server {
		within := "-"
		if share := s.Within(10); share >= 0 {
			within = fmt.Sprintf("%.2f %%", 100*share)
		}
		fmt.Fprintf(tw, "%s %s\t%s\t%d\t%s\t%s\t%s\t\n", s.Method, s.Route, s.Status, s.Requests, bound(s.P50), bound(s.P99), within)
	}
	tw.Flush()
}
