package srseval

import (
	"math"
	"os"
	"strings"
	"testing"
)

const joshLog = "../../../testdata/fsrs/review-log-josh.csv"

func evaluateJosh(t *testing.T) Report {
	t.Helper()
	f, err := os.Open(joshLog)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rep, err := Evaluate(f, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func TestEvaluateJoshAnchors(t *testing.T) {
	rep := evaluateJosh(t)
	var table strings.Builder
	if err := rep.WriteTable(&table); err != nil {
		t.Fatal(err)
	}
	t.Logf("\n%s", table.String())

	if rep.Reviews != 12580 || rep.Cards != 1205 {
		t.Errorf("read %d reviews of %d cards, want 12580 of 1205", rep.Reviews, rep.Cards)
	}
	if rep.CrossDay != 6276 || rep.Scored != 5230 {
		t.Errorf("cross-day %d, scored %d; srs.md §6 has 6276 and 5230", rep.CrossDay, rep.Scored)
	}
	// srs.md §6–7 anchors, then our own measurements pinned as regressions.
	anchors := []struct {
		name, metric string
		want, tol    float64
	}{
		{"FSRS-6 defaults", "log loss", 0.442, 0.005},
		{"FSRS-6 defaults", "RMSE(bins)", 0.062, 0.005},
		{"FSRS-6 defaults", "AUC", 0.68, 0.01},
		{"AVG", "log loss", 0.512, 0.005},
		{"AVG", "RMSE(bins)", 0.124, 0.005},
		{"SM-2", "log loss", 0.608, 0.005},
		{"SM-2", "RMSE(bins)", 0.139, 0.005},
		{"SM-2 (cross-day history)", "log loss", 0.512, 0.005},
		{"Classic (rule B)", "log loss", 0.705, 0.005},
		// The optimizer, fitted per fold on past reviews only (and, as a bound
		// that sees the future, on the whole log).
		{OptimizedName, "log loss", 0.4376, 0.001},
		{WholeLogName, "log loss", 0.4342, 0.001},
	}
	opt, _ := rep.Row(OptimizedName)
	def, _ := rep.Row("FSRS-6 defaults")
	for k := range opt.FoldLogLoss {
		if opt.FoldLogLoss[k] >= def.FoldLogLoss[k] {
			t.Errorf("fold %d: optimized %.4f, defaults %.4f", k+1, opt.FoldLogLoss[k], def.FoldLogLoss[k])
		}
	}
	for _, a := range anchors {
		row, ok := rep.Row(a.name)
		if !ok {
			t.Fatalf("no row %q", a.name)
		}
		got := map[string]float64{"log loss": row.LogLoss, "RMSE(bins)": row.RMSEBins, "AUC": row.AUC}[a.metric]
		if math.Abs(got-a.want) > a.tol {
			t.Errorf("%s %s %.4f, want %.3f ± %.3f", a.name, a.metric, got, a.want, a.tol)
		}
	}
}
