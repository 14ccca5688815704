package simulate

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
)

// Matched is a baseline against an FSRS policy family at the baseline's
// knowledge: the FSRS minutes needed to remember as many items, read off the
// family's retention sweep by linear interpolation. OK is false when the
// baseline remembers more (or less) than any retention in the sweep reaches.
type Matched struct {
	Truth       Truth
	Baseline    string
	Family      string
	Remembered  float64
	BaseMinutes float64
	FSRSMinutes float64
	Saving      float64 // 1 − FSRSMinutes/BaseMinutes
	OK          bool
}

// Metric reads the knowledge a comparison is matched on.
type Metric func(Row) float64

// AtEnd is the items remembered on the last day; OverSeason the season's
// average knowledge.
var (
	AtEnd      Metric = func(r Row) float64 { return r.Remembered }
	OverSeason Metric = func(r Row) float64 { return r.Knowledge }
)

// MatchKnowledge compares Classic and SM-2 with FSRS defaults and FSRS
// optimized at equal knowledge by metric, per ground truth.
func MatchKnowledge(rows []Row, metric Metric) []Matched {
	var out []Matched
	for _, tr := range truthsOf(rows) {
		for _, base := range []Kind{Classic, SM2} {
			b, ok := find(rows, tr, base)
			if !ok {
				continue
			}
			for _, fam := range []Kind{FSRSDefaults, FSRSOptimized} {
				curve := sweep(rows, tr, fam, metric)
				m := Matched{Truth: tr, Baseline: b.Policy.Name(), Family: Policy{Kind: fam}.Name(),
					Remembered: metric(b), BaseMinutes: b.Minutes}
				m.FSRSMinutes, m.OK = interpolate(curve, metric, metric(b))
				if m.OK {
					m.Saving = 1 - m.FSRSMinutes/b.Minutes
				}
				out = append(out, m)
			}
		}
	}
	return out
}

func truthsOf(rows []Row) []Truth {
	var ts []Truth
	for _, r := range rows {
		if !slices.Contains(ts, r.Truth) {
			ts = append(ts, r.Truth)
		}
	}
	return ts
}

func find(rows []Row, tr Truth, k Kind) (Row, bool) {
	for _, r := range rows {
		if r.Truth == tr && r.Policy.Kind == k {
			return r, true
		}
	}
	return Row{}, false
}

