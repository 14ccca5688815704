package srs

import (
	"sync"
	"testing"
	"time"
)

// One Scheduler and one Settings (with its Weights slice) shared by many
// goroutines must give each of them the sequential answer; run with -race.
func TestConcurrentUseMatchesSequential(t *testing.T) {
	s := goldenScheduler(t)
	settings := DefaultSettings()
	settings.Weights = DefaultWeights()
	ratings := []Rating{Good, Again, Good, Good, Hard, Easy, Again, Good}
	run := func(worker int) (Card, MemoryItem) {
		card, now := NewCard(propStart), propStart
		item := MemoryItem{}
		rules := DayRules{Clock: Clock{RolloverHour: 4}, Fuzz: true}
		for i, r := range ratings {
			now = now.Add(time.Duration(worker+i*17) * time.Hour)
			rules.Seed = FuzzSeed("player", "q", i)
			var err error
			if card, _, err = s.ReviewDaily(card, r, now, rules); err != nil {
				t.Error(err)
			}
			item = Next(settings, item, Answer{Correct: r != Again, DurationMs: 3000, Seed: rules.Seed}, now, time.UTC)
		}
		return card, item
	}
	const workers = 32
	want := make([]Card, workers)
	wantItems := make([]MemoryItem, workers)
	for w := range workers {
		want[w], wantItems[w] = run(w)
	}
	var wg sync.WaitGroup
	got := make([]Card, workers)
	gotItems := make([]MemoryItem, workers)
	for w := range workers {
		wg.Go(func() { got[w], gotItems[w] = run(w) })
	}
	wg.Wait()
	for w := range workers {
		check(t, "card", got[w], want[w])
		check(t, "item", gotItems[w], wantItems[w])
	}
}
