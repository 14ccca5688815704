package app

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"memora/internal/catalog"
	"memora/internal/identity"
	"memora/internal/store"
)

// StudentsPrimed counts what PrimeStudents loaded.
type StudentsPrimed struct {
	Students int // whose sessions are in the session cache
	Profiles int
	Access   int // students whose access for today is cached
	Plans    int // distinct plans of their profiles
	Boards   int // leaderboards built because they were missing (prime_boards.go)
}

// PrimeStudents loads the per-student state of the recently active students (at most
// MEMORA_PRIME_SESSIONS sessions seen within MEMORA_PRIME_WINDOW) into the caches their first
// requests read, in a few set-based queries: their sessions with their users and roles
// (identity), their profiles (the read cache), their access for today (the catalogue),
// the plans and FSRS weights those profiles point to, and the missing leaderboards of their
// institutions (primeBoards). Without it each of those students'
// first requests after a start loads them one miss at a time, all in the same seconds.
// ctx bounds it: what is loaded when it ends stays loaded, the rest fills on first use.
func (a *App) PrimeStudents(ctx context.Context) (StudentsPrimed, error) {
	var got StudentsPrimed
	if a.Config.PrimeSessions <= 0 {
		return got, nil
	}
	now := a.Clock.Now()
	who, err := a.Identity.PrimeSessions(ctx, now.Add(-a.Config.PrimeWindow), a.Config.PrimeSessions)
	if err != nil {
		return got, err
	}
	got.Students = len(who)
	ids := make([]int64, len(who))
	for i, p := range who {
		ids[i] = p.UserID
	}
	var profiles []store.PlayerProfile
	var profErr, accessErr error
	var wg sync.WaitGroup
	wg.Go(func() { profiles, profErr = a.Reads.PrimeProfiles(ctx, ids) })
	wg.Go(func() { got.Access, accessErr = a.primeAccess(ctx, who, now) })
	wg.Wait()
	got.Profiles = len(profiles)
	var planErr, boardErr error
	if profErr == nil {
		got.Plans, planErr = a.primePlans(ctx, who, profiles)
	}
	got.Boards, boardErr = a.primeBoards(ctx, who, now)
	return got, errors.Join(profErr, accessErr, planErr, boardErr)
}

// primeAccess caches the students' access for their institution's today: one query per
// distinct day (one, unless the institutions' time zones straddle midnight).
func (a *App) primeAccess(ctx context.Context, who []identity.Principal, now time.Time) (int, error) {
	byDay := map[time.Time][]int64{}
	for _, p := range who {
		day := p.Today(now)
		byDay[day] = append(byDay[day], p.UserID)
	}
	n := 0
	for day, ids := range byDay {
		stamps := make(map[int64]catalog.Stamp, len(ids))
		for _, id := range ids { // taken before the read: an invalidation meanwhile wins
			if _, stamp, ok := a.Catalog.Cache.Get(id, day); !ok {
				stamps[id] = stamp
			}
		}
		grants, err := a.Store.AccessGrantsActiveByUsers(ctx, ids, day)
		if err != nil {
			return n, fmt.Errorf("prime access: %w", err)
		}
		byUser := map[int64][]store.AccessGrant{}
		for _, g := range grants {
			byUser[g.UserID] = append(byUser[g.UserID], g.AccessGrant)
		}
		for id, stamp := range stamps {
			if _, _, ok := a.Catalog.Cache.Get(id, day); ok {
				continue // a request loaded it meanwhile: at least as fresh
			}
			a.Catalog.Cache.Put(id, day, catalog.AccessFromGrants(byUser[id]), stamp)
			n++
		}
	}
	return n, nil
}

// primePlans reads into the read cache the plans and FSRS weights the profiles point to:
// shared by many students, so a few rows, each read once.
func (a *App) primePlans(ctx context.Context, who []identity.Principal, profiles []store.PlayerProfile) (int, error) {
	institution := make(map[int64]string, len(who))
	for _, p := range who {
		institution[p.UserID] = p.InstitutionID
	}
	type weights struct{ institution, season string }
	plans, sets := map[planKey]store.PlanFindParams{}, map[weights]bool{}
	for _, p := range profiles {
		if p.GradeID == nil || p.SeasonID == nil {
			continue
		}
		q := store.PlanFindParams{InstitutionID: institution[p.UserID], GradeID: *p.GradeID, StreamID: p.StreamID, SeasonID: *p.SeasonID}
		plans[keyOf(q)] = q
		sets[weights{q.InstitutionID, q.SeasonID}] = true
	}
	n := 0
	for _, q := range plans {
		switch _, err := a.Reads.PlanFind(ctx, q); {
		case err == nil:
			n++
		case !errors.Is(err, store.ErrNotFound):
			return n, fmt.Errorf("prime plans: %w", err)
		}
	}
	for w := range sets {
		if _, err := a.Reads.SRSParamsCurrent(ctx, w.institution, w.season); err != nil {
			return n, fmt.Errorf("prime weights: %w", err)
		}
	}
	return n, nil
}

// planKey is a plan lookup by value (its stream is a pointer).
type planKey struct {
	institution, grade, stream, season string
	streamed                           bool
}

func keyOf(q store.PlanFindParams) planKey {
	k := planKey{institution: q.InstitutionID, grade: q.GradeID, season: q.SeasonID, streamed: q.StreamID != nil}
	if k.streamed {
		k.stream = *q.StreamID
	}
	return k
}

// PrimeStudentsInBackground runs PrimeStudents in a goroutine of its own, bounded by
// primeTimeout and ctx, logging what it loaded, and returns a function that waits for it to
// end (Serve cancels ctx and waits at shutdown). It is safe while requests are served: a
// request that loads a student's session or profile meanwhile keeps what it loaded (priming
// stores only what is missing, cache.TTL.Prime), and an invalidation after priming's read
// began wins. It holds at most two database connections at a time.
func (a *App) PrimeStudentsInBackground(ctx context.Context) (wait func()) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		if a.beforePrimeStudents != nil {
			a.beforePrimeStudents(ctx)
		}
		ctx, cancel := context.WithTimeout(ctx, primeTimeout)
		defer cancel()
		a.primeStudents(ctx)
	}()
	return func() { <-done }
}

// primeStudents runs PrimeStudents and logs what it loaded and how long it took; a failure
// or the deadline only ends it early.
func (a *App) primeStudents(ctx context.Context) {
	start := time.Now()
	got, err := a.PrimeStudents(ctx)
	attrs := []any{"seconds", time.Since(start).Seconds(), "students", got.Students, "profiles", got.Profiles,
		"access", got.Access, "plans", got.Plans, "boards", got.Boards, "max", a.Config.PrimeSessions, "window", a.Config.PrimeWindow}
	if err != nil {
		a.Logger.Warn("priming the recently active students stopped: the rest fills on first use", append(attrs, "err", err)...)
		return
	}
	a.Logger.Info("primed the recently active students", attrs...)
}
