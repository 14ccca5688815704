package readcache

import (
	"context"

	"memora/internal/cache"
	"memora/internal/store"
)

// PrimeProfiles reads the profiles of users into the cache in one query (start-up priming,
// app.Prime), their expiries spread over the second half of the TTL (cache.Staggered), and
// returns them (a user without a profile has none). A change made while it reads is seen
// within TTL, as one made on another server is.
func (s *Store) PrimeProfiles(ctx context.Context, userIDs []int64) ([]store.PlayerProfile, error) {
	if len(userIDs) == 0 {
		return []store.PlayerProfile{}, nil
	}
	list, err := s.Store.ProfileListByUsers(ctx, userIDs)
	if err != nil {
		return nil, err
	}
	now := s.Clock.Now()
	for i, p := range list {
		s.profiles.PutUntil(p.UserID, p, now, cache.Staggered(now, TTL, i, len(list)))
	}
	return list, nil
}
