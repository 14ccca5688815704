package rediscache

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"time"

	"github.com/redis/go-redis/v9"
)

// LoginCounts keeps the login and sign-up failure counts in Redis (identity.SharedCounts), so
// the per-account and per-address limits hold across every instance behind a load balancer.
// Each key is a counter whose window starts with its first count (INCR, then PEXPIRE). A
// fixed-window counter rather than redis_rate's GCRA: an attempt is counted before the
// password is checked and given back when it succeeds (Refund), which GCRA cannot express.
type LoginCounts struct {
	C      *Client
	Prefix string // e.g. "login:acct:" or "login:addr:"
}

// key is the Redis key of a limiter key: hashed, so e-mail addresses are not stored in Redis.
func (l LoginCounts) key(k string) string {
	sum := sha256.Sum256([]byte(k))
	return l.Prefix + hex.EncodeToString(sum[:16])
}

// takeScript counts an attempt unless the key is at its limit: KEYS[1], ARGV limit, window ms.
// It returns {1, 0} when counted, {0, pttl} when refused.
var takeScript = redis.NewScript(`
local n = tonumber(redis.call('GET', KEYS[1]) or '0')
if n >= tonumber(ARGV[1]) then
  return {0, redis.call('PTTL', KEYS[1])}
end
n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return {1, 0}`)

var countScript = redis.NewScript(`
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return n`)

var refundScript = redis.NewScript(`
local n = tonumber(redis.call('GET', KEYS[1]) or '0')
if n > 0 then redis.call('DECR', KEYS[1]) end
return 0`)

// Take implements identity.SharedCounts.
func (l LoginCounts) Take(ctx context.Context, key string, limit int, window time.Duration) (bool, time.Duration, error) {
	var res []int64
	err := l.C.Do(ctx, "login_take", func(ctx context.Context, rdb redis.UniversalClient) error {
		var err error
		res, err = takeScript.Run(ctx, rdb, []string{l.key(key)}, limit, window.Milliseconds()).Int64Slice()
		return err
	})
	if err != nil {
		return false, 0, err
	}
	return res[0] == 1, time.Duration(max(res[1], 0)) * time.Millisecond, nil
}

// Count implements identity.SharedCounts.
func (l LoginCounts) Count(ctx context.Context, key string, window time.Duration) error {
	return l.C.Do(ctx, "login_count", func(ctx context.Context, rdb redis.UniversalClient) error {
		return countScript.Run(ctx, rdb, []string{l.key(key)}, window.Milliseconds()).Err()
	})
}

// Refund implements identity.SharedCounts.
func (l LoginCounts) Refund(ctx context.Context, key string) error {
	return l.C.Do(ctx, "login_refund", func(ctx context.Context, rdb redis.UniversalClient) error {
		return refundScript.Run(ctx, rdb, []string{l.key(key)}).Err()
	})
}

// Reset implements identity.SharedCounts.
func (l LoginCounts) Reset(ctx context.Context, key string) error {
	return l.C.Do(ctx, "login_reset", func(ctx context.Context, rdb redis.UniversalClient) error {
		return rdb.Del(ctx, l.key(key)).Err()
	})
}

// Blocked implements identity.SharedCounts.
func (l LoginCounts) Blocked(ctx context.Context, key string, limit int) (bool, time.Duration, error) {
	var n, ttl int64
	err := l.C.Do(ctx, "login_blocked", func(ctx context.Context, rdb redis.UniversalClient) error {
		v, err := rdb.Get(ctx, l.key(key)).Int64()
		if errors.Is(err, redis.Nil) {
			return nil
		}
		if err != nil {
			return err
		}
		n = v
		d, err := rdb.PTTL(ctx, l.key(key)).Result()
		ttl = d.Milliseconds()
		return err
	})
	if err != nil || n < int64(limit) {
		return false, 0, err
	}
	return true, time.Duration(max(ttl, 0)) * time.Millisecond, nil
}
