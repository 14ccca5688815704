package web

import (
	"fmt"
	"math"
	"strings"

	"memora/internal/i18n"
)

// lineSeries is one line of a line chart: its values, one per day.
type lineSeries struct {
	Name   string // its legend and table column: "0.90 (current)"
	Values []float64
}

// lineChart is a line chart ready for the "desk_linechart" template: geometry in SVG
// attributes, colours from the classes s0, s1, … and the text alternative (a <title>, a
// <desc> and a visually hidden table of every value).
type lineChart struct {
	ID, Title, Desc string
	LabelHead       string // the table's first column header ("Day")
	Width, Height   int
	Baseline        float64
	Lines           []svgLine
	XLabels         []svgLabel
	YLabels         []svgLabel
	Heads           []string   // the table's other column headers, one per line
	Rows            [][]string // the table's rows: the day, then each line's value
}

type svgLine struct {
	Class, Name, Points string
	LegendX, LegendY    float64
}

type svgLabel struct {
	X, Y float64
	Text string
}

// Line chart geometry, in SVG user units.
const (
	lineWidth  = 480
	lineHeight = 200
	lineTop    = 28 // room for the legend
	lineBottom = 22 // the day labels
	lineSide   = 34 // the value labels
)

// buildLines lays out series over days (day i labelled dayLabel(i)); rtl runs the days right
// to left. Values are formatted with one decimal in the page's digits.
func buildLines(l Localizer, id string, series []lineSeries, days int, dayLabel func(int) string, rtl bool) lineChart {
	c := lineChart{ID: id, Width: lineWidth, Height: lineHeight, Baseline: lineHeight - lineBottom}
	if days == 0 || len(series) == 0 {
		return c
	}
	peak := 0.0
	for _, s := range series {
		for _, v := range s.Values {
			peak = math.Max(peak, v)
		}
	}
	peak = niceCeil(peak)
	plotW := float64(lineWidth - 2*lineSide)
	plotH := float64(lineHeight - lineTop - lineBottom)
	x := func(i int) float64 {
		pos := float64(i)
		if days > 1 {
			pos = pos / float64(days-1)
		}
		if rtl {
			pos = 1 - pos
		}
		return round1(lineSide + pos*plotW)
	}
	y := func(v float64) float64 { return round1(c.Baseline - v/peak*plotH) }
	for k, s := range series {
		pts := make([]string, 0, len(s.Values))
		for i, v := range s.Values {
			pts = append(pts, fmt.Sprintf("%g,%g", x(i), y(v)))
		}
		legend := float64(lineSide) + float64(k)*plotW/float64(len(series))
		if rtl {
			legend = float64(lineWidth-lineSide) - float64(k)*plotW/float64(len(series))
		}
		c.Lines = append(c.Lines, svgLine{Class: fmt.Sprintf("line s%d", k), Name: s.Name, Points: strings.Join(pts, " "),
			LegendX: round1(legend), LegendY: 14})
		c.Heads = append(c.Heads, s.Name)
	}
	step := max(1, days/6)
	for i := 0; i < days; i += step {
		c.XLabels = append(c.XLabels, svgLabel{X: x(i), Y: lineHeight - 6, Text: dayLabel(i)})
	}
	// Value labels are centred in the side margin, clear of the lines' first point.
	yx := float64(lineSide) / 2
	if rtl {
		yx = float64(lineWidth) - yx
	}
	for _, f := range []float64{0, 0.5, 1} {
		c.YLabels = append(c.YLabels, svgLabel{X: yx, Y: y(f*peak) + 4, Text: decimal(l, f*peak)})
	}
	for i := range days {
		row := []string{dayLabel(i)}
		for _, s := range series {
			row = append(row, decimal(l, s.Values[i]))
		}
		c.Rows = append(c.Rows, row)
	}
	return c
}

// niceCeil rounds a chart's top value up to 1, 2 or 5 times a power of ten (1 at least).
func niceCeil(v float64) float64 {
	if v <= 1 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 2, 5, 10} {
		if v <= m*p {
			return m * p
		}
	}
	return 10 * p
}

// decimal is v with one decimal in the page's digits.
func decimal(l Localizer, v float64) string { return i18n.Digits(l.Lang, fmt.Sprintf("%.1f", v)) }
