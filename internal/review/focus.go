package review

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"memora/internal/identity"
	"memora/internal/store"
)

// Focus-mode sizes (original §3.1 "Smart Focus").
const (
	focusMin      = 10
	focusMax      = 30
	focusFallback = 10
)

// focusLimit is 10 % of the player's items in the topic, clamped to 10…30.
func focusLimit(total int) int {
	return max(focusMin, min(total/10, focusMax))
}

// focus is a review of one topic: the "red zone" (level 1, or not reviewed today), weakest
// first then oldest review; when nothing is in it, ten random items of the topic. It reads
// the database only (no Safe-Mode limits: it never used the cache).
func (s *Service) focus(ctx context.Context, who identity.Principal, season store.Season, topicID string, now time.Time) (Session, error) {
	all, err := s.store.ReviewTopicItems(ctx, who.UserID, season.ID, topicID)
	if err != nil {
		return Session{}, fmt.Errorf("focus review: %w", err)
	}
	if len(all) == 0 {
		return Session{Questions: []Card{}, Season: season.ID}, nil
	}
	limit := focusLimit(len(all))
	pool, take := redZone(all, dayStart(now, who.Location)), limit
	if len(pool) == 0 {
		pool = append([]store.MemoryState(nil), all...)
		rand.Shuffle(len(pool), func(i, j int) { pool[i], pool[j] = pool[j], pool[i] })
		take = focusFallback
	}
	cards, err := s.cards(ctx, season, who.UserID, pool[:min(take, len(pool))], pushMarks{}, limit)
	if err != nil {
		return Session{}, err
	}
	return Session{Questions: cards, Season: season.ID}, nil
}

// redZone is the items needing work — level 1, or last reviewed before today — weakest
// first, then least recently reviewed (never reviewed first).
func redZone(items []store.MemoryState, today time.Time) []store.MemoryState {
	var pool []store.MemoryState
	for _, m := range items {
		if inRedZone(m, today) {
			pool = append(pool, m)
		}
	}
	slices.SortStableFunc(pool, func(a, b store.MemoryState) int {
		if a.Level != b.Level {
			return a.Level - b.Level
		}
		return lastReview(a).Compare(lastReview(b))
	})
	return pool
}

func inRedZone(m store.MemoryState, today time.Time) bool {
	return m.Level == 1 || m.LastReview == nil || m.LastReview.Before(today)
}

func lastReview(m store.MemoryState) time.Time {
	if m.LastReview == nil {
		return time.Time{}
	}
	return *m.LastReview
}

// remaining is what focus mode would still offer after a session (the "continue (N left)"
// button): items of the topic in the red zone.
func remaining(items []store.MemoryState, today time.Time) int {
	n := 0
	for _, m := range items {
		if inRedZone(m, today) {
			n++
		}
	}
	return n
}
