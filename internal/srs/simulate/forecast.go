package simulate

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"time"

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
	// Daily is the mean review minutes per student on each day.
	Daily []float64
}

// Forecast is the workload forecast for admins: the
// simulator's engine with the season's own weights as both the memory model
// and the scheduler's, at the desired retention dr and at dr ± 0.05 (inside
// the product's 0.70–0.97), so an institution sees what a change of
// retention costs per student per day before making it. cfg gives the
// students, items, days, caps and attendance; weights nil means the FSRS-6
// defaults. Items differ by cfg.ItemSpread as in the FSRS ground truth.
func Forecast(ctx context.Context, cfg Config, weights []float64, dr float64) ([]Load, error) {
	return forecast(ctx, cfg, weights, dr)
}

// StartItem is one reviewed item of a student when a forecast from live
// memory states begins. Days count from the forecast's first day (0): Last
// (≤ 0) is the day of the last review and Due the day the item is due
// (negative when overdue).
type StartItem struct {
	Stability, Difficulty float64
	Relearning            bool // failed at its last review
	Last, Due             int
}

// ForecastFrom is Forecast from a season's live memory states: each element of
// students is one (sampled) student's reviewed items, which the season's
// weights take as both the truth's memory and the scheduler's, over cfg.Days
// days with cfg's attendance and review times. No new items are learned, so
// it forecasts the reviews of what is already learned. cfg.Students and
// cfg.Items are taken from students.
func ForecastFrom(ctx context.Context, cfg Config, weights []float64, dr float64, students [][]StartItem) ([]Load, error) {
	return ForecastFromArrivals(ctx, cfg, weights, dr, students, nil)
}

// Arrivals are the new items a student will still meet in a forecast from
// live states: PerDay a day on average (calendar days, days off included),
// at most Max in all.
type Arrivals struct {
	PerDay float64
	Max    int
}

// ForecastFromArrivals is ForecastFrom with new items arriving: arrivals[s]
// (nil: none for anyone) are student s's. Each calendar day adds PerDay to the
// student's backlog of lessons; on a study day the whole part of the backlog
// is learned after the reviews (a student catches up after days off), until
// Max items are learned. Lessons take no review minutes, but their first
// reviews and the later ones count.
func ForecastFromArrivals(ctx context.Context, cfg Config, weights []float64, dr float64, students [][]StartItem, arrivals []Arrivals) ([]Load, error) {
	if len(students) == 0 {
		return nil, errors.New("simulate: forecast: no students")
	}
	if arrivals != nil && len(arrivals) != len(students) {
		return nil, fmt.Errorf("simulate: forecast: %d arrivals for %d students", len(arrivals), len(students))
	}
	cfg.Students, cfg.Items, cfg.start, cfg.arrivals = len(students), 1, students, arrivals
	for s, items := range students {
		n := len(items)
		if arrivals != nil {
			n += arrivals[s].Count(cfg.Days)
		}
		cfg.Items = max(cfg.Items, n)
	}
	return forecast(ctx, cfg, weights, dr)
}

// Count is how many items can arrive in days days: at most Max.
func (a Arrivals) Count(days int) int {
	if !(a.PerDay > 0) || a.Max <= 0 {
		return 0
	}
	return min(a.Max, int(math.Ceil(a.PerDay*float64(days))))
}

// startFrom loads a student's live items into the truth and the scheduler
// (FSRS, as in forecasts) and the run's due days; it returns how many.
func startFrom(items []StartItem, w world, sched scheduler, tr truth, due, last, count []int) int {
	ft, _ := tr.(*fsrsTruth)
	fs, _ := sched.(*fsrsSched)
	for i, it := range items {
		m := srs.Memory{Stability: it.Stability, Difficulty: it.Difficulty}
		due[i], last[i], count[i] = it.Due, it.Last, 1
		if ft != nil {
			ft.mem[i], ft.last[i] = m, it.Last
		}
		if fs == nil {
			continue
		}
		state := srs.Review
		if it.Relearning {
			state = srs.Relearning
		}
		fs.cards[i] = srs.Card{Memory: m, State: state, Reps: 1,
			LastReview: w.clock.DayStart(w.base + it.Last).Add(12 * time.Hour), Due: w.clock.DayStart(w.base + it.Due)}
		fs.due[i] = it.Due
		if it.Due >= 0 && it.Due < len(fs.load) {
			fs.load[it.Due]++
		}
	}
	return len(items)
}

func forecast(ctx context.Context, cfg Config, weights []float64, dr float64) ([]Load, error) {
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
		daily := make([]float64, cfg.Days)
		for _, r := range res {
			for day, m := range r.daily {
				daily[day] += m / float64(len(res))
			}
		}
		out = append(out, Load{DR: d, MinutesPerDay: row.Minutes / float64(cfg.Days), P95DayMinutes: row.P95DayMinutes,
			ReviewsPerDay: row.Reviews / float64(cfg.Days), RecallAtReview: row.RecallAtReview, Remembered: row.Remembered,
			Daily: daily})
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

// Median review times of the shipped review log (testdata/fsrs/review-log-josh.csv).
const (
	shippedPassMs = 10631
	shippedFailMs = 13285
)

// ShippedDurations are the median review times of the shipped review log,
// 10.6 s for a pass and 13.3 s for a failure: the review times of a forecast
// for a season whose own log is too short.
func ShippedDurations() Durations {
	return Durations{Pass: []int{shippedPassMs}, Fail: []int{shippedFailMs}}
}
