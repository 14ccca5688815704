package simulate

import (
	"context"
	"slices"
	"testing"
)

func TestShippedDurationsAreTheLogsMedians(t *testing.T) {
	d := joshDurations(t)
	got := ShippedDurations()
	if got.Pass[0] != d.Pass[len(d.Pass)/2] || got.Fail[0] != d.Fail[len(d.Fail)/2] {
		t.Errorf("shipped medians %d/%d ms, the log's are %d/%d", got.Pass[0], got.Fail[0], d.Pass[len(d.Pass)/2], d.Fail[len(d.Fail)/2])
	}
}

// liveStudents are students with n items each, learned over the last 60
// days: stabilities from 1 to 60 days, due from overdue to a month ahead.
func liveStudents(students, n int) [][]StartItem {
	out := make([][]StartItem, students)
	for s := range out {
		for i := range n {
			stab := 1 + float64((i*7+s)%60)
			last := -((i + s) % 60)
			out[s] = append(out[s], StartItem{Stability: stab, Difficulty: 5, Last: last, Due: last + int(stab)})
		}
	}
	return out
}

func TestForecastFromLiveStates(t *testing.T) {
	cfg := DefaultConfig(ShippedDurations())
	cfg.Days = 30
	ctx := context.Background()
	loads, err := ForecastFrom(ctx, cfg, nil, 0.9, liveStudents(8, 300))
	if err != nil {
		t.Fatal(err)
	}
	if len(loads) != 3 || loads[1].DR != 0.9 {
		t.Fatalf("loads %+v, want 0.85, 0.90, 0.95", loads)
	}
	for i, l := range loads {
		if len(l.Daily) != cfg.Days {
			t.Fatalf("%d daily figures, want %d", len(l.Daily), cfg.Days)
		}
		sum := 0.0
		for _, m := range l.Daily {
			sum += m
		}
		if d := sum/float64(cfg.Days) - l.MinutesPerDay; d > 1e-9 || d < -1e-9 {
			t.Errorf("DR %.2f: daily figures average %.3f, minutes per day %.3f", l.DR, sum/float64(cfg.Days), l.MinutesPerDay)
		}
		if l.Daily[0] == 0 {
			t.Errorf("DR %.2f: overdue items give no reviews on the first day", l.DR)
		}
		if i > 0 && !(l.MinutesPerDay > loads[i-1].MinutesPerDay) {
			t.Errorf("DR %.2f costs %.2f min/day, not more than %.2f at %.2f", l.DR, l.MinutesPerDay, loads[i-1].MinutesPerDay, loads[i-1].DR)
		}
	}
	again, err := ForecastFrom(ctx, cfg, nil, 0.9, liveStudents(8, 300))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(again[1].Daily, loads[1].Daily) {
		t.Error("the same states gave another forecast")
	}
	// Items not due before the window ends and strong enough not to need an
	// earlier review cost nothing.
	later := [][]StartItem{{{Stability: 400, Difficulty: 5, Last: -10, Due: 200}}}
	idle, err := ForecastFrom(ctx, cfg, nil, 0.9, later)
	if err != nil {
		t.Fatal(err)
	}
	if idle[1].MinutesPerDay != 0 {
		t.Errorf("an item due in 200 days costs %.2f min/day in the next 30", idle[1].MinutesPerDay)
	}
	if _, err := ForecastFrom(ctx, cfg, nil, 0.9, nil); err == nil {
		t.Error("a forecast without students")
	}
}

// BenchmarkForecastFromFullSample is the product forecast at its bounds: 200 students with
// 750 live items each, 30 days, three retentions, one worker.
func BenchmarkForecastFromFullSample(b *testing.B) {
	cfg := DefaultConfig(ShippedDurations())
	cfg.Days, cfg.Workers = 30, 1
	students := liveStudents(200, 750)
	for b.Loop() {
		if _, err := ForecastFrom(context.Background(), cfg, nil, 0.9, students); err != nil {
			b.Fatal(err)
		}
	}
}

// New items arriving cost more review minutes than the live items alone, the same every
// run, and stop at their cap.
func TestForecastFromArrivals(t *testing.T) {
	cfg := DefaultConfig(ShippedDurations())
	cfg.Days = 30
	ctx := context.Background()
	students := liveStudents(8, 100)
	without, err := ForecastFromArrivals(ctx, cfg, nil, 0.9, students, nil)
	if err != nil {
		t.Fatal(err)
	}
	arrivals := make([]Arrivals, len(students))
	for s := range arrivals {
		arrivals[s] = Arrivals{PerDay: 8.5, Max: 400}
	}
	with, err := ForecastFromArrivals(ctx, cfg, nil, 0.9, students, arrivals)
	if err != nil {
		t.Fatal(err)
	}
	for i := range with {
		if !(with[i].MinutesPerDay > without[i].MinutesPerDay) || !(with[i].ReviewsPerDay > without[i].ReviewsPerDay) {
			t.Errorf("DR %.2f: %.2f min/day with new items, %.2f without", with[i].DR, with[i].MinutesPerDay, without[i].MinutesPerDay)
		}
	}
	again, err := ForecastFromArrivals(ctx, cfg, nil, 0.9, students, arrivals)
	if err != nil {
		t.Fatal(err)
	}
	for i := range with {
		if !slices.Equal(again[i].Daily, with[i].Daily) {
			t.Errorf("DR %.2f: the same arrivals gave another forecast", with[i].DR)
		}
	}
	capped := slices.Clone(arrivals)
	for s := range capped {
		capped[s].Max = 20
	}
	some, err := ForecastFromArrivals(ctx, cfg, nil, 0.9, students, capped)
	if err != nil {
		t.Fatal(err)
	}
	if !(some[1].MinutesPerDay > without[1].MinutesPerDay && some[1].MinutesPerDay < with[1].MinutesPerDay) {
		t.Errorf("20 new items cost %.2f min/day: not between none (%.2f) and 255 (%.2f)", some[1].MinutesPerDay, without[1].MinutesPerDay, with[1].MinutesPerDay)
	}
	empty, err := ForecastFromArrivals(ctx, cfg, nil, 0.9, students, make([]Arrivals, len(students)))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(empty[1].Daily, without[1].Daily) {
		t.Error("zero arrivals are not the forecast without arrivals")
	}
	if _, err := ForecastFromArrivals(ctx, cfg, nil, 0.9, students, arrivals[:1]); err == nil {
		t.Error("arrivals for one student of 8")
	}
}

// BenchmarkForecastFromFullSampleArrivals is the same with 10 new items a day per student
// (300 over the 30 days).
func BenchmarkForecastFromFullSampleArrivals(b *testing.B) {
	cfg := DefaultConfig(ShippedDurations())
	cfg.Days, cfg.Workers = 30, 1
	students := liveStudents(200, 750)
	arrivals := make([]Arrivals, len(students))
	for s := range arrivals {
		arrivals[s] = Arrivals{PerDay: 10, Max: 1000}
	}
	for b.Loop() {
		if _, err := ForecastFromArrivals(context.Background(), cfg, nil, 0.9, students, arrivals); err != nil {
			b.Fatal(err)
		}
	}
}
