package identity

import (
	"context"
	"fmt"
	"sync"
	"time"

	"memora/internal/cache"
	"memora/internal/store"
)

// zoneTTL bounds how long a changed institution time zone takes to be seen by a server
// other than the one that changed it (Forget drops it at once on that one).
const zoneTTL = time.Minute

// institutionZones caches each institution's time zone: it decides what "today" is for
// streaks, quests and leaderboards, and it is read on every request (a cache.TTL, made on
// first use so the zero Service works).
type institutionZones struct {
	once  sync.Once
	zones *cache.TTL[string, *time.Location]
}

func (z *institutionZones) ttl() *cache.TTL[string, *time.Location] {
	z.once.Do(func() { z.zones = cache.NewTTL[string, *time.Location](zoneTTL, 10_000) })
	return z.zones
}

func (z *institutionZones) get(ctx context.Context, st store.Executor, id string, now time.Time) (*time.Location, error) {
	return z.ttl().Load(id, now, func() (*time.Location, error) {
		in, err := st.InstitutionGet(ctx, id)
		if err != nil {
			return nil, fmt.Errorf("institution %s: %w", id, err)
		}
		loc, err := time.LoadLocation(in.TimeZone)
		if err != nil {
			loc = time.UTC
		}
		return loc, nil
	})
}

// Forget drops a cached zone after an institution changes.
func (s *Service) Forget(institutionID string) { s.zones.ttl().Delete(institutionID) }

// Location returns the time zone of an institution.
func (s *Service) Location(ctx context.Context, institutionID string) (*time.Location, error) {
	return s.zones.get(ctx, s.Store, institutionID, s.Clock.Now())
}
