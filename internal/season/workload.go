package season

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"time"

	"memora/internal/problem"
	"memora/internal/scheduling"
	"memora/internal/srs"
	"memora/internal/srs/simulate"
	"memora/internal/store"
)

// Bounds of the workload forecast: a large season is sampled, so one forecast stays within
// a few seconds of CPU.
const (
	ForecastDefaultDays = 30
	forecastMaxDays     = 90
	forecastStudents    = 200     // students sampled
	forecastItems       = 150_000 // live items read for them, at most
	forecastDurations   = 5000    // latest review answers read for the review times
	// Fewer review answers with a time than these and the shipped log's medians are used.
	forecastMinPasses   = 100
	forecastMinFailures = 20
	forecastTimeout     = 30 * time.Second
	// The pace of new items is measured over the last 28 learner days and today; a student
	// whose first item is fewer than 7 days old has no history of their own.
	forecastPaceDays    = 28
	forecastPaceHistory = 7
)

// WorkloadForecast is the expected daily review minutes per student of a season over the
// next Days days, at the season's desired retention and at ±0.05 (docs/srs.md §11).
type WorkloadForecast struct {
	Season string `json:"season"`
	// Institution is the institution whose students were sampled; empty: every institution.
	Institution string `json:"institution"`
	From        string `json:"from"` // the first day, YYYY-MM-DD in the institution's zone
	Days        int    `json:"days"`
	// Students is how many students the forecast simulated (a sample of at most 200 of the
	// season's students with a reviewed item); Items their live reviewed items.
	Students int `json:"students"`
	Items    int `json:"items"`
	// Durations says where the review times come from: "season" (the students' latest
	// review answers) or "shipped" (the medians of the shipped review log, when the season
	// has too few).
	Durations string `json:"durations"`
	// Weights says which FSRS weights played the students' memory and the scheduler:
	// "fitted" (the institution's fitted set, docs/srs.md §12) or "season" (the season's own,
	// the FSRS-6 defaults unless set).
	Weights string `json:"weights"`
	// NewItemsPerDay is the mean assumed pace of new items per student per learner day (days
	// off included): items first met in the last 28 days over those days, the sample's
	// median for a student with less than a week of history. NewItems is the mean number of
	// new items a student meets over the Days, capped by the items of the season they have
	// not met yet (docs/srs.md §11).
	NewItemsPerDay   float64         `json:"new_items_per_day"`
	NewItems         float64         `json:"new_items"`
	DesiredRetention float64         `json:"desired_retention"`
	Levels           []WorkloadLevel `json:"levels"`
}

// WorkloadLevel is the forecast at one desired retention.
type WorkloadLevel struct {
	DesiredRetention float64 `json:"desired_retention"`
	Current          bool    `json:"current"` // the season's own desired retention
	// MinutesPerDay is the mean of DailyMinutes; P95DayMinutes the 95th percentile of a
	// student's minutes on a day they study.
	MinutesPerDay float64   `json:"minutes_per_day"`
	P95DayMinutes float64   `json:"p95_day_minutes"`
	ReviewsPerDay float64   `json:"reviews_per_day"`
	DailyMinutes  []float64 `json:"daily_minutes"` // mean review minutes per student, day by day
}

// ForecastParams asks for a season's workload forecast: InstitutionID empty means every
// institution (System Manager), Days 0 the default 30.
type ForecastParams struct {
	SeasonID      string
	InstitutionID string
	Days          int
}

