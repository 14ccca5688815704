package loadgen

import (
	"fmt"
	"sync"
	"time"
)

// maxErrorSamples is how many error bodies an endpoint keeps for the report.
const maxErrorSamples = 3

// Recorder collects per-endpoint outcomes from concurrent requests.
type Recorder struct {
	mu        sync.Mutex
	endpoints map[string]*endpointStats
	order     []string
	start     time.Time    // when the first request was recorded
	seconds   []*Histogram // every endpoint's latencies by second of completion since start
	from      time.Time    // requests sent before this are not recorded (warm-up); zero: all
}

// MeasureFrom makes the recorder ignore what was sent before t: a warm-up whose requests
// fill the server's caches and connection pools without counting.
func (r *Recorder) MeasureFrom(t time.Time) {
	r.mu.Lock()
	r.from = t
	r.mu.Unlock()
}

// warmingUp reports whether a request sent at sent falls in the warm-up (r.mu held).
func (r *Recorder) warmingUp(sent time.Time) bool { return !r.from.IsZero() && sent.Before(r.from) }

type endpointStats struct {
	hist            *Histogram
	errors          int64
	transportErrors int64
	statuses        map[int]int64
	samples         []string
	empty, skipped  int64
}

// NewRecorder returns an empty recorder.
func NewRecorder() *Recorder { return &Recorder{endpoints: map[string]*endpointStats{}} }

func (r *Recorder) stats(endpoint string) *endpointStats {
	s := r.endpoints[endpoint]
	if s == nil {
		s = &endpointStats{hist: NewHistogram(), statuses: map[int]int64{}}
		r.endpoints[endpoint] = s
		r.order = append(r.order, endpoint)
	}
	return s
}

// Record counts one request: its latency, and its status (0 with err for a transport error).
// A non-2xx answer or a transport error is an error; the first few bodies are kept.
func (r *Recorder) Record(endpoint string, latency time.Duration, status int, err error, body []byte) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.warmingUp(time.Now().Add(-latency)) {
		return
	}
	s := r.stats(endpoint)
	s.hist.Record(latency)
	r.second().Record(latency)
	s.statuses[status]++
	switch {
	case err != nil:
		s.errors++
		s.transportErrors++
		s.sample(err.Error())
	case status < 200 || status > 299:
		s.errors++
		s.sample(fmt.Sprintf("%d %s", status, truncate(body, 300)))
	}
}

// second is the histogram of the current second (r.mu held).
func (r *Recorder) second() *Histogram {
	now := time.Now()
	if r.start.IsZero() {
		r.start = now
	}
	i := int(now.Sub(r.start) / time.Second)
	for len(r.seconds) <= i {
		r.seconds = append(r.seconds, NewHistogram())
	}
	return r.seconds[i]
}

// Timeline is every second's requests and latencies, all endpoints together: a tail that
// comes from a few stalls shows as a few bad seconds, steady saturation as all of them.
func (r *Recorder) Timeline() []SecondReport {
	r.mu.Lock()
	defer r.mu.Unlock()
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	out := make([]SecondReport, len(r.seconds))
	for i, h := range r.seconds {
		out[i] = SecondReport{Second: i, Requests: int64(h.Count()), P50: ms(h.Quantile(0.50)), P99: ms(h.Quantile(0.99)),
			Max: ms(h.Max())}
	}
	return out
}

// SecondReport is one second of a run's timeline (latencies in ms).
type SecondReport struct {
	Second   int     `json:"second"`
	Requests int64   `json:"requests"`
	P50      float64 `json:"p50_ms"`
	P99      float64 `json:"p99_ms"`
	Max      float64 `json:"max_ms"`
}

// Fail counts a request whose answer was 2xx but unusable (e.g. not the expected JSON).
func (r *Recorder) Fail(endpoint, why string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.warmingUp(time.Now()) {
		return
	}
	s := r.stats(endpoint)
	s.errors++
	s.sample(why)
}

// Empty notes a successful answer with nothing to work on (a review session without cards).
func (r *Recorder) Empty(endpoint string) {
	r.mu.Lock()
	if !r.warmingUp(time.Now()) {
		r.stats(endpoint).empty++
	}
	r.mu.Unlock()
}

// RecordFailed counts one answered request that failed a check the status alone does not
// show (a page that is not HTML, a redirect to sign-in); why is kept as a sample.
func (r *Recorder) RecordFailed(endpoint string, latency time.Duration, status int, why string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.warmingUp(time.Now().Add(-latency)) {
		return
	}
	s := r.stats(endpoint)
	s.hist.Record(latency)
	r.second().Record(latency)
	s.statuses[status]++
	s.errors++
	s.sample(why)
}

// Skip notes a request the driver did not send (a submission with no cards to answer).
func (r *Recorder) Skip(endpoint string) {
	r.mu.Lock()
	if !r.warmingUp(time.Now()) {
		r.stats(endpoint).skipped++
	}
	r.mu.Unlock()
}

func (s *endpointStats) sample(msg string) {
	if len(s.samples) < maxErrorSamples {
		s.samples = append(s.samples, msg)
	}
}

func truncate(b []byte, n int) string {
	if len(b) > n {
		return string(b[:n]) + "…"
	}
	return string(b)
}
