package loadgen

import (
	"testing"
	"time"
)

// BenchmarkHistogramRecord is the driver's cost per measured request.
func BenchmarkHistogramRecord(b *testing.B) {
	h := NewHistogram()
	for i := range b.N {
		h.Record(time.Duration(i%50_000) * time.Microsecond)
	}
}

// BenchmarkGenerateStudent is the population's CPU cost per student of 100 records and 8
// sessions (before any database work).
func BenchmarkGenerateStudent(b *testing.B) {
	cat, err := CatalogFor(100, testNow)
	if err != nil {
		b.Fatal(err)
	}
	gen := newGenerator(Shape{Records: 100, Sessions: 8, Seed: 1}, cat, testNow, institutionZone())
	b.ReportAllocs()
	for i := range b.N {
		gen.student(i+1, int64(i+1))
	}
}