// Forecast simulates the next days of the season's students from their live memory states
// with the season's scheduler (simulate.ForecastFrom): the same engine as `memora srs
// forecast`. Days follow the institution's learner days (04:00 rollover, its time zone).
func (s *Service) Forecast(ctx context.Context, p ForecastParams) (WorkloadForecast, error) {
	if p.Days == 0 {
		p.Days = ForecastDefaultDays
	}
	if p.Days < 1 || p.Days > forecastMaxDays {
		return WorkloadForecast{}, problem.InvalidMsg("days must be between 1 and 90.")
	}
	se, err := s.get(ctx, p.SeasonID)
	if err != nil {
		return WorkloadForecast{}, err
	}
	loc := time.UTC
	if p.InstitutionID != "" {
		inst, err := s.Store.InstitutionGet(ctx, p.InstitutionID)
		if errors.Is(err, store.ErrNotFound) {
			return WorkloadForecast{}, problem.Newf(problem.NotFound, "Institution {institution} not found.", "institution", p.InstitutionID)
		}
		if err != nil {
			return WorkloadForecast{}, fmt.Errorf("forecast: %w", err)
		}
		if l, err := time.LoadLocation(inst.TimeZone); err == nil {
			loc = l
		}
	}
	settings := scheduling.Settings(se)
	weights := "season"
	if p.InstitutionID != "" {
		fitted, err := scheduling.FittedWeights(ctx, s.Store, p.InstitutionID, 0, se)
		if err != nil {
			return WorkloadForecast{}, fmt.Errorf("forecast: %w", err)
		}
		if fitted != nil {
			settings.Weights, weights = fitted, "fitted"
		}
	}
	clock := srs.Clock{Location: loc, RolloverHour: srs.DefaultRolloverHour}
	today := clock.Day(s.Clock.Now())
	out := WorkloadForecast{Season: se.ID, Institution: p.InstitutionID, Days: p.Days,
		From: clock.DayStart(today).Format(time.DateOnly), DesiredRetention: settings.DesiredRetention,
		Durations: "shipped", Weights: weights, Levels: []WorkloadLevel{}}

	ids, err := s.Store.ForecastStudents(ctx, se.ID, p.InstitutionID, forecastStudents)
	if err != nil {
		return WorkloadForecast{}, fmt.Errorf("forecast: %w", err)
	}
	users, students, err := s.forecastStates(ctx, se.ID, ids, clock, today)
	if err != nil {
		return WorkloadForecast{}, err
	}
	if len(students) == 0 {
		return out, nil
	}
	for _, items := range students {
		out.Items += len(items)
	}
	out.Students = len(students)
	arrivals, err := s.forecastArrivals(ctx, se.ID, ids, users, clock, today)
	if err != nil {
		return WorkloadForecast{}, err
	}
	for _, a := range arrivals {
		out.NewItemsPerDay += a.PerDay / float64(len(arrivals))
		out.NewItems += float64(a.Count(p.Days)) / float64(len(arrivals))
	}
	out.NewItemsPerDay, out.NewItems = round2(out.NewItemsPerDay), round2(out.NewItems)
	rows, err := s.Store.ForecastDurations(ctx, se.ID, ids, forecastDurations)
	if err != nil {
		return WorkloadForecast{}, fmt.Errorf("forecast: %w", err)
	}
	durations := simulate.ShippedDurations()
	if d := forecastDurationsOf(rows); len(d.Pass) >= forecastMinPasses && len(d.Fail) >= forecastMinFailures {
		durations, out.Durations = d, "season"
	}
	cfg := simulate.DefaultConfig(durations)
	cfg.Days, cfg.Workers = p.Days, 1
	ctx, cancel := context.WithTimeout(ctx, forecastTimeout)
	defer cancel()
	loads, err := simulate.ForecastFromArrivals(ctx, cfg, settings.Weights, settings.DesiredRetention, students, arrivals)
	if err != nil {
		return WorkloadForecast{}, fmt.Errorf("forecast: %w", err)
	}
	for _, l := range loads {
		daily := make([]float64, len(l.Daily))
		for i, m := range l.Daily {
			daily[i] = round2(m)
		}
		out.Levels = append(out.Levels, WorkloadLevel{DesiredRetention: l.DR, Current: math.Abs(l.DR-settings.DesiredRetention) < 1e-9,
			MinutesPerDay: round2(l.MinutesPerDay), P95DayMinutes: round2(l.P95DayMinutes), ReviewsPerDay: round2(l.ReviewsPerDay),
			DailyMinutes: daily})
	}
	return out, nil
}

