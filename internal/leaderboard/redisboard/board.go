package redisboard

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"slices"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
	"golang.org/x/sync/singleflight"

	"memora/internal/leaderboard"
	"memora/internal/store"
)

// Redis runs commands against Redis: rediscache.Client in production (command timeouts and
// a circuit breaker, so a Redis outage costs nothing once detected), Direct in tests.
type Redis interface {
	Do(ctx context.Context, op string, fn func(ctx context.Context, rdb redis.UniversalClient) error) error
}

// Direct runs commands on a bare client.
type Direct struct {
	Client redis.UniversalClient
}

// Do runs fn on the client.
func (d Direct) Do(ctx context.Context, _ string, fn func(ctx context.Context, rdb redis.UniversalClient) error) error {
	return fn(ctx, d.Client)
}

// Board answers from Redis, and from Fallback (the SQL board) when Redis fails.
type Board struct {
	Redis    Redis
	Store    store.Executor
	Fallback leaderboard.Board
	Logger   *slog.Logger
	missed   *missedUpdates // shared with the Observer (New); nil: none remembered
	flights  singleflight.Group

	fallbacks chan struct{} // slots for fallback answers (New: maxFallbacks); nil: unbounded

	// BuildWait is how long a request waits for the build of a missing board before it is
	// answered leaderboard.Building (its caller's own XP, no ranks) while the build goes on
	// in the background (New: DefaultBuildWait); 0 waits for the build.
	BuildWait time.Duration
}

// DefaultBuildWait bounds the wait for a build on the request: a small or mid-sized
// institution's board is built well within it (a 100,000-student one's weekly in ~2 s on a
// loaded machine), a large one's (13 s of aggregate at a million students) is not held on
// the request path.
const DefaultBuildWait = 3 * time.Second

var _ leaderboard.Board = (*Board)(nil)

// Standings reads the set of the scope, building it first when it is missing.
func (b *Board) Standings(ctx context.Context, sc leaderboard.Scope, callerID int64, limit int) (leaderboard.Standings, error) {
	disabled, err := b.Store.LeaderboardDisabled(ctx, sc.InstitutionID)
	if err != nil {
		return leaderboard.Standings{}, fmt.Errorf("leaderboard: %w", err)
	}
	st, err := b.standings(ctx, sc, callerID, limit, disabled)
	if err == nil || b.Fallback == nil || ctx.Err() != nil {
		return st, err
	}
	if b.Logger != nil {
		b.Logger.Warn("redis leaderboard failed; answering from the database", "err", err)
	}
	if b.fallbacks != nil {
		select {
		case b.fallbacks <- struct{}{}:
			defer func() { <-b.fallbacks }()
		case <-ctx.Done():
			return leaderboard.Standings{}, fmt.Errorf("leaderboard: waiting for the database: %w", ctx.Err())
		}
	}
	return b.Fallback.Standings(ctx, sc, callerID, limit)
}

// maxFallbacks bounds the boards answered from the database at once while Redis fails: each
// aggregates the whole institution, and a large one's would otherwise hold every database
// connection the other endpoints need.
const maxFallbacks = 2

func (b *Board) standings(ctx context.Context, sc leaderboard.Scope, callerID int64, limit int, disabled []int64) (leaderboard.Standings, error) {
	if err := b.missed.flush(ctx, b.Redis); err != nil {
		return leaderboard.Standings{}, fmt.Errorf("leaderboard: %w", err)
	}
	key := boardKey(sc)
	st, found, err := b.read(ctx, key, callerID, limit, disabled)
	if err != nil || found {
		return st, err
	}
	scores, built, done, err := b.rebuild(ctx, sc, key)
	if !done {
		return leaderboard.Building(ctx, b.Store, sc, callerID, disabled)
	}
	if err != nil && scores == nil {
		return leaderboard.Standings{}, err
	}
	if err != nil {
		// The database answered but Redis failed the build: the snapshot is exact as of its
		// read, and far cheaper than every waiting request aggregating on its own.
		return leaderboard.Rank(scores, disabled, callerID, limit), nil
	}
	if built {
		if st, found, err = b.read(ctx, key, callerID, limit, disabled); err != nil || found {
			return st, err
		}
	}
	// A credit arrived while the snapshot was read (or the set expired at once): answer
	// from the snapshot, which is exact as of its read; the next call builds again.
	return leaderboard.Rank(scores, disabled, callerID, limit), nil
}

// rebuild reads the scope's scores from the database and publishes them as the set. One
// rebuild per set runs at a time in this process: a large institution's weekly board takes
// seconds to aggregate, and every request arriving meanwhile shares that one result instead
// of starting its own aggregate (which would hold every database connection). The build is
// registered before the database is read, so credits observed meanwhile land in it too: a
// busy institution's board gets built however many credits arrive during its read. It runs
// in the background: done is false when BuildWait passed first (the build goes on).
func (b *Board) rebuild(ctx context.Context, sc leaderboard.Scope, key string) (scores []store.BoardScore, built, done bool, err error) {
	type result struct {
		scores []store.BoardScore
		built  bool
	}
	ch := b.flights.DoChan(key, func() (any, error) {
		ctx := context.WithoutCancel(ctx) // shared: one caller giving up must not fail the others
		tmp := fmt.Sprintf("%s:build:%x", key, rand.Uint64())
		err := b.Redis.Do(ctx, "leaderboard_register", func(ctx context.Context, rdb redis.UniversalClient) error {
			return registerScript.Run(ctx, rdb, []string{buildingKey(key), tmp}, buildTTL.Milliseconds()).Err()
		})
		if err != nil {
			return nil, fmt.Errorf("leaderboard build: %w", err)
		}
		scores, err := b.Store.LeaderboardScores(ctx, sc.StoreScope())
		if err != nil {
			if b.Logger != nil {
				b.Logger.Warn("leaderboard build failed reading the database", "key", key, "err", err)
			}
			return nil, fmt.Errorf("leaderboard rebuild: %w", err)
		}
		built, err := b.build(ctx, sc, key, tmp, scores)
		if err != nil && b.Logger != nil {
			b.Logger.Warn("leaderboard build failed; answering from its database snapshot", "key", key, "err", err)
		}
		return result{scores, built}, err
	})
	var wait <-chan time.Time
	if b.BuildWait > 0 {
		t := time.NewTimer(b.BuildWait)
		defer t.Stop()
		wait = t.C
	}
	select {
	case res := <-ch:
		r, _ := res.Val.(result)
		return r.scores, r.built, true, res.Err
	case <-wait:
		return nil, false, false, nil
	case <-ctx.Done():
		return nil, false, true, fmt.Errorf("leaderboard: waiting for a build: %w", ctx.Err())
	}
}

