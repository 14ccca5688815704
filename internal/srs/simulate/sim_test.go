package simulate

import (
	"context"
	"encoding/xml"
	"errors"
	"io"
	"math"
	"os"
	"reflect"
	"strings"
	"testing"

	"memora/internal/srs/revlog"
)

const joshLog = "../../../testdata/fsrs/review-log-josh.csv"

func joshDurations(t testing.TB) Durations {
	t.Helper()
	f, err := os.Open(joshLog)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := revlog.Read(f)
	if err != nil {
		t.Fatal(err)
	}
	return DurationsFromLog(rows)
}

func smallConfig(t testing.TB) Config {
	cfg := DefaultConfig(joshDurations(t))
	cfg.Students, cfg.Items, cfg.Days = 6, 80, 90
	cfg.Retentions = []float64{0.8, 0.9}
	cfg.RefitDays = []int{30, 60}
	return cfg
}

func TestRunIsDeterministicWhateverTheWorkers(t *testing.T) {
	cfg := smallConfig(t)
	a, err := Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Workers = 1
	b, err := Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a, b) {
		t.Fatalf("two runs differ:\n%+v\n%+v", a, b)
	}
	cfg.Seed++
	c, err := Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if reflect.DeepEqual(a, c) {
		t.Fatal("another seed gave the same results")
	}
}

func TestSimulatedSchedulersBehaveAsDesigned(t *testing.T) {
	cfg := smallConfig(t)
	rows, err := Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := WriteTables(&b, cfg, rows); err != nil {
		t.Fatal(err)
	}
	t.Logf("\n%s", b.String())
	for _, tr := range cfg.Truths {
		for _, k := range []Kind{FSRSDefaults, FSRSOptimized} {
			lo, hi := pick(t, rows, tr, k, 0.8), pick(t, rows, tr, k, 0.9)
			// A higher desired retention reviews more and remembers more.
			if !(hi.Reviews > lo.Reviews && hi.RecallAtReview > lo.RecallAtReview && hi.Remembered > lo.Remembered) {
				t.Errorf("%s %s: DR 0.9 %+v against DR 0.8 %+v", tr, hi.Policy.Name(), hi, lo)
			}
		}
		for _, r := range rows {
			if r.Truth == tr && (r.Introduced != float64(cfg.Items) || r.Retention <= 0 || r.Retention > 1) {
				t.Errorf("%s %s: introduced %v, retention %v", tr, r.Policy.Name(), r.Introduced, r.Retention)
			}
			if r.Policy.Kind == FSRSOptimized && r.Fits != float64(len(cfg.RefitDays)) {
				t.Errorf("%s: %v refits, want %d", r.Policy.Name(), r.Fits, len(cfg.RefitDays))
			}
		}
	}
}

// With items all alike, a scheduler that knows the student's true weights
// reviews on-time items at the desired retention: the simulator's days,
// intervals and recall draws are consistent with the product's scheduler.
func TestOracleReviewsAtTheDesiredRetention(t *testing.T) {
	cfg := smallConfig(t)
	cfg.Truths, cfg.ItemSpread, cfg.Students = []Truth{TruthFSRS}, 0, 20
	rows, err := Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	for _, dr := range cfg.Retentions {
		r := pick(t, rows, TruthFSRS, FSRSOracle, dr)
		t.Logf("DR %.2f: mean R_true of on-time reviews %.4f", dr, r.RecallOnTime)
		if math.Abs(r.RecallOnTime-dr) > 0.015 {
			t.Errorf("oracle at DR %.2f: recall on time %.3f", dr, r.RecallOnTime)
		}
	}
}

func pick(t *testing.T, rows []Row, tr Truth, k Kind, dr float64) Row {
	t.Helper()
	for _, r := range rows {
		if r.Truth == tr && r.Policy.Kind == k && r.Policy.DR == dr {
			return r
		}
	}
	t.Fatalf("no row %s %d %v", tr, k, dr)
	return Row{}
}

func TestMatchKnowledgeInterpolatesOnTheSweep(t *testing.T) {
	rows := []Row{
		{Truth: TruthHLR, Policy: Policy{Kind: SM2}, Minutes: 1000, Remembered: 450},
		{Truth: TruthHLR, Policy: Policy{Kind: Classic}, Minutes: 5000, Remembered: 499},
		{Truth: TruthHLR, Policy: Policy{Kind: FSRSOptimized, DR: 0.9}, Minutes: 900, Remembered: 480},
		{Truth: TruthHLR, Policy: Policy{Kind: FSRSOptimized, DR: 0.8}, Minutes: 500, Remembered: 400},
	}
	var got []Matched
	for _, m := range MatchKnowledge(rows, AtEnd) {
		if m.Family == "FSRS-6 optimized" {
			got = append(got, m)
		}
	}
	if len(got) != 2 || got[0].Baseline != "Classic rules" || got[0].OK {
		t.Fatalf("classic remembers more than the sweep reaches: %+v", got)
	}
	// 450 is 5/8 of the way from 400 to 480: 500 + 0.625·400 = 750 minutes.
	if m := got[1]; !m.OK || math.Abs(m.FSRSMinutes-750) > 1e-9 || math.Abs(m.Saving-0.25) > 1e-12 {
		t.Fatalf("SM-2 matched: %+v", m)
	}
}

