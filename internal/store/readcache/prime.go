package readcache

import (
	"context"

	"memora/internal/cache"
	"memora/internal/store"
)

// PrimeProfiles reads the profiles of users into the cache in one query (start-up priming,
// app.Prime), their expiries spread over the second half of the TTL (cache.Staggered), and
// returns them (a user without a profile has none). It may run while the server serves: a
// profile a request loaded meanwhile is kept, and none is stored after a profile was
// forgotten on this server since the read began (cache.TTL.Prime); a change made on another
// server is seen within TTL, as always.
func (s *Store) PrimeProfiles(ctx context.Context, userIDs []int64) ([]store.PlayerProfile, error) {
	if len(userIDs) == 0 {
		return []store.PlayerProfile{}, nil
	}
	stamp := s.profiles.Stamp() // before the read: an onboarding change meanwhile wins
	list, err := s.Store.ProfileListByUsers(ctx, userIDs)
	if err != nil {
		return nil, err
	}
	now := s.Clock.Now()
	for i, p := range list {
		s.profiles.Prime(stamp, p.UserID, p, now, cache.Staggered(now, TTL, i, len(list)))
	}
	return list, nil
}