// sweep is a family's rows under a truth, by knowledge.
func sweep(rows []Row, tr Truth, k Kind, metric Metric) []Row {
	var out []Row
	for _, r := range rows {
		if r.Truth == tr && r.Policy.Kind == k {
			out = append(out, r)
		}
	}
	slices.SortFunc(out, func(a, b Row) int { return cmpFloat(metric(a), metric(b)) })
	return out
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func interpolate(curve []Row, metric Metric, k float64) (float64, bool) {
	for i := 1; i < len(curve); i++ {
		a, b := curve[i-1], curve[i]
		ka, kb := metric(a), metric(b)
		if k >= ka && k <= kb && kb > ka {
			f := (k - ka) / (kb - ka)
			return a.Minutes + f*(b.Minutes-a.Minutes), true
		}
	}
	return 0, false
}

// WriteTables prints the results and the matched-knowledge comparison as
// Markdown.
func WriteTables(w io.Writer, cfg Config, rows []Row) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%d students × %d items × %d days, %d new items a day, at most %d sessions of %d reviews a day, "+
		"%.0f %% of days skipped, breaks of 7–14 days (p = %.3f a day), seed %d; means per student\n\n",
		cfg.Students, cfg.Items, cfg.Days, cfg.NewPerDay, cfg.MaxSessions, cfg.SessionSize,
		100*cfg.SkipProb, cfg.BreakProb, cfg.Seed)
	b.WriteString("| Ground truth | Scheduler | DR | Reviews | Review minutes | p95 min/day | Remembered (Σ R at end) | Retention at end | Knowledge (season mean Σ R) | Minutes per item remembered | R at review (on time, ≥ 2 d) |\n")
	b.WriteString("|---|---|---|---|---|---|---|---|---|---|---|\n")
	for _, r := range rows {
		dr := "–"
		if r.Policy.DR > 0 {
			dr = fmt.Sprintf("%.2f", r.Policy.DR)
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %.0f | %.0f | %.1f | %.1f | %.3f | %.1f | %.3f | %.3f (%.3f) |\n",
			r.Truth, r.Policy.Name(), dr, r.Reviews, r.Minutes, r.P95DayMinutes, r.Remembered, r.Retention,
			r.Knowledge, r.MinutesPerRemembered, r.RecallAtReview, r.RecallOnTime)
	}
	for _, mk := range []struct {
		name   string
		metric Metric
	}{{"items remembered at the end", AtEnd}, {"season-average knowledge", OverSeason}} {
		fmt.Fprintf(&b, "\nAt matched knowledge — %s (FSRS minutes interpolated over the retention sweep at the baseline's knowledge):\n\n", mk.name)
		b.WriteString("| Ground truth | Baseline | Its minutes | Its knowledge | FSRS family | FSRS minutes | Saving |\n|---|---|---|---|---|---|---|\n")
		for _, m := range MatchKnowledge(rows, mk.metric) {
			if m.OK {
				fmt.Fprintf(&b, "| %s | %s | %.0f | %.1f | %s | %.0f | %.1f %% |\n",
					m.Truth, m.Baseline, m.BaseMinutes, m.Remembered, m.Family, m.FSRSMinutes, 100*m.Saving)
			} else {
				fmt.Fprintf(&b, "| %s | %s | %.0f | %.1f | %s | out of the sweep's range | – |\n",
					m.Truth, m.Baseline, m.BaseMinutes, m.Remembered, m.Family)
			}
		}
	}
	if cfg.ExamDay > 0 {
		fmt.Fprintf(&b, "\nExam on day %d, exam-day target %.2f (mean R_true of all introduced items when the exam day starts):\n\n", cfg.ExamDay, cfg.ExamTarget)
		b.WriteString("| Ground truth | Scheduler | DR | Review minutes before the exam | Recall on the exam day |\n|---|---|---|---|---|\n")
		for _, r := range rows {
			if r.Policy.Kind == FSRSDefaults || r.Policy.Kind == FSRSExam {
				fmt.Fprintf(&b, "| %s | %s | %.2f | %.0f | %.3f |\n", r.Truth, r.Policy.Name(), r.Policy.DR, r.MinutesToExam, r.ExamRetention)
			}
		}
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("simulate: write tables: %w", err)
	}
	return nil
}

