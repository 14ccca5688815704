package simulate

import (
	"context"
	"fmt"
	"io"
	"math"
	"strings"

	"memora/internal/srs"
)

// Load is the expected review workload of a season at one desired retention.
type Load struct {
	DR             float64
	MinutesPerDay  float64 // mean review minutes per calendar day
	P95DayMinutes  float64 // on attended days
	ReviewsPerDay  float64
	RecallAtReview float64
	Remembered     float64 // Σ R_true on the last day
}

// Forecast is the workload forecast for admins (issue 16, item 5): the
// simulator's engine with the season's own weights as both the memory model
// and the scheduler's, at the desired retention dr and at dr ± 0.05 (inside
// the product's 0.70–0.97), so an institution sees what a change of
// retention costs per student per day before making it. cfg gives the
// students, items, days, caps and attendance; weights nil means the FSRS-6
// defaults. Items differ by cfg.ItemSpread as in the FSRS ground truth.
func Forecast(ctx context.Context, cfg Config, weights []float64, dr float64) ([]Load, error) {
	if weights == nil {
		weights = srs.DefaultWeights()
	}
	w, err := srs.MigrateWeights(weights)
	if err != nil {
		return nil, fmt.Errorf("simulate: forecast: %w", err)
	}
	cfg.truthWeights, cfg.schedulerWeights = w, w
	cfg.Truths = []Truth{TruthFSRS}
	var drs []float64
	for _, d := range []float64{dr - 0.05, dr, dr + 0.05} {
		d = math.Round(d*100) / 100
		if d >= srs.MinDesiredRetention && d <= srs.MaxDesiredRetention {
			drs = append(drs, d)
		}
	}
	cfg.Retentions = drs
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if len(drs) == 0 || !(dr >= srs.MinDesiredRetention && dr <= srs.MaxDesiredRetention) {
		return nil, fmt.Errorf("simulate: forecast: desired retention %v out of [%v, %v]", dr, srs.MinDesiredRetention, srs.MaxDesiredRetention)
	}
	var out []Load
	for _, d := range drs {
		p := Policy{Kind: FSRSDefaults, DR: d}
		res, err := runAll(ctx, cfg, TruthFSRS, p)
		if err != nil {
			return nil, err
		}
		row := aggregate(TruthFSRS, p, res)
		out = append(out, Load{DR: d, MinutesPerDay: row.Minutes / float64(cfg.Days), P95DayMinutes: row.P95DayMinutes,
			ReviewsPerDay: row.Reviews / float64(cfg.Days), RecallAtReview: row.RecallAtReview, Remembered: row.Remembered})
	}
	return out, nil
}

// WriteForecast prints a forecast as a Markdown table.
func WriteForecast(w io.Writer, cfg Config, loads []Load) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%d students × %d items × %d days, %d new items a day, %.0f %% of days skipped; per student\n\n",
		cfg.Students, cfg.Items, cfg.Days, cfg.NewPerDay, 100*cfg.SkipProb)
	b.WriteString("| Desired retention | Review minutes per day | p95 minutes on a study day | Reviews per day | R at review | Remembered at the end |\n|---|---|---|---|---|---|\n")
	for _, l := range loads {
		fmt.Fprintf(&b, "| %.2f | %.1f | %.1f | %.1f | %.3f | %.1f |\n", l.DR, l.MinutesPerDay, l.P95DayMinutes, l.ReviewsPerDay, l.RecallAtReview, l.Remembered)
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("simulate: write forecast: %w", err)
	}
	return nil
}