// buildChunk is how many members one command of a build writes, so each stays well under
// the command timeout whatever the institution's size.
const buildChunk = 250

// buildTTL bounds how long an abandoned build's set stays; each chunk written renews it.
const buildTTL = time.Minute

// build writes the scores into the registered set tmp in chunks (never lowering a score a
// credit already raised), then publishes it under key in one script; built is false when
// the board appeared meanwhile or the set was dropped.
func (b *Board) build(ctx context.Context, sc leaderboard.Scope, key, tmp string, scores []store.BoardScore) (bool, error) {
	for chunk := range slices.Chunk(scores, buildChunk) {
		members := make([]redis.Z, len(chunk))
		for i, s := range chunk {
			members[i] = redis.Z{Score: float64(s.XP), Member: member(s.UserID)}
		}
		err := b.Redis.Do(ctx, "leaderboard_build", func(ctx context.Context, rdb redis.UniversalClient) error {
			pipe := rdb.Pipeline()
			pipe.ZAddGT(ctx, tmp, members...)
			pipe.PExpire(ctx, tmp, buildTTL)
			_, err := pipe.Exec(ctx)
			return err
		})
		if err != nil {
			return false, fmt.Errorf("leaderboard build: %w", err)
		}
	}
	var res int
	err := b.Redis.Do(ctx, "leaderboard_publish", func(ctx context.Context, rdb redis.UniversalClient) error {
		var err error
		keys := []string{key, buildingKey(key), tmp}
		res, err = publishScript.Run(ctx, rdb, keys, ttl(sc).Milliseconds()).Int()
		return err
	})
	if err != nil {
		return false, fmt.Errorf("leaderboard build: %w", err)
	}
	return res == 1, nil
}

// read runs readScript; found is false when the set does not exist.
func (b *Board) read(ctx context.Context, key string, callerID int64, limit int, disabled []int64) (leaderboard.Standings, bool, error) {
	args := make([]any, 0, 2+len(disabled))
	args = append(args, limit+len(disabled)+1, member(callerID))
	for _, id := range disabled {
		args = append(args, member(id))
	}
	var res []any
	err := b.Redis.Do(ctx, "leaderboard_read", func(ctx context.Context, rdb redis.UniversalClient) error {
		var err error
		res, err = readScript.Run(ctx, rdb, []string{key}, args...).Slice()
		return err
	})
	if errors.Is(err, redis.Nil) {
		return leaderboard.Standings{}, false, nil
	}
	if err != nil {
		return leaderboard.Standings{}, false, fmt.Errorf("leaderboard read: %w", err)
	}
	st, err := parseRead(res, callerID, limit, disabled)
	return st, err == nil, err
}

// parseRead turns readScript's reply into standings: the top without the sentinel and the
// disabled, ranked by competition, and the caller's exact rank.
func parseRead(res []any, callerID int64, limit int, disabled []int64) (leaderboard.Standings, error) {
	if len(res) != 3 {
		return leaderboard.Standings{}, fmt.Errorf("leaderboard read: unexpected reply %v", res)
	}
	top, _ := res[0].([]any)
	var st leaderboard.Standings
	for i := 0; i+1 < len(top) && len(st.Top) < limit; i += 2 {
		m, _ := top[i].(string)
		if m == sentinel {
			break
		}
		id, err := parseMember(m)
		if err != nil {
			return leaderboard.Standings{}, fmt.Errorf("leaderboard read: member %q: %w", m, err)
		}
		xp, err := score(top[i+1])
		if err != nil {
			return leaderboard.Standings{}, err
		}
		if xp <= 0 || slices.Contains(disabled, id) {
			continue
		}
		rank := int64(len(st.Top)) + 1
		if n := len(st.Top); n > 0 && st.Top[n-1].XP == xp {
			rank = st.Top[n-1].Rank
		}
		st.Top = append(st.Top, leaderboard.Standing{UserID: id, XP: xp, Rank: rank})
	}
	above, _ := res[2].(int64)
	if above >= 0 && !slices.Contains(disabled, callerID) {
		xp, err := score(res[1])
		if err != nil {
			return leaderboard.Standings{}, err
		}
		st.Caller = &leaderboard.Standing{UserID: callerID, XP: xp, Rank: above + 1}
	}
	return st, nil
}

func score(v any) (int64, error) {
	s, _ := v.(string)
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, fmt.Errorf("leaderboard read: score %v: %w", v, err)
	}
	return int64(f), nil
}
