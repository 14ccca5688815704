package pgstore

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"memora/internal/store"
	"memora/internal/store/pgstore/pgdb"
)

// Replica defaults: how often the replica is checked, and how far behind the primary it
// may be and still answer.
const (
	DefaultReplicaCheckEvery = time.Second
	DefaultReplicaMaxLag     = 5 * time.Second
	replicaCheckTimeout      = 2 * time.Second
)

// replica is the read replica's pool and what the last check found. Reads use it while it
// is up: reachable, in recovery, streaming from the primary and at most maxLag behind.
// A read that fails to reach it marks it down at once and is answered by the primary; the
// next successful check brings it back.
type replica struct {
	pool   *pgxpool.Pool
	exec   executor
	maxLag time.Duration
	logger *slog.Logger
	onUp   func(up bool)

	up     atomic.Bool
	mu     sync.Mutex // serializes state changes, so transitions are logged once, in order
	stop   context.CancelFunc
	done   chan struct{}
	reason string // why it is down, as last logged

	samples []walSample // recent WAL positions received, oldest first (behind)
}

// openReplica makes the replica's pool (connecting lazily: a replica down at start is not
// an error), checks it once and keeps checking it every opts.ReplicaCheckEvery.
func openReplica(ctx context.Context, opts Options) (*replica, error) {
	cfg, err := pgxpool.ParseConfig(opts.ReplicaURL)
	if err != nil {
		return nil, fmt.Errorf("pgstore: parse replica url: %w", err)
	}
	if opts.MaxConns > 0 {
		cfg.MaxConns = opts.MaxConns
	}
	if cfg.ConnConfig.ConnectTimeout == 0 || cfg.ConnConfig.ConnectTimeout > replicaCheckTimeout {
		cfg.ConnConfig.ConnectTimeout = replicaCheckTimeout // a lost replica costs a read little
	}
	cfg.AfterConnect = scanTimesInUTC
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("pgstore: replica: %w", err)
	}
	r := &replica{pool: pool, exec: executor{q: pgdb.New(pool), db: pool}, maxLag: opts.ReplicaMaxLag,
		logger: opts.Logger, onUp: opts.ReplicaUp, reason: "not checked yet"}
	if r.maxLag <= 0 {
		r.maxLag = DefaultReplicaMaxLag
	}
	if r.logger == nil {
		r.logger = slog.New(slog.DiscardHandler)
	}
	every := opts.ReplicaCheckEvery
	if every <= 0 {
		every = DefaultReplicaCheckEvery
	}
	if r.onUp != nil {
		r.onUp(false)
	}
	r.check(ctx)
	loopCtx, stop := context.WithCancel(context.Background())
	r.stop, r.done = stop, make(chan struct{})
	go r.loop(loopCtx, every)
	return r, nil
}

func (r *replica) loop(ctx context.Context, every time.Duration) {
	defer close(r.done)
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			r.check(ctx)
		}
	}
}

// check asks the replica whether it is a streaming standby and how far its replay lags:
// it is too far behind when it has not yet replayed the WAL it had received maxLag ago.
// (Comparing WAL positions over time, rather than the age of the last replayed commit,
// does not mistake a quiet database for a lagging replica.)
func (r *replica) check(ctx context.Context) {
	ctx, cancel := context.WithTimeout(ctx, replicaCheckTimeout)
	defer cancel()
	var standby, streaming bool
	var received, replayed int64
	err := r.pool.QueryRow(ctx, `SELECT pg_is_in_recovery(),
		COALESCE((SELECT status = 'streaming' FROM pg_stat_wal_receiver LIMIT 1), false),
		COALESCE(pg_wal_lsn_diff(pg_last_wal_receive_lsn(), '0/0'), 0)::bigint,
		COALESCE(pg_wal_lsn_diff(pg_last_wal_replay_lsn(), '0/0'), 0)::bigint`,
	).Scan(&standby, &streaming, &received, &replayed)
	switch {
	case ctx.Err() != nil && errors.Is(err, context.Canceled):
		return // closing
	case err != nil:
		r.set(false, "unreachable: "+err.Error())
	case !standby:
		r.set(false, "not a standby (promoted?): its data no longer follows the primary")
	case !streaming:
		r.set(false, "not streaming from the primary")
	case r.behind(time.Now(), received, replayed):
		r.set(false, fmt.Sprintf("behind the primary: it has not replayed what it received %s ago", r.maxLag))
	default:
		r.set(true, "")
	}
}

// behind records what the replica has received at now and reports whether its replay has
// not reached what it had received maxLag ago. Only check calls it, one call at a time.
func (r *replica) behind(now time.Time, received, replayed int64) bool {
	r.samples = append(r.samples, walSample{at: now, received: received})
	// Keep the newest sample at least maxLag old (positions only grow: it is the one to
	// compare with) and the newer ones.
	for len(r.samples) > 1 && now.Sub(r.samples[1].at) >= r.maxLag {
		r.samples = r.samples[1:]
	}
	old := r.samples[0]
	return now.Sub(old.at) >= r.maxLag && replayed < old.received
}

// walSample is how much WAL the replica had received at a time.
type walSample struct {
	at       time.Time
	received int64
}

// set records the state, logging and reporting a change (and a new kind of reason to be
// down, once).
func (r *replica) set(up bool, reason string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	was := r.up.Swap(up)
	if up {
		if !was {
			r.logger.Info("database replica in use: lag-tolerant reads go to it")
			if r.onUp != nil {
				r.onUp(true)
			}
		}
		return
	}
	if was || !sameKind(reason, r.reason) {
		r.logger.Warn("database replica not used: reads go to the primary", slog.String("reason", reason))
	}
	if was && r.onUp != nil {
		r.onUp(false)
	}
	r.reason = reason
}

