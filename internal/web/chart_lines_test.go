package web

import (
	"strings"
	"testing"

	"memora/internal/i18n"
)

func TestBuildLines(t *testing.T) {
	l := Localizer{Lang: i18n.English}
	series := []lineSeries{{Name: "a", Values: []float64{0, 2, 4}}, {Name: "b", Values: []float64{1, 1, 8}}}
	day := func(i int) string { return []string{"Mon", "Tue", "Wed"}[i] }
	c := buildLines(l, "f", series, 3, day, false)
	if len(c.Lines) != 2 || len(c.Rows) != 3 || len(c.Heads) != 2 {
		t.Fatalf("lines %d, rows %d, heads %d", len(c.Lines), len(c.Rows), len(c.Heads))
	}
	// The top is 10 (8 rounded up): 4 is at 4/10 of the 150-unit plot above the baseline 178.
	first := strings.Fields(c.Lines[0].Points)
	if first[0] != "34,178" || first[2] != "446,118" {
		t.Errorf("line a: %v", first)
	}
	if got := c.Rows[2]; got[0] != "Wed" || got[1] != "4.0" || got[2] != "8.0" {
		t.Errorf("row of Wednesday: %v", got)
	}
	rtl := buildLines(Localizer{Lang: i18n.Arabic}, "f", series, 3, day, true)
	if p := strings.Fields(rtl.Lines[0].Points); p[0] != "446,178" {
		t.Errorf("right to left: the first day is on the right, got %v", p)
	}
	if rtl.Rows[2][1] != "٤٫٠" && rtl.Rows[2][1] != "٤.٠" {
		t.Errorf("Arabic digits: %q", rtl.Rows[2][1])
	}
	if empty := buildLines(l, "f", nil, 0, day, false); len(empty.Lines) != 0 {
		t.Error("no series, no lines")
	}
}
