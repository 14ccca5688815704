package web

import "math"

// Charts are drawn on the server as inline SVG: geometry in SVG attributes (the CSP forbids style
// attributes), colours from CSS classes, and a text alternative (a <title>, a <desc> summing the
// chart up and a visually hidden table of every number). In a right-to-left page the bars run
// right to left: the first point is drawn on the right.

// chartPoint is one bar of a bar chart.
type chartPoint struct {
	Label string // under the bar: "Mon", "٦"
	Name  string // its row in the table: "Monday 6 Dec"
	Value int64
	Today bool
}

// barChart is a bar chart ready for the "barchart" template.
type barChart struct {
	ID            string // prefix of the element ids
	Title, Desc   string
	LabelHead     string // the table's first column header ("Day")
	ValueHead     string // its second ("XP")
	Width, Height int
	Baseline      float64
	Bars          []svgBar
}

// svgBar is a bar with its geometry.
type svgBar struct {
	chartPoint
	X, Y, W, H float64 // the rectangle
	CX         float64 // the centre of its slot, where its labels go
	ValueY     float64 // the value's baseline
	LabelY     float64 // the axis label's baseline
	ValueText  string  // the value in the page's digits
	Class      string
}

// Bar chart geometry, in SVG user units (the SVG scales to its box).
const (
	chartWidth  = 336
	chartHeight = 168
	chartTop    = 20 // room for the value above the tallest bar
	chartBottom = 24 // room for the axis labels
	barStub     = 2  // a zero is drawn as a thin stub so its day still shows
)

// buildBars lays out points (oldest first) as a bar chart; rtl puts the first on the right.
func buildBars(l Localizer, id string, points []chartPoint, rtl bool) barChart {
	c := barChart{ID: id, Width: chartWidth, Height: chartHeight, Baseline: chartHeight - chartBottom}
	n := len(points)
	if n == 0 {
		return c
	}
	var peak int64
	for _, p := range points {
		peak = max(peak, p.Value)
	}
	plot := float64(chartHeight - chartTop - chartBottom)
	slot := float64(chartWidth) / float64(n)
	w := math.Min(slot*0.62, 36)
	for i, p := range points {
		pos := i
		if rtl {
			pos = n - 1 - i
		}
		h := float64(barStub)
		if peak > 0 && p.Value > 0 {
			h = math.Max(float64(p.Value)/float64(peak)*plot, 4)
		}
		cx := slot*float64(pos) + slot/2
		b := svgBar{chartPoint: p, X: round1(cx - w/2), W: round1(w), H: round1(h), Y: round1(c.Baseline - h),
			CX: round1(cx), ValueY: round1(c.Baseline - h - 5), LabelY: chartHeight - 6, Class: "bar"}
		if p.Value > 0 {
			b.ValueText = l.Num(p.Value)
		} else {
			b.Class += " zero"
		}
		if p.Today {
			b.Class += " today"
		}
		c.Bars = append(c.Bars, b)
	}
	return c
}

// Peak is the point with the largest value (the first of equals); ok is false when all are zero.
func peakOf(points []chartPoint) (p chartPoint, ok bool) {
	for _, q := range points {
		if q.Value > p.Value {
			p, ok = q, true
		}
	}
	return p, ok
}

// Total sums the values.
func totalOf(points []chartPoint) int64 {
	var t int64
	for _, p := range points {
		t += p.Value
	}
	return t
}

// stackChart is a single stacked bar (the mastery of memory items) for the "stackchart" template.
type stackChart struct {
	ID            string
	Title, Desc   string
	Width, Height int
	Total         int64
	Segs          []stackSeg
}

// stackSeg is one part of a stacked bar.
type stackSeg struct {
	Class, Name string
	Value       int64
	ValueText   string // the count in the page's digits
	Pct         string // its share, "42%" or "٤٢٪"
	X, W        float64
}

// stackPart is a part before layout.
type stackPart struct {
	Class, Name string
	Value       int64
}

// buildStack lays out parts (first first) along one bar; rtl starts it on the right.
func buildStack(l Localizer, id string, parts []stackPart, rtl bool) stackChart {
	c := stackChart{ID: id, Width: chartWidth, Height: 20}
	for _, p := range parts {
		c.Total += p.Value
	}
	var at float64
	for _, p := range parts {
		s := stackSeg{Class: p.Class, Name: p.Name, Value: p.Value, ValueText: l.Num(p.Value), Pct: l.Pct(0)}
		if c.Total > 0 {
			share := float64(p.Value) / float64(c.Total)
			s.Pct = l.Pct(share)
			s.W = round1(share * float64(c.Width))
		}
		s.X = round1(at)
		if rtl {
			s.X = round1(float64(c.Width) - at - s.W)
		}
		at += s.W
		c.Segs = append(c.Segs, s)
	}
	return c
}

func round1(f float64) float64 { return math.Round(f*10) / 10 }
