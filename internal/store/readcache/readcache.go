// Package readcache keeps, for a few seconds, the rows nearly every student request reads
// before doing its work — the player's academic profile, their season and their plan, and
// the lesson, unit and stages a lesson request opens — so those requests skip their
// database round trips. Only the academic fields of a cached
// profile (grade, stream, season) may be relied on: XP and hearts change on every session
// and must be read from the store itself.
package readcache

import (
	"context"
	"slices"
	"time"

	"memora/internal/cache"
	"memora/internal/clock"
	"memora/internal/store"
)

// TTL bounds staleness: an onboarding change on this server invalidates at once (Forget), a
// season change through the API too (ForgetAll); a change made elsewhere (another server,
// an import) is seen within TTL — as long as the session and content caches keep theirs. A
// student acts every few seconds: at 10 s a busy server still re-read a third of these rows.
const TTL = 30 * time.Second

// Store is a store.Store whose ProfileGet, SeasonGet, PlanFind, LessonGet, UnitGet,
// StagesByLesson and SRSParamsCurrent are cached. Content changes only through imports, which, like an edit
// made on another server, are seen within TTL (the content trees are kept 30 s).
type Store struct {
	store.Store
	Clock clock.Clock
	// SRSCheck, when set and true, makes SRSParamsCurrent check a cached set against the
	// version in use in the database (SRSParamsInUse, one cheap query) before serving it:
	// what a server does while no channel tells it of other servers' changes (docs/srs.md
	// §12). Nil: cached sets are served for TTL.
	SRSCheck func() bool

	profiles *cache.TTL[int64, store.PlayerProfile]
	seasons  *cache.TTL[string, store.Season]
	plans    *cache.TTL[string, store.Plan]
	lessons  *cache.TTL[string, store.Lesson]
	units    *cache.TTL[string, store.Unit]
	stages   *cache.TTL[string, []store.Stage]
	srs      *cache.TTL[string, store.SRSWeightSet]
}

// New wraps st. Only successful reads are kept: a missing row is asked for again next
// time, so a player who just onboarded is never told they have no profile.
func New(st store.Store, clk clock.Clock) *Store {
	return &Store{Store: st, Clock: clk,
		profiles: cache.NewTTL[int64, store.PlayerProfile](TTL, maxEntries),
		seasons:  cache.NewTTL[string, store.Season](TTL, maxEntries),
		plans:    cache.NewTTL[string, store.Plan](TTL, maxEntries),
		lessons:  cache.NewTTL[string, store.Lesson](TTL, maxEntries),
		units:    cache.NewTTL[string, store.Unit](TTL, maxEntries),
		stages:   cache.NewTTL[string, []store.Stage](TTL, maxEntries),
		srs:      cache.NewTTL[string, store.SRSWeightSet](TTL, maxEntries)}
}

// maxEntries bounds each kind of row kept.
const maxEntries = 100_000

// ProfileGet returns the profile, possibly up to TTL old (see the package comment).
func (s *Store) ProfileGet(ctx context.Context, userID int64) (store.PlayerProfile, error) {
	return s.profiles.Load(userID, s.Clock.Now(), func() (store.PlayerProfile, error) { return s.Store.ProfileGet(ctx, userID) })
}

// SeasonGet returns the season, possibly up to TTL old.
func (s *Store) SeasonGet(ctx context.Context, id string) (store.Season, error) {
	return s.seasons.Load(id, s.Clock.Now(), func() (store.Season, error) { return s.Store.SeasonGet(ctx, id) })
}

// PlanFind returns the plan, possibly up to TTL old.
func (s *Store) PlanFind(ctx context.Context, p store.PlanFindParams) (store.Plan, error) {
	stream := "\x00" // no stream
	if p.StreamID != nil {
		stream = *p.StreamID
	}
	key := p.InstitutionID + "\x00" + p.GradeID + "\x00" + stream + "\x00" + p.SeasonID
	return s.plans.Load(key, s.Clock.Now(), func() (store.Plan, error) { return s.Store.PlanFind(ctx, p) })
}

// LessonGet returns the lesson, possibly up to TTL old.
func (s *Store) LessonGet(ctx context.Context, id string) (store.Lesson, error) {
	return s.lessons.Load(id, s.Clock.Now(), func() (store.Lesson, error) { return s.Store.LessonGet(ctx, id) })
}

// UnitGet returns the unit, possibly up to TTL old.
func (s *Store) UnitGet(ctx context.Context, id string) (store.Unit, error) {
	return s.units.Load(id, s.Clock.Now(), func() (store.Unit, error) { return s.Store.UnitGet(ctx, id) })
}

// StagesByLesson returns the lesson's stages, possibly up to TTL old. The slice is the
// caller's; the stages' configs are shared and must not be modified.
func (s *Store) StagesByLesson(ctx context.Context, lessonID string) ([]store.Stage, error) {
	stages, err := s.stages.Load(lessonID, s.Clock.Now(), func() ([]store.Stage, error) { return s.Store.StagesByLesson(ctx, lessonID) })
	return slices.Clone(stages), err
}

// SRSParamsCurrent returns the FSRS-6 weights in use for an institution's season (one
// entry per institution and season, every student's set in it), possibly up to TTL old
// unless SRSCheck asks for a check or a change was forgotten (ForgetSRSParams).
// The sets are shared and must not be modified.
func (s *Store) SRSParamsCurrent(ctx context.Context, institutionID, seasonID string) (store.SRSWeightSet, error) {
	key, now := institutionID+"\x00"+seasonID, s.Clock.Now()
	if s.SRSCheck != nil && s.SRSCheck() {
		if set, ok := s.srs.Get(key, now); ok {
			v, err := s.Store.SRSParamsInUse(ctx, institutionID, seasonID)
			if err != nil {
				return store.SRSWeightSet{}, err
			}
			if v == set.Version {
				return set, nil
			}
			s.srs.Delete(key)
		}
	}
	return s.srs.Load(key, now, func() (store.SRSWeightSet, error) {
		return s.Store.SRSParamsCurrent(ctx, institutionID, seasonID)
	})
}

// ForgetSRSParams drops an institution's season's cached weights (after a fit, pin or reset).
func (s *Store) ForgetSRSParams(institutionID, seasonID string) {
	s.srs.Delete(institutionID + "\x00" + seasonID)
}

// ForgetAllSRSParams drops every cached set of weights (changes may have been missed).
func (s *Store) ForgetAllSRSParams() { s.srs.Clear() }

// Forget drops a player's cached profile (after onboarding changes it).
func (s *Store) Forget(userID int64) { s.profiles.Delete(userID) }

// ForgetAll drops everything (after seasons or plans change).
func (s *Store) ForgetAll() {
	s.profiles.Clear()
	s.seasons.Clear()
	s.plans.Clear()
	s.lessons.Clear()
	s.units.Clear()
	s.stages.Clear()
	s.srs.Clear()
}
