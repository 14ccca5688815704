package loadgen

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestRecorderCountsErrorsPerEndpoint(t *testing.T) {
	r := NewRecorder()
	for i := range 10 {
		r.Record("a", time.Duration(i+1)*time.Millisecond, 200, nil, nil)
	}
	r.Record("a", time.Millisecond, 404, nil, []byte(`{"exc":"not here"}`))
	r.Record("b", time.Millisecond, 0, errors.New("connection refused"), nil)
	r.Fail("a", "not JSON")
	r.Empty("a")
	r.Skip("b")
	eps, total := r.Snapshot(2 * time.Second)
	a, b := eps[0], eps[1]
	if a.Requests != 11 || a.Errors != 2 || a.TransportErrors != 0 || a.Empty != 1 || a.Statuses["404"] != 1 {
		t.Fatalf("a: %+v", a)
	}
	if b.Requests != 1 || b.TransportErrors != 1 || b.Skipped != 1 || b.Statuses["transport"] != 1 {
		t.Fatalf("b: %+v", b)
	}
	if total.Requests != 12 || total.Errors != 3 || total.Throughput != 6 {
		t.Fatalf("total: %+v", total)
	}
	if a.Max < 10 || a.P50 < 4 || a.P50 > 7 {
		t.Fatalf("latencies: %+v", a)
	}
	var out bytes.Buffer
	rep := &Report{Name: "run", Mode: "closed", Endpoints: eps, Total: total}
	rep.WriteTable(&out)
	for _, want := range []string{"a", "b", "total", "connection refused", "404 {\"exc\":\"not here\"}", "1 skipped"} {
		if !strings.Contains(out.String(), want) {
			t.Fatalf("table lacks %q:\n%s", want, out.String())
		}
	}
}

// The timeline puts each request in the second it completed, all endpoints together.
func TestTimeline(t *testing.T) {
	r := NewRecorder()
	r.Record("a", 2*time.Millisecond, 200, nil, nil)
	r.Record("b", 40*time.Millisecond, 200, nil, nil)
	time.Sleep(1100 * time.Millisecond)
	r.Record("a", 5*time.Millisecond, 500, nil, []byte("boom"))
	tl := r.Timeline()
	if len(tl) != 2 || tl[0].Requests != 2 || tl[1].Requests != 1 || tl[1].Second != 1 {
		t.Fatalf("timeline %+v", tl)
	}
	if tl[0].Max < 39 || tl[0].Max > 41 || tl[1].P50 < 4.9 || tl[1].P50 > 5.1 {
		t.Fatalf("latencies %+v", tl)
	}
}

// Requests sent before MeasureFrom (the warm-up) are not reported; those sent after are.
func TestWarmupIsNotRecorded(t *testing.T) {
	r := NewRecorder()
	r.MeasureFrom(time.Now().Add(50 * time.Millisecond))
	r.Record("a", time.Millisecond, 500, nil, []byte("cold"))
	r.Empty("a")
	time.Sleep(60 * time.Millisecond)
	r.Record("a", 100*time.Millisecond, 200, nil, nil) // sent before the end of the warm-up
	r.Record("a", 2*time.Millisecond, 200, nil, nil)
	r.Empty("a")
	eps, total := r.Snapshot(time.Second)
	if total.Requests != 1 || total.Errors != 0 || len(eps) != 1 || eps[0].Empty != 1 {
		t.Fatalf("after the warm-up: %+v %+v", total, eps)
	}
}