// sameKind reports whether two reasons for being down are the same kind of failure (the
// text of an unreachable replica's error varies; logging it every second helps no one).
func sameKind(a, b string) bool {
	const n = 12
	return len(a) >= n && len(b) >= n && a[:n] == b[:n]
}

// executor is the replica's executor when ctx allows replica reads and it is up.
func (r *replica) executor(ctx context.Context) (executor, bool) {
	if r == nil || !store.ReplicaReads(ctx) || !r.up.Load() {
		return executor{}, false
	}
	return r.exec, true
}

func (r *replica) close() {
	if r == nil {
		return
	}
	r.stop()
	<-r.done
	r.pool.Close()
}

// readLagging answers a lag-tolerant read from the replica when ctx allows it and the
// replica is up, else from the primary. A replica that fails the read is never the user's
// problem: the primary answers it, and a replica that cannot be reached is marked down.
func readLagging[T any](s *Store, ctx context.Context, read func(e executor) (T, error)) (T, error) {
	if e, ok := s.replica.executor(ctx); ok {
		v, err := read(e)
		if err == nil || errors.Is(err, store.ErrNotFound) || ctx.Err() != nil {
			return v, err
		}
		if errors.Is(err, store.ErrUnavailable) {
			s.replica.set(false, "unreachable: "+err.Error())
		}
	}
	return read(s.executor)
}

// The lag-tolerant reads: outside a transaction, in a context marked by
// store.WithReplicaReads, these are answered by the replica when there is one and it is up.
// Leaderboard (the SQL board):

func (s *Store) LeaderboardTop(ctx context.Context, sc store.BoardScope, limit int) ([]store.BoardScore, error) {
	return readLagging(s, ctx, func(e executor) ([]store.BoardScore, error) { return e.LeaderboardTop(ctx, sc, limit) })
}

func (s *Store) LeaderboardCountAbove(ctx context.Context, sc store.BoardScope, xp int64) (int64, error) {
	return readLagging(s, ctx, func(e executor) (int64, error) { return e.LeaderboardCountAbove(ctx, sc, xp) })
}

func (s *Store) LeaderboardDisabled(ctx context.Context, institutionID string) ([]int64, error) {
	return readLagging(s, ctx, func(e executor) ([]int64, error) { return e.LeaderboardDisabled(ctx, institutionID) })
}

func (s *Store) LeaderboardPlayers(ctx context.Context, userIDs []int64, subjectID *string) ([]store.BoardPlayer, error) {
	return readLagging(s, ctx, func(e executor) ([]store.BoardPlayer, error) { return e.LeaderboardPlayers(ctx, userIDs, subjectID) })
}

func (s *Store) LeaderboardUserScores(ctx context.Context, userID int64, from, to time.Time) (store.UserScores, error) {
	return readLagging(s, ctx, func(e executor) (store.UserScores, error) { return e.LeaderboardUserScores(ctx, userID, from, to) })
}

// Catalogue and map: the content tree and the lessons a player completed.

func (s *Store) SubjectListByIDs(ctx context.Context, ids []string) ([]store.Subject, error) {
	return readLagging(s, ctx, func(e executor) ([]store.Subject, error) { return e.SubjectListByIDs(ctx, ids) })
}

func (s *Store) TrackListBySubjects(ctx context.Context, subjectIDs []string) ([]store.Track, error) {
	return readLagging(s, ctx, func(e executor) ([]store.Track, error) { return e.TrackListBySubjects(ctx, subjectIDs) })
}

func (s *Store) UnitListBySubjects(ctx context.Context, subjectIDs []string) ([]store.Unit, error) {
	return readLagging(s, ctx, func(e executor) ([]store.Unit, error) { return e.UnitListBySubjects(ctx, subjectIDs) })
}

func (s *Store) TopicListBySubjects(ctx context.Context, subjectIDs []string) ([]store.Topic, error) {
	return readLagging(s, ctx, func(e executor) ([]store.Topic, error) { return e.TopicListBySubjects(ctx, subjectIDs) })
}

func (s *Store) LessonListBySubjects(ctx context.Context, subjectIDs []string) ([]store.Lesson, error) {
	return readLagging(s, ctx, func(e executor) ([]store.Lesson, error) { return e.LessonListBySubjects(ctx, subjectIDs) })
}

func (s *Store) LessonCompletedIDs(ctx context.Context, userID int64) ([]string, error) {
	return readLagging(s, ctx, func(e executor) ([]string, error) { return e.LessonCompletedIDs(ctx, userID) })
}

// Profile statistics.

func (s *Store) SubjectScoreGet(ctx context.Context, userID int64, subjectID string) (store.SubjectScore, error) {
	return readLagging(s, ctx, func(e executor) (store.SubjectScore, error) { return e.SubjectScoreGet(ctx, userID, subjectID) })
}

func (s *Store) ProgressActivityDays(ctx context.Context, userID int64, before time.Time, limit int) ([]store.ActivityDay, error) {
	return readLagging(s, ctx, func(e executor) ([]store.ActivityDay, error) {
		return e.ProgressActivityDays(ctx, userID, before, limit)
	})
}

func (s *Store) ProgressXPByDay(ctx context.Context, userID int64, from, to time.Time) ([]store.DayXP, error) {
	return readLagging(s, ctx, func(e executor) ([]store.DayXP, error) { return e.ProgressXPByDay(ctx, userID, from, to) })
}

func (s *Store) ProgressMastery(ctx context.Context, sc store.ProgressScope) ([]store.MasteryCount, error) {
	return readLagging(s, ctx, func(e executor) ([]store.MasteryCount, error) { return e.ProgressMastery(ctx, sc) })
}
