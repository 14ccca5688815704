package app

import (
	"context"
	"sync"
	"time"

	"memora/internal/cache/rediscache"
	"memora/internal/store"
)

// primeTimeout bounds the priming: a server that cannot prime in this long serves anyway
// (what was not primed is filled by the first requests, as without it).
const primeTimeout = 10 * time.Second

// redisPrimeConns is how many connections of each Redis client are opened before serving
// (go-redis keeps them idle for 30 minutes): a fresh client would otherwise dial them under
// the first load, one per concurrent command.
const redisPrimeConns = 16

// warmer is a store that can open and prepare its whole pool before serving (pgstore).
type warmer interface {
	Warm(ctx context.Context) error
}

// Prime readies what a fresh server would otherwise build under its first requests (the
// cold-start stall, docs/benchmarks.md): the whole PostgreSQL pool open with the hot
// statements prepared on every connection (pgstore.Store.Warm), Redis connections open,
// the seasons in the read cache. Serve calls it before its listener accepts when MEMORA_PRIME
// is true, then primes the recently active students' sessions, profiles and access in the
// background while it serves (PrimeStudentsInBackground): their 0.1-0.3 s of set-based reads
// would otherwise be waited for by every request queued at the start. Failures are logged,
// never fatal: an unprimed piece is filled on first use.
func (a *App) Prime(ctx context.Context) {
	ctx, cancel := context.WithTimeout(ctx, primeTimeout)
	defer cancel()
	start := time.Now()
	var wg sync.WaitGroup
	if w, ok := a.Store.(warmer); ok {
		wg.Go(func() {
			if err := w.Warm(ctx); err != nil {
				a.Logger.Warn("priming the database pool failed: it fills on first use", "err", err)
			}
		})
	}
	for _, rc := range []*rediscache.Client{a.Redis, a.boardRedis} {
		if rc == nil {
			continue
		}
		for range redisPrimeConns { // concurrent, so each needs a connection of its own
			wg.Go(func() { _ = rc.Ping(ctx) }) // a Redis that is down is Safe Mode's business
		}
	}
	wg.Wait()
	seasons := a.primeSeasons(ctx)
	if !a.Config.Redis.Enabled() && a.Store.Engine() == store.SQLite {
		// The embedded store keeps its dated boards in memory: build today's before the first
		// requests instead of on them. A failure only leaves them to those requests.
		if err := a.Leaderboard.Warm(ctx); err != nil {
			a.Logger.Warn("priming the leaderboards failed: they are built on first use", "err", err)
		}
	}
	a.Logger.Info("primed", "seconds", time.Since(start).Seconds(), "seasons", seasons)
}

// primeSeasons loads every season into the read cache (every student request reads its
// season) and reports how many.
func (a *App) primeSeasons(ctx context.Context) int {
	list, err := a.Store.SeasonList(ctx)
	if err != nil {
		a.Logger.Warn("priming the seasons failed", "err", err)
		return 0
	}
	for _, s := range list {
		if _, err := a.Reads.SeasonGet(ctx, s.ID); err != nil {
			a.Logger.Warn("priming a season failed", "season", s.ID, "err", err)
		}
	}
	return len(list)
}
