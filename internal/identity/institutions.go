package identity

import (
	"context"
	"fmt"
	"sync"
	"time"

	"memora/internal/store"
)

// institutionZones caches each institution's time zone: it decides what "today" is for
// streaks, quests and leaderboards, and it is read on every request.
type institutionZones struct {
	mu    sync.RWMutex
	zones map[string]*time.Location
}

func (z *institutionZones) get(ctx context.Context, st store.Executor, id string) (*time.Location, error) {
	z.mu.RLock()
	loc, ok := z.zones[id]
	z.mu.RUnlock()
	if ok {
		return loc, nil
	}
	in, err := st.InstitutionGet(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("institution %s: %w", id, err)
	}
	loc, err = time.LoadLocation(in.TimeZone)
	if err != nil {
		loc = time.UTC
	}
	z.mu.Lock()
	if z.zones == nil {
		z.zones = map[string]*time.Location{}
	}
	z.zones[id] = loc
	z.mu.Unlock()
	return loc, nil
}

// Forget drops a cached zone after an institution changes.
func (s *Service) Forget(institutionID string) {
	s.zones.mu.Lock()
	delete(s.zones.zones, institutionID)
	s.zones.mu.Unlock()
}

// Location returns the time zone of an institution.
func (s *Service) Location(ctx context.Context, institutionID string) (*time.Location, error) {
	return s.zones.get(ctx, s.Store, institutionID)
}
