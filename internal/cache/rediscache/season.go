package rediscache

import (
	"context"
	"errors"
	"math"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"memora/internal/cache"
	"memora/internal/season"
	"memora/internal/store"
)

// SeasonCache is season operations' view of the review schedule (season.ScheduleCache) on
// its Redis keys (srs:{<player>}:<season>, member = question id, score = due Unix
// seconds): reconciliation reads and corrections, rebuild pages, removal of a season and
// status. Every call runs behind the Client's circuit breaker under the short command
// timeout, so bulk work is split into many small calls.
type SeasonCache struct {
	R   *Client
	TTL time.Duration
}

var _ season.ScheduleCache = (*SeasonCache)(nil)

// NewSeasonCache wraps c; schedules it writes live as long as the review schedule's.
func NewSeasonCache(c *Client) *SeasonCache { return &SeasonCache{R: c, TTL: c.opts.TTL} }

// SafeMode reports whether reviews are served from the database because Redis is down.
func (c *SeasonCache) SafeMode() bool { return c.R.SafeMode() }

func rowKey(row store.MemoryDue) string {
	return Key(cache.ScheduleKey{UserID: row.UserID, SeasonID: row.SeasonID})
}

// Scores reads, in one pipeline, whether each row's schedule exists and is complete, and
// the row's score.
func (c *SeasonCache) Scores(ctx context.Context, rows []store.MemoryDue) ([]season.Cached, error) {
	out := make([]season.Cached, len(rows))
	err := c.R.Do(ctx, "reconcile_read", func(ctx context.Context, rdb redis.UniversalClient) error {
		pipe := rdb.Pipeline()
		exists := map[string]*redis.IntCmd{}
		markers := map[string]*redis.FloatCmd{}
		scores := make([]*redis.FloatCmd, len(rows))
		for i, r := range rows {
			k := rowKey(r)
			if exists[k] == nil {
				exists[k] = pipe.Exists(ctx, k)
				markers[k] = pipe.ZScore(ctx, k, Incomplete)
			}
			scores[i] = pipe.ZScore(ctx, k, r.QuestionID)
		}
		if _, err := pipe.Exec(ctx); err != nil && !errors.Is(err, redis.Nil) {
			return err
		}
		for i, r := range rows {
			k := rowKey(r)
			out[i] = season.Cached{KeyExists: exists[k].Val() > 0, Complete: errors.Is(markers[k].Err(), redis.Nil)}
			if scores[i].Err() == nil {
				out[i].Found, out[i].Score = true, int64(scores[i].Val())
			}
		}
		return nil
	})
	return out, err
}

// correctScript sets members to their database due time when the schedule still exists
// and each member still holds what reconciliation saw ("" = absent). A review written
// meanwhile changed the score, and its newer value stays.
var correctScript = redis.NewScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
local n = 0
for i = 1, #ARGV, 3 do
  local cur = redis.call('ZSCORE', KEYS[1], ARGV[i])
  if (not cur and ARGV[i+1] == '') or (cur and tonumber(cur) == tonumber(ARGV[i+1])) then
    redis.call('ZADD', KEYS[1], ARGV[i+2], ARGV[i])
    n = n + 1
  end
end
return n
`)

// Correct writes the fixes, one script call per schedule, in one pipeline.
func (c *SeasonCache) Correct(ctx context.Context, fixes []season.Fix) (int, error) {
	byKey := map[string][]any{}
	var order []string
	for _, f := range fixes {
		k := rowKey(f.Row)
		if byKey[k] == nil {
			order = append(order, k)
		}
		seen := ""
		if f.Seen.Found {
			seen = strconv.FormatInt(f.Seen.Score, 10)
		}
		byKey[k] = append(byKey[k], f.Row.QuestionID, seen, f.Row.Due.Unix())
	}
	total := 0
	err := c.R.Do(ctx, "reconcile_correct", func(ctx context.Context, rdb redis.UniversalClient) error {
		pipe := rdb.Pipeline()
		cmds := make([]*redis.Cmd, len(order))
		for i, k := range order {
			cmds[i] = correctScript.Eval(ctx, pipe, []string{k}, byKey[k]...)
		}
		_, err := pipe.Exec(ctx)
		for _, cmd := range cmds {
			if n, err := cmd.Int(); err == nil {
				total += n
			}
		}
		return err
	})
	return total, err
}

// Rebuild writes one page of a season rebuild in one pipeline. A player's first page
// replaces the schedule and marks it incomplete until their last page, so a reader in
// between rebuilds it from the database rather than trusting a partial schedule. Items
// are added with NX: a review's write that lands during the rebuild keeps its value.
func (c *SeasonCache) Rebuild(ctx context.Context, groups []season.PlayerItems) error {
	if len(groups) == 0 {
		return nil
	}
	return c.R.Do(ctx, "season_rebuild", func(ctx context.Context, rdb redis.UniversalClient) error {
		pipe := rdb.Pipeline()
		for _, g := range groups {
			k := Key(cache.ScheduleKey{UserID: g.UserID, SeasonID: g.SeasonID})
			if g.First {
				pipe.Del(ctx, k)
				pipe.ZAdd(ctx, k, redis.Z{Score: incompleteScore, Member: Incomplete})
			}
			if len(g.Items) > 0 {
				pipe.ZAddNX(ctx, k, dueMembers(g.Items)...)
			}
			if g.Last {
				pipe.ZRem(ctx, k, Incomplete)
			}
			pipe.Expire(ctx, k, c.TTL)
		}
		_, err := pipe.Exec(ctx)
		return err
	})
}

// incompleteScore is +inf: the marker is never due.
var incompleteScore = math.Inf(1)

func dueMembers(rows []store.MemoryDue) []redis.Z {
	out := make([]redis.Z, len(rows))
	for i, r := range rows {
		out[i] = redis.Z{Score: float64(r.Due.Unix()), Member: r.QuestionID}
	}
	return out
}
