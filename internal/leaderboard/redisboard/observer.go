package redisboard

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"

	"memora/internal/cache"
	"memora/internal/leaderboard"
	"memora/internal/progress"
	"memora/internal/store"
)

// Observer keeps the built sets current: after XP is committed it reads each credited
// player's new totals from the database and raises their scores in every set that exists
// for the credited days, and in the sets being built for them (ZADD GT). Absolute scores make
// it idempotent and race-free with builds (and lets a missed update be replayed as it
// was); a ZINCRBY could count a credit twice when a build's snapshot already held it.
//
// It also creates, empty, the dated sets of the windows beginning two days after a credit
// (ahead): they are maintained from before their period begins, so the first request of a
// day, rolling week or month reads its set instead of aggregating the ledger. Only a set
// whose history is unknown (Redis lost it, a first deploy, an institution without credits
// two days before) is built. Credited must be called right after the commit of credits
// made at the time (Credit.At from the app's clock), as the XP paths do.
type Observer struct {
	Redis  Redis
	Store  store.Executor
	Logger *slog.Logger
	missed *missedUpdates // shared with the Board (New); nil: none remembered
	made   createdAhead
}

// createdAhead remembers the sets this process created ahead, so each is created once a
// process rather than once a credit.
type createdAhead struct {
	mu   sync.Mutex
	keys map[string]struct{}
}

// maxCreatedAhead bounds the remembered sets; past it they are forgotten (and created again
// at most once each: aheadScript leaves an existing set alone).
const maxCreatedAhead = 10_000

// missing keeps the sets not created yet by this process.
func (c *createdAhead) missing(sets []aheadSet) []aheadSet {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []aheadSet
	for _, s := range sets {
		if _, ok := c.keys[s.key]; !ok {
			out = append(out, s)
		}
	}
	return out
}

// created remembers sets.
func (c *createdAhead) created(sets []aheadSet) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.keys == nil || len(c.keys)+len(sets) > maxCreatedAhead {
		c.keys = map[string]struct{}{}
	}
	for _, s := range sets {
		c.keys[s.key] = struct{}{}
	}
}

var _ progress.ScoresObserver = (*Observer)(nil)

// Credited updates the sets of each credited player. Failures are not returned (the XP is
// committed; the database is the truth): a set that missed its update is remembered and
// deleted once Redis answers, to be rebuilt. While the breaker is open nothing is logged
// per credit.
func (o *Observer) Credited(ctx context.Context, credits []progress.Credit) {
	for _, group := range byPlayer(credits) {
		err := o.update(ctx, group)
		if err != nil && !errors.Is(err, cache.ErrUnavailable) && o.Logger != nil {
			o.Logger.Warn("redis leaderboard update failed", "user", group[0].UserID, "err", err)
		}
	}
}

// ScoresWindow is the days whose ledger the update of one player's credits reads (scores).
func (o *Observer) ScoresWindow(credits []progress.Credit) (from, to time.Time, ok bool) {
	if len(credits) == 0 || len(byPlayer(credits)) != 1 {
		return time.Time{}, time.Time{}, false
	}
	days, _ := touched(credits)
	from, to = scoresWindow(days)
	return from, to, true
}

// CreditedWithScores is Credited for one player's credits, with their scores read after
// the credits were written, in their transaction (progress.ScoresObserver).
func (o *Observer) CreditedWithScores(ctx context.Context, credits []progress.Credit, scores store.UserScores) {
	if len(credits) == 0 || len(byPlayer(credits)) != 1 {
		o.Credited(ctx, credits)
		return
	}
	err := o.updateWith(ctx, credits, &scores)
	if err != nil && !errors.Is(err, cache.ErrUnavailable) && o.Logger != nil {
		o.Logger.Warn("redis leaderboard update failed", "user", credits[0].UserID, "err", err)
	}
}

func byPlayer(credits []progress.Credit) [][]progress.Credit {
	index := map[int64]int{}
	var out [][]progress.Credit
	for _, c := range credits {
		i, ok := index[c.UserID]
		if !ok {
			i = len(out)
			index[c.UserID] = i
			out = append(out, nil)
		}
		out[i] = append(out[i], c)
	}
	return out
}

// update computes the player's score in every set the credits touch and sends them in one
// script call. When Redis fails the update is remembered to be replayed; when the scores
// cannot be read the sets are remembered to be dropped (and rebuilt).
func (o *Observer) update(ctx context.Context, credits []progress.Credit) error {
	return o.updateWith(ctx, credits, nil)
}

// updateWith is update with the player's scores already read (nil: read them now).
func (o *Observer) updateWith(ctx context.Context, credits []progress.Credit, known *store.UserScores) error {
	first := credits[0]
	days, subjects := touched(credits)
	sets, err := o.scores(ctx, first.UserID, first.InstitutionID, days, subjects, known)
	if err != nil {
		o.missed.dropSets(sets, o.Logger)
		return fmt.Errorf("leaderboard update: %w", err)
	}
	err = o.missed.flush(ctx, o.Redis)
	if u := updates(first.UserID, listed(sets)); err == nil && len(u) > 0 {
		err = o.Redis.Do(ctx, "leaderboard_update", func(ctx context.Context, rdb redis.UniversalClient) error {
			return updateScript.Run(ctx, rdb, u[0].keys, u[0].args...).Err() // one institution
		})
	}
	if err != nil {
		o.missed.replay(first.UserID, sets, o.Logger)
		return fmt.Errorf("leaderboard update: %w", err)
	}
	return o.createAhead(ctx, first.InstitutionID, days, subjects)
}