func TestWriteSVGIsWellFormed(t *testing.T) {
	rows := []Row{
		{Truth: TruthFSRS, Policy: Policy{Kind: SM2}, Minutes: 1000, Remembered: 450},
		{Truth: TruthFSRS, Policy: Policy{Kind: FSRSDefaults, DR: 0.8}, Minutes: 500, Remembered: 400},
		{Truth: TruthFSRS, Policy: Policy{Kind: FSRSDefaults, DR: 0.9}, Minutes: 900, Remembered: 480},
		{Truth: TruthHLR, Policy: Policy{Kind: Classic}, Minutes: 5000, Remembered: 499},
	}
	var b strings.Builder
	if err := WriteSVG(&b, rows); err != nil {
		t.Fatal(err)
	}
	dec := xml.NewDecoder(strings.NewReader(b.String()))
	for {
		_, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("svg: %v\n%s", err, b.String())
		}
	}
	if !strings.Contains(b.String(), "polyline") || !strings.Contains(b.String(), "Ground truth: HLR") {
		t.Error("svg lacks the sweep or the second panel")
	}
}

func TestConfigValidateRejectsWhatCannotRun(t *testing.T) {
	good := smallConfig(t)
	bad := map[string]func(*Config){
		"no students":   func(c *Config) { c.Students = 0 },
		"no sessions":   func(c *Config) { c.MaxSessions = 0 },
		"skip 1":        func(c *Config) { c.SkipProb = 1 },
		"first try 1":   func(c *Config) { c.FirstTryCorrect = 1 },
		"retention 0.5": func(c *Config) { c.Retentions = []float64{0.5} },
		"no durations":  func(c *Config) { c.Durations = Durations{} },
		"unknown truth": func(c *Config) { c.Truths = []Truth{"ACT-R"} },
	}
	for name, mutate := range bad {
		c := good
		mutate(&c)
		if _, err := Run(context.Background(), c); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Run(ctx, good); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled run: %v", err)
	}
}

// The exam rule raises recall on the exam day above the same season's
// fixed-retention scheduler, for fewer minutes than raising the retention
// for the whole season.
func TestExamAwareSchedulingBeatsRaisingTheSeasonRetention(t *testing.T) {
	cfg := smallConfig(t)
	cfg.Truths, cfg.Oracle, cfg.Students = []Truth{TruthFSRS}, false, 12
	cfg.Days, cfg.ExamDay, cfg.ExamTarget = 130, 120, 0.95
	cfg.Retentions = []float64{0.9, 0.95}
	rows, err := Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	exam, fixed, raised := pick(t, rows, TruthFSRS, FSRSExam, 0.9), pick(t, rows, TruthFSRS, FSRSDefaults, 0.9), pick(t, rows, TruthFSRS, FSRSDefaults, 0.95)
	t.Logf("exam-aware at 0.90: %.3f on the exam day for %.0f min; fixed 0.90: %.3f for %.0f; fixed 0.95: %.3f for %.0f",
		exam.ExamRetention, exam.MinutesToExam, fixed.ExamRetention, fixed.MinutesToExam, raised.ExamRetention, raised.MinutesToExam)
	if !(exam.ExamRetention > fixed.ExamRetention && exam.MinutesToExam < raised.MinutesToExam) {
		t.Error("the exam rule does not pay")
	}
}

func TestForecastCostsMoreAtHigherRetention(t *testing.T) {
	cfg := smallConfig(t)
	loads, err := Forecast(context.Background(), cfg, nil, 0.9)
	if err != nil {
		t.Fatal(err)
	}
	if len(loads) != 3 || loads[0].DR != 0.85 || loads[2].DR != 0.95 {
		t.Fatalf("loads %+v", loads)
	}
	for i := 1; i < len(loads); i++ {
		if !(loads[i].MinutesPerDay > loads[i-1].MinutesPerDay && loads[i].Remembered > loads[i-1].Remembered) {
			t.Errorf("DR %.2f: %+v after %+v", loads[i].DR, loads[i], loads[i-1])
		}
	}
	// At the edge of the product's range only the allowed retentions remain.
	edge, err := Forecast(context.Background(), cfg, nil, 0.95)
	if err != nil || len(edge) != 2 {
		t.Errorf("DR 0.95: %+v, %v", edge, err)
	}
	if _, err := Forecast(context.Background(), cfg, nil, 0.5); err == nil {
		t.Error("DR 0.5 accepted")
	}
	if _, err := Forecast(context.Background(), cfg, []float64{1}, 0.9); err == nil {
		t.Error("one weight accepted")
	}
}