// forecastStates reads the students' live reviewed items as the simulator's start: days
// counted from today. A student cut by the item limit is left out whole, and items without
// a usable FSRS memory (a classic season's) are skipped. It returns the students kept and
// their items.
func (s *Service) forecastStates(ctx context.Context, seasonID string, ids []int64, clock srs.Clock, today int) ([]int64, [][]simulate.StartItem, error) {
	if len(ids) == 0 {
		return nil, nil, nil
	}
	rows, err := s.Store.ForecastMemory(ctx, seasonID, ids, forecastItems+1)
	if err != nil {
		return nil, nil, fmt.Errorf("forecast: %w", err)
	}
	truncated := len(rows) > forecastItems
	var (
		users []int64
		out   [][]simulate.StartItem
	)
	for i := 0; i < len(rows); {
		j := i
		for j < len(rows) && rows[j].UserID == rows[i].UserID {
			j++
		}
		if truncated && j == len(rows) {
			break
		}
		var items []simulate.StartItem
		for _, r := range rows[i:j] {
			if !(r.Stability >= srs.StabilityMin && r.Stability <= srs.StabilityMax) || !(r.Difficulty >= 1 && r.Difficulty <= 10) {
				continue
			}
			items = append(items, simulate.StartItem{Stability: r.Stability, Difficulty: r.Difficulty,
				Relearning: srs.State(r.State) == srs.Relearning,
				Last:       min(clock.Day(r.LastReview)-today, 0), Due: clock.Day(r.Due) - today})
		}
		if len(items) > 0 {
			users, out = append(users, rows[i].UserID), append(out, items)
		}
		i = j
	}
	return users, out, nil
}

// forecastArrivals estimates the new items each of users will still meet: their pace is
// the items they first met over the last 28 learner days and today (over fewer days when
// their first item is more recent), the median of the others' with a week of history when
// theirs is shorter; at most the items the sample (ids) has met in the season that they
// have not. The season's plan is not read: an item no sampled student has met yet is not
// counted.
func (s *Service) forecastArrivals(ctx context.Context, seasonID string, ids, users []int64, clock srs.Clock, today int) ([]simulate.Arrivals, error) {
	seasonItems, err := s.Store.ForecastSeasonItems(ctx, seasonID, ids)
	if err != nil {
		return nil, fmt.Errorf("forecast: %w", err)
	}
	from := today - forecastPaceDays
	rows, err := s.Store.ForecastPace(ctx, seasonID, users, clock.DayStart(from))
	if err != nil {
		return nil, fmt.Errorf("forecast: %w", err)
	}
	type pace struct {
		perDay  float64
		history bool
		items   int
	}
	byUser := make(map[int64]pace, len(rows))
	var known []float64
	for _, r := range rows {
		first := max(clock.Day(r.FirstCreated), from)
		p := pace{perDay: float64(r.Recent) / float64(today-first+1), history: today-first >= forecastPaceHistory, items: r.Items}
		if p.history {
			known = append(known, p.perDay)
		}
		byUser[r.UserID] = p
	}
	median := -1.0
	if n := len(known); n > 0 {
		slices.Sort(known)
		median = (known[(n-1)/2] + known[n/2]) / 2
	}
	out := make([]simulate.Arrivals, len(users))
	for i, u := range users {
		p := byUser[u]
		if !p.history && median >= 0 {
			p.perDay = median
		}
		out[i] = simulate.Arrivals{PerDay: p.perDay, Max: max(seasonItems-p.items, 0)}
	}
	return out, nil
}

func forecastDurationsOf(rows []store.ForecastDuration) simulate.Durations {
	var d simulate.Durations
	for _, r := range rows {
		if r.Rating == int(srs.Again) {
			d.Fail = append(d.Fail, r.DurationMs)
		} else {
			d.Pass = append(d.Pass, r.DurationMs)
		}
	}
	slices.Sort(d.Pass)
	slices.Sort(d.Fail)
	return d
}

func round2(v float64) float64 { return math.Round(v*100) / 100 }