// WriteSVG draws, per ground truth, review minutes against items remembered:
// the FSRS families as lines over the retention sweep, the baselines as
// points. Lower and further right is better.
func WriteSVG(w io.Writer, rows []Row) error {
	truths := truthsOf(rows)
	const pw, ph, ml, mr, mt, mb = 420.0, 300.0, 60.0, 20.0, 40.0, 50.0
	width := float64(len(truths))*(pw+ml+mr) + 10
	height := ph + mt + mb + 60
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%.0f" height="%.0f" font-family="sans-serif" font-size="12">`+"\n", width, height)
	fmt.Fprintf(&b, `<rect width="100%%" height="100%%" fill="white"/>`+"\n")
	colors := map[Kind]string{Classic: "#d62728", SM2: "#ff7f0e", FSRSDefaults: "#1f77b4", FSRSOptimized: "#2ca02c", FSRSOracle: "#7f7f7f"}
	for i, tr := range truths {
		x0 := float64(i)*(pw+ml+mr) + ml
		var sel []Row
		for _, r := range rows {
			if r.Truth == tr {
				sel = append(sel, r)
			}
		}
		minX, maxX, maxY := math.Inf(1), math.Inf(-1), 0.0
		for _, r := range sel {
			minX, maxX, maxY = math.Min(minX, r.Remembered), math.Max(maxX, r.Remembered), math.Max(maxY, r.Minutes)
		}
		padX := math.Max((maxX-minX)*0.05, 1)
		minX, maxX, maxY = minX-padX, maxX+padX, maxY*1.08
		px := func(v float64) float64 { return x0 + (v-minX)/(maxX-minX)*pw }
		py := func(v float64) float64 { return mt + ph - v/maxY*ph }
		fmt.Fprintf(&b, `<text x="%.0f" y="20" font-weight="bold">Ground truth: %s</text>`+"\n", x0, tr)
		fmt.Fprintf(&b, `<rect x="%.0f" y="%.0f" width="%.0f" height="%.0f" fill="none" stroke="#999"/>`+"\n", x0, mt, pw, ph)
		for k := 0; k <= 4; k++ {
			vx := minX + float64(k)/4*(maxX-minX)
			vy := float64(k) / 4 * maxY
			fmt.Fprintf(&b, `<text x="%.1f" y="%.0f" text-anchor="middle">%.0f</text>`+"\n", px(vx), mt+ph+16, vx)
			fmt.Fprintf(&b, `<text x="%.0f" y="%.1f" text-anchor="end">%.0f</text>`+"\n", x0-4, py(vy)+4, vy)
		}
		fmt.Fprintf(&b, `<text x="%.0f" y="%.0f" text-anchor="middle">items remembered at the end (Σ R, per student)</text>`+"\n", x0+pw/2, mt+ph+34)
		fmt.Fprintf(&b, `<text x="%.0f" y="%.0f" text-anchor="middle" transform="rotate(-90 %.0f %.0f)">review minutes per student</text>`+"\n",
			x0-44, mt+ph/2, x0-44, mt+ph/2)
		for _, k := range []Kind{FSRSDefaults, FSRSOptimized, FSRSOracle} {
			curve := sweep(rows, tr, k, AtEnd)
			if len(curve) == 0 {
				continue
			}
			var pts []string
			for _, r := range curve {
				pts = append(pts, fmt.Sprintf("%.1f,%.1f", px(r.Remembered), py(r.Minutes)))
			}
			fmt.Fprintf(&b, `<polyline points="%s" fill="none" stroke="%s" stroke-width="2"/>`+"\n", strings.Join(pts, " "), colors[k])
			for _, r := range curve {
				fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="3" fill="%s"/><text x="%.1f" y="%.1f" font-size="10" fill="%s">%.2f</text>`+"\n",
					px(r.Remembered), py(r.Minutes), colors[k], px(r.Remembered)+4, py(r.Minutes)-4, colors[k], r.Policy.DR)
			}
		}
		for _, k := range []Kind{Classic, SM2} {
			if r, ok := find(rows, tr, k); ok {
				fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="8" height="8" fill="%s"/>`+"\n", px(r.Remembered)-4, py(r.Minutes)-4, colors[k])
			}
		}
	}
	ly := ph + mt + mb + 20
	lx := ml
	for _, k := range []Kind{Classic, SM2, FSRSDefaults, FSRSOptimized, FSRSOracle} {
		name := Policy{Kind: k}.Name()
		fmt.Fprintf(&b, `<rect x="%.0f" y="%.0f" width="12" height="12" fill="%s"/><text x="%.0f" y="%.0f">%s</text>`+"\n",
			lx, ly, colors[k], lx+16, ly+11, name)
		lx += 40 + 7*float64(len(name))
	}
	fmt.Fprintf(&b, `<text x="%.0f" y="%.0f" font-size="11" fill="#555">Lines: FSRS-6 at desired retention 0.80–0.95 (labels). Squares: the original's rules and SM-2. Lower and further right is better.</text>`+"\n", ml, ly+34)
	b.WriteString("</svg>\n")
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("simulate: write svg: %w", err)
	}
	return nil
}