// createAhead creates the sets of the windows beginning two days after the credited days,
// overall and in the credited subjects, unless this process already did. A failure costs
// only a build on the first read of those periods.
//
// Each set it creates is then checked against the database: when the ledger already holds
// XP in its window (a credit of that window was committed before the set existed: a clock
// set back, a backdated import) the set is dropped, to be built on its first read. A
// credit committed after the check finds the set and raises it, so a set that passes is
// exact. The check reads an empty range of the (institution, day) index.
func (o *Observer) createAhead(ctx context.Context, institutionID string, days []time.Time, subjects []*string) error {
	var sets []aheadSet
	for _, subject := range append([]*string{nil}, subjects...) {
		sets = append(sets, ahead(institutionID, subject, days)...)
	}
	sets = o.made.missing(sets)
	if len(sets) == 0 {
		return nil
	}
	keys := make([]string, len(sets))
	ttls := make([]any, len(sets))
	for i, s := range sets {
		keys[i], ttls[i] = s.key, s.ttl.Milliseconds()
	}
	var created []string
	err := o.Redis.Do(ctx, "leaderboard_ahead", func(ctx context.Context, rdb redis.UniversalClient) error {
		var err error
		created, err = aheadScript.Run(ctx, rdb, keys, ttls...).StringSlice() // one institution: one slot
		return err
	})
	if err != nil {
		return fmt.Errorf("leaderboard ahead: %w", err)
	}
	var stale []target
	for _, s := range sets {
		if !slices.Contains(created, s.key) {
			continue
		}
		scores, err := o.Store.LeaderboardScores(ctx, s.scope.StoreScope())
		if err != nil || len(scores) > 0 {
			stale = append(stale, target{key: s.key})
		}
	}
	if len(stale) > 0 {
		err := o.Redis.Do(ctx, "leaderboard_ahead_drop", func(ctx context.Context, rdb redis.UniversalClient) error {
			pipe := rdb.Pipeline()
			for _, t := range stale {
				dropScript.Eval(ctx, pipe, []string{t.key, buildingKey(t.key)})
			}
			_, err := pipe.Exec(ctx)
			return err
		})
		if err != nil {
			o.missed.dropSets(stale, o.Logger) // dropped before this process's next leaderboard command
			return fmt.Errorf("leaderboard ahead: %w", err)
		}
	}
	o.made.created(sets)
	return nil
}

// scores lists every set the credits touch (overall and per subject: the days, the rolling
// weeks containing them, their months, all time) with the player's score in each, read
// from the database after commit in one query (or known: read over scoresWindow in the
// crediting transaction). The sets are listed even when the read fails.
func (o *Observer) scores(ctx context.Context, userID int64, institutionID string, days []time.Time, subjects []*string,
	known *store.UserScores) ([]target, error) {
	var (
		got store.UserScores
		err error
	)
	if known != nil {
		got = *known
	} else {
		from, to := scoresWindow(days)
		got, err = o.Store.LeaderboardUserScores(ctx, userID, from, to)
	}
	var sets []target
	for _, subject := range append([]*string{nil}, subjects...) {
		sets = append(sets, targets(institutionID, subject, days, got.Days)...)
		total := got.TotalXP
		if subject != nil {
			total = got.Subjects[*subject]
		}
		sc := leaderboard.Scope{InstitutionID: institutionID, SubjectID: subject, Period: leaderboard.AllTime}
		sets = append(sets, target{key: boardKey(sc), xp: total})
	}
	return sets, err
}

// scoresWindow is the days whose ledger the sets of days (ascending) are scored from: the
// rolling weeks containing them and their months.
func scoresWindow(days []time.Time) (from, to time.Time) {
	from = minTime(days[0].AddDate(0, 0, -6), monthStart(days[0]))
	to = maxTime(days[len(days)-1].AddDate(0, 0, 6), monthStart(days[len(days)-1]).AddDate(0, 1, -1))
	return from, to
}

// touched lists the credited days (ascending) and subjects, each once.
func touched(credits []progress.Credit) ([]time.Time, []*string) {
	var days []time.Time
	var subjects []*string
	seenDay, seenSubject := map[time.Time]bool{}, map[string]bool{}
	for _, c := range credits {
		if !seenDay[c.Day] {
			seenDay[c.Day] = true
			days = append(days, c.Day)
		}
		if c.SubjectID != nil && *c.SubjectID != "" && !seenSubject[*c.SubjectID] {
			seenSubject[*c.SubjectID] = true
			subjects = append(subjects, c.SubjectID)
		}
	}
	sortDays(days)
	return days, subjects
}

// listed keeps the sets a board lists the player in (XP > 0) with their scores.
func listed(sets []target) map[string]int64 {
	out := make(map[string]int64, len(sets))
	for _, t := range sets {
		if t.xp > 0 {
			out[t.key] = t.xp
		}
	}
	return out
}

// update is one updateScript call: the sets of one institution (one cluster slot).
type update struct {
	keys []string
	args []any
}

// updates groups a player's sets by institution into updateScript calls.
func updates(userID int64, sets map[string]int64) []update {
	bySlot := map[string]int{}
	var out []update
	for k, xp := range sets {
		slot := hashTag(k)
		i, ok := bySlot[slot]
		if !ok {
			i = len(out)
			bySlot[slot] = i
			out = append(out, update{args: []any{member(userID)}})
		}
		out[i].keys = append(out[i].keys, k, buildingKey(k))
		out[i].args = append(out[i].args, xp)
	}
	return out
}
