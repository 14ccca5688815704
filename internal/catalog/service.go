// Package catalog is the content side of Memora: subjects → tracks → units → topics →
// lessons → stages, academic plans, access (free flags, free previews, subscriptions) and
// the map engine with its lock statuses. The rules are pure functions (lock.go, access.go,
// plan.go); Service loads what they need in a few set-based queries per request.
package catalog

import (
	"context"
	"time"

	"memora/internal/cache"
	"memora/internal/clock"
	"memora/internal/identity"
	"memora/internal/store"
)

// Store is what the catalog reads.
type Store interface {
	ProfileGet(ctx context.Context, userID int64) (store.PlayerProfile, error)
	PlanFind(ctx context.Context, p store.PlanFindParams) (store.Plan, error)
	SubjectListByIDs(ctx context.Context, ids []string) ([]store.Subject, error)
	TrackListBySubjects(ctx context.Context, subjectIDs []string) ([]store.Track, error)
	UnitListBySubjects(ctx context.Context, subjectIDs []string) ([]store.Unit, error)
	TopicListBySubjects(ctx context.Context, subjectIDs []string) ([]store.Topic, error)
	LessonListBySubjects(ctx context.Context, subjectIDs []string) ([]store.Lesson, error)
	UnitGet(ctx context.Context, id string) (store.Unit, error)
	TopicGet(ctx context.Context, id string) (store.Topic, error)
	LessonGet(ctx context.Context, id string) (store.Lesson, error)
	LessonCompletedIDs(ctx context.Context, userID int64) ([]string, error)
	AccessGrantsActive(ctx context.Context, userID int64, day time.Time) ([]store.AccessGrant, error)
}

// Service answers the catalogue, map and access endpoints.
type Service struct {
	Store Store
	Clock clock.Clock
	Cache AccessCache

	content *cache.TTL[string, *tree] // visible content trees (content_cache.go)
}

// NewService returns a Service with an in-process access cache.
func NewService(st Store, clk clock.Clock) *Service {
	return &Service{Store: st, Clock: clk, Cache: NewMemoryAccessCache(DefaultAccessCacheSize),
		content: cache.NewTTL[string, *tree](contentTTL, contentEntries)}
}

// InvalidateAccess forgets a player's cached access: call it when one of their
// subscriptions changes or a purchase of theirs is approved.
func (s *Service) InvalidateAccess(userID int64) { s.Cache.Invalidate(userID) }

// InvalidateContent forgets the cached content trees: call it when content is saved.
func (s *Service) InvalidateContent() { s.content.Clear() }

// InvalidateAllAccess forgets every cached access: call it when a season's dates change.
func (s *Service) InvalidateAllAccess() { s.Cache.InvalidateAll() }

// Today is the caller's institution-local day.
func (s *Service) Today(who identity.Principal) time.Time {
	return who.Today(s.Clock.Now())
}

// access returns the caller's Access for day, from the cache when it can.
func (s *Service) access(ctx context.Context, userID int64, day time.Time) (Access, error) {
	a, stamp, ok := s.Cache.Get(userID, day)
	if ok {
		return a, nil
	}
	grants, err := s.Store.AccessGrantsActive(ctx, userID, day)
	if err != nil {
		return Access{}, err
	}
	a = AccessFromGrants(grants)
	s.Cache.Put(userID, day, a, stamp)
	return a, nil
}
