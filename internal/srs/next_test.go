package srs

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func TestSettingsValidate(t *testing.T) {
	noErr(t, DefaultSettings().Validate())
	bad := Settings{Kind: "sm2", GradeMapping: "fast", DesiredRetention: 0.99, Weights: []float64{1}, RolloverHour: 25, MaximumInterval: -1}
	err := bad.Validate()
	if err == nil {
		t.Fatal("bad settings accepted")
	}
	for _, want := range []string{"kind", "grade mapping", "retention", "weights", "rollover", "maximum interval"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %s", err, want)
		}
	}
	classic := DefaultSettings()
	classic.Kind = KindClassic
	noErr(t, classic.Validate())
	noErr(t, Settings{Kind: KindFSRS}.Validate()) // zero values mean defaults
	if err := (Settings{}).Validate(); err == nil {
		t.Error("a season must choose its kind")
	}
}

func TestSettingsJSON(t *testing.T) {
	raw, err := json.Marshal(DefaultSettings())
	noErr(t, err)
	var back Settings
	noErr(t, json.Unmarshal(raw, &back))
	noErr(t, back.Validate())
	check(t, "round trip kind", back.Kind, KindFSRS)
}

func TestGradeMapping(t *testing.T) {
	cases := []struct {
		mapping GradeMapping
		answer  Answer
		want    Rating
	}{
		{GradeBinary, Answer{Correct: false}, Again},
		{GradeBinary, Answer{Correct: true, DurationMs: 500}, Good},
		{GradeBinary, Answer{Correct: true, Attempts: 2}, Again},
		{GradeSpeed, Answer{Correct: true, DurationMs: 1999}, Easy},
		{GradeSpeed, Answer{Correct: true, DurationMs: 2000}, Good},
		{GradeSpeed, Answer{Correct: true, DurationMs: 6000}, Good},
		{GradeSpeed, Answer{Correct: true, DurationMs: 6001}, Hard},
		{GradeSpeed, Answer{Correct: true}, Good},
		{GradeSpeed, Answer{Correct: false, DurationMs: 100}, Again},
	}
	for _, c := range cases {
		check(t, string(c.mapping), c.mapping.Grade(c.answer), c.want)
	}
}

func TestNextFSRS(t *testing.T) {
	settings := DefaultSettings()
	settings.Fuzz, settings.LoadBalance = false, false
	now := time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)
	item := Next(settings, MemoryItem{}, Answer{Correct: true, Source: SourceLesson}, now, time.UTC)
	check(t, "state", item.State, Review)
	check(t, "stability", item.Stability, defaultWeights[Good-1])
	check(t, "level", item.Level, 2)
	check(t, "due", item.Due, time.Date(2024, 5, 3, 4, 0, 0, 0, time.UTC))
	check(t, "reps", item.Reps, 1)

	item = Next(settings, item, Answer{Correct: false, Source: SourceReview}, item.Due.Add(time.Hour), time.UTC)
	check(t, "state after miss", item.State, Relearning)
	check(t, "lapses", item.Lapses, 1)
	check(t, "level", item.Level, 1)
}

func TestNextUsesLocation(t *testing.T) {
	settings := DefaultSettings()
	settings.Fuzz, settings.LoadBalance = false, false
	tokyo := time.FixedZone("JST", 9*3600)
	now := time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC) // 19:00 in Tokyo
	item := Next(settings, MemoryItem{}, Answer{Correct: false}, now, tokyo)
	check(t, "due at 04:00 Tokyo next day", item.Due.Equal(time.Date(2024, 5, 2, 4, 0, 0, 0, tokyo)), true)
}

func TestNextClassic(t *testing.T) {
	settings := Settings{Kind: KindClassic}
	now := time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)
	item := Next(settings, MemoryItem{}, Answer{Correct: true, DurationMs: 1500, Attempts: 1, Source: SourceLesson}, now, nil)
	check(t, "rule A level", item.Level, 4)
	check(t, "rule A due", item.Due, now.AddDate(0, 0, 7))
	check(t, "fsrs fields untouched", item.Stability, 0.0)

	item = Next(settings, item, Answer{Correct: true, DurationMs: 3000, Source: SourceReview}, now, nil)
	check(t, "rule B level", item.Level, 4)
	check(t, "rule B due", item.Due, now.AddDate(0, 0, 14))
	item = Next(settings, item, Answer{Correct: false, Source: SourceReview}, now, nil)
	check(t, "rule B wrong", item.Level, 1)
	check(t, "reps", item.Reps, 3)
	check(t, "last review", item.LastReview, now)
}

func TestNextFallsBackOnInvalidSettings(t *testing.T) {
	now := time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)
	bad := Settings{Kind: "??", DesiredRetention: 2, Weights: []float64{1, 2}, RolloverHour: 99}
	got := Next(bad, MemoryItem{}, Answer{Correct: true}, now, time.UTC)
	good := DefaultSettings()
	good.Fuzz, good.LoadBalance = false, false
	want := Next(good, MemoryItem{}, Answer{Correct: true}, now, time.UTC)
	check(t, "falls back to defaults", got, want)
}

func TestNextFromClassicItemStartsFresh(t *testing.T) {
	// An item whose season switched from classic to FSRS has a level but no memory.
	now := time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)
	prev := MemoryItem{Level: 3, Reps: 5, State: Review, LastReview: now.AddDate(0, 0, -3)}
	item := Next(DefaultSettings(), prev, Answer{Correct: true}, now, time.UTC)
	check(t, "initial stability", item.Stability, defaultWeights[Good-1])
	check(t, "reps keep counting", item.Reps, 6)
}

func TestStabilityLevel(t *testing.T) {
	cases := []struct {
		card Card
		want int
	}{
		{Card{}, 1},
		{Card{State: Learning, Memory: Memory{Stability: 30}}, 1},
		{Card{State: Relearning, Memory: Memory{Stability: 30}}, 1},
		{Card{State: Review, Memory: Memory{Stability: 1.99}}, 1},
		{Card{State: Review, Memory: Memory{Stability: 2}}, 2},
		{Card{State: Review, Memory: Memory{Stability: 6.99}}, 2},
		{Card{State: Review, Memory: Memory{Stability: 7}}, 3},
		{Card{State: Review, Memory: Memory{Stability: 20.99}}, 3},
		{Card{State: Review, Memory: Memory{Stability: 21}}, 4},
	}
	for _, c := range cases {
		check(t, "level", StabilityLevel(c.card), c.want)
	}
	for level, want := range map[int]MasteryBucket{0: "", 1: MasteryNew, 2: MasteryLearning, 3: MasteryMature, 4: MasteryMature} {
		check(t, "bucket", MasteryForLevel(level), want)
	}
}
