package season

import (
	"context"
	"errors"
	"math"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"memora/internal/cache"
	"memora/internal/cache/rediscache"
	"memora/internal/store"
)

// RedisDoer runs commands behind the circuit breaker, each call under the short command
// timeout (rediscache.Client). Bulk work is therefore split into many small calls.
type RedisDoer interface {
	Do(ctx context.Context, op string, fn func(ctx context.Context, rdb redis.UniversalClient) error) error
	Ping(ctx context.Context) error
	SafeMode() bool
}

// scheduleTTL matches the review schedule's lifetime (rediscache's default).
const scheduleTTL = 30 * 24 * time.Hour

// RedisCache is the ScheduleCache on the review schedule's Redis keys
// (srs:{<player>}:<season>, member = question id, score = due Unix seconds).
type RedisCache struct {
	R   RedisDoer
	TTL time.Duration
}

var _ ScheduleCache = (*RedisCache)(nil)

// NewRedisCache wraps r.
func NewRedisCache(r RedisDoer) *RedisCache { return &RedisCache{R: r, TTL: scheduleTTL} }

// SafeMode reports whether reviews are served from the database because Redis is down.
func (c *RedisCache) SafeMode() bool { return c.R.SafeMode() }

func key(row store.MemoryDue) string {
	return rediscache.Key(cache.ScheduleKey{UserID: row.UserID, SeasonID: row.SeasonID})
}

// Scores reads, in one pipeline, whether each row's schedule exists and is complete, and
// the row's score.
func (c *RedisCache) Scores(ctx context.Context, rows []store.MemoryDue) ([]Cached, error) {
	out := make([]Cached, len(rows))
	err := c.R.Do(ctx, "reconcile_read", func(ctx context.Context, rdb redis.UniversalClient) error {
		pipe := rdb.Pipeline()
		exists := map[string]*redis.IntCmd{}
		markers := map[string]*redis.FloatCmd{}
		scores := make([]*redis.FloatCmd, len(rows))
		for i, r := range rows {
			k := key(r)
			if exists[k] == nil {
				exists[k] = pipe.Exists(ctx, k)
				markers[k] = pipe.ZScore(ctx, k, rediscache.Incomplete)
			}
			scores[i] = pipe.ZScore(ctx, k, r.QuestionID)
		}
		if _, err := pipe.Exec(ctx); err != nil && !errors.Is(err, redis.Nil) {
			return err
		}
		for i, r := range rows {
			k := key(r)
			out[i] = Cached{KeyExists: exists[k].Val() > 0, Complete: errors.Is(markers[k].Err(), redis.Nil)}
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
func (c *RedisCache) Correct(ctx context.Context, fixes []Fix) (int, error) {
	byKey := map[string][]any{}
	var order []string
	for _, f := range fixes {
		k := key(f.Row)
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
func (c *RedisCache) Rebuild(ctx context.Context, groups []PlayerItems) error {
	if len(groups) == 0 {
		return nil
	}
	return c.R.Do(ctx, "season_rebuild", func(ctx context.Context, rdb redis.UniversalClient) error {
		pipe := rdb.Pipeline()
		for _, g := range groups {
			k := rediscache.Key(cache.ScheduleKey{UserID: g.UserID, SeasonID: g.SeasonID})
			if g.First {
				pipe.Del(ctx, k)
				pipe.ZAdd(ctx, k, redis.Z{Score: incompleteScore, Member: rediscache.Incomplete})
			}
			if len(g.Items) > 0 {
				pipe.ZAddNX(ctx, k, members(g.Items)...)
			}
			if g.Last {
				pipe.ZRem(ctx, k, rediscache.Incomplete)
			}
			pipe.Expire(ctx, k, c.TTL)
		}
		_, err := pipe.Exec(ctx)
		return err
	})
}

// incompleteScore is +inf: the marker is never due.
var incompleteScore = math.Inf(1)

func members(rows []store.MemoryDue) []redis.Z {
	out := make([]redis.Z, len(rows))
	for i, r := range rows {
		out[i] = redis.Z{Score: float64(r.Due.Unix()), Member: r.QuestionID}
	}
	return out
}
