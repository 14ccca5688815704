package srs

import (
	"testing"
	"time"
)

func BenchmarkReview(b *testing.B) {
	s, err := NewScheduler(DefaultParams())
	if err != nil {
		b.Fatal(err)
	}
	card := Card{Memory: Memory{Stability: 12, Difficulty: 5}, State: Review, LastReview: propStart}
	now := propStart.Add(10 * 24 * time.Hour)
	for b.Loop() {
		if _, _, err := s.Review(card, Good, now); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkReviewDaily(b *testing.B) {
	s, err := NewScheduler(DefaultParams())
	if err != nil {
		b.Fatal(err)
	}
	card := Card{Memory: Memory{Stability: 12, Difficulty: 5}, State: Review, LastReview: propStart}
	now := propStart.Add(10 * 24 * time.Hour)
	rules := DayRules{Clock: Clock{Location: time.UTC, RolloverHour: 4}, Fuzz: true, Seed: 42, Load: func(int) int { return 3 }}
	for b.Loop() {
		if _, _, err := s.ReviewDaily(card, Good, now, rules); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNext includes building the scheduler from Settings on every call.
func BenchmarkNext(b *testing.B) {
	settings := DefaultSettings()
	item := MemoryItem{Stability: 12, Difficulty: 5, State: Review, LastReview: propStart}
	now := propStart.Add(10 * 24 * time.Hour)
	answer := Answer{Correct: true, DurationMs: 3000, Seed: 42}
	for b.Loop() {
		Next(settings, item, answer, now, time.UTC)
	}
}
