package rediscache

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"memora/internal/cache"
)

// Incomplete is the member that marks a schedule Put created before any rebuild: it holds
// only the items just written, so the next read rebuilds the rest from the database. Its
// score is +inf, so it is never due. Question ids are never empty.
const Incomplete = ""

// rebuildChunk is how many members one ZADD of a rebuild carries.
const rebuildChunk = 1000

// Key is the schedule key of a (player, season): the player id is the hash tag.
func Key(k cache.ScheduleKey) string {
	return "srs:{" + strconv.FormatInt(k.UserID, 10) + "}:" + k.SeasonID
}

// Schedule is the review schedule in Redis, one sorted set per (player, season); every read
// and write refreshes its TTL, so active players never fall back to a rebuild.
//
// Concurrent rebuilds and writes cannot lose a write: Put overwrites scores (and marks a
// schedule it creates as Incomplete), while a rebuild only adds members that are missing
// (ZADD NX). Whatever their order, an item written after its commit keeps that due time.
type Schedule struct {
	c      *Client
	source cache.ScheduleSource
}

var _ cache.DueQueue = (*Schedule)(nil)

// NewSchedule returns the schedule over c, rebuilt from source when missing.
func NewSchedule(c *Client, source cache.ScheduleSource) *Schedule {
	return &Schedule{c: c, source: source}
}

// Due returns up to limit question ids due at or before now (ZRANGEBYSCORE), soonest
// first. A missing or incomplete schedule is rebuilt from the database first. A session
// epoch read left in ctx (SessionEpochs.Defer) goes in the same pipeline.
func (s *Schedule) Due(ctx context.Context, k cache.ScheduleKey, now time.Time, limit int) ([]string, error) {
	ids, complete, err := s.read(ctx, "due", k, now, limit, deferredEpochFor(ctx, s.c))
	if err != nil || complete {
		return ids, err
	}
	return s.rebuild(ctx, k, now, limit)
}

// read is one round trip: it refreshes the schedule's TTL and reads up to limit (0: all)
// due ids, and the epoch read when there is one. complete is false when the schedule is
// missing or marked Incomplete: the ids are not all there is.
func (s *Schedule) read(ctx context.Context, op string, k cache.ScheduleKey, now time.Time, limit int,
	epoch *deferredEpoch) (ids []string, complete bool, err error) {
	key := Key(k)
	err = s.c.Do(ctx, op, func(ctx context.Context, rdb redis.UniversalClient) error {
		pipe := rdb.Pipeline()
		var epochRead func()
		if epoch != nil {
			epochRead = epoch.queue(ctx, pipe)
		}
		exists := pipe.Expire(ctx, key, s.c.opts.TTL)
		due := pipe.ZRangeByScore(ctx, key, dueRange(now, limit))
		marker := pipe.ZScore(ctx, key, Incomplete)
		_, _ = pipe.Exec(ctx)
		if epochRead != nil {
			epochRead()
		}
		if err := errors.Join(exists.Err(), due.Err(), ignoreNil(marker.Err())); err != nil {
			return err
		}
		ids, complete = due.Val(), exists.Val() && marker.Err() != nil
		return nil
	})
	return ids, complete, err
}

// rebuild loads the player's schedule from the database (one query) and adds what Redis
// lacks in one pipeline, then reads the due items.
func (s *Schedule) rebuild(ctx context.Context, k cache.ScheduleKey, now time.Time, limit int) ([]string, error) {
	items, err := s.source.LoadSchedule(ctx, k)
	if err != nil {
		return nil, fmt.Errorf("rebuild schedule: %w", err)
	}
	key := Key(k)
	var ids []string
	err = s.c.do(ctx, "rebuild", s.c.opts.RebuildTimeout, func(ctx context.Context, rdb redis.UniversalClient) error {
		pipe := rdb.Pipeline()
		for chunk := range slices.Chunk(items, rebuildChunk) {
			pipe.ZAddNX(ctx, key, members(chunk)...)
		}
		pipe.ZRem(ctx, key, Incomplete)
		pipe.Expire(ctx, key, s.c.opts.TTL)
		due := pipe.ZRangeByScore(ctx, key, dueRange(now, limit))
		if _, err := pipe.Exec(ctx); err != nil {
			return err
		}
		ids = due.Val()
		return nil
	})
	return ids, err
}

// putScript writes due times; a schedule it has to create is marked Incomplete.
var putScript = redis.NewScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then
  redis.call('ZADD', KEYS[1], 'inf', ARGV[2])
end
redis.call('ZADD', KEYS[1], unpack(ARGV, 3))
redis.call('EXPIRE', KEYS[1], ARGV[1])
return 1
`)

// putChunk keeps a script's arguments well under Lua's stack limit.
const putChunk = 1000

// Put sets the due times of items after their commit. When it fails the schedule is
// remembered as stale and deleted once Redis answers again.
func (s *Schedule) Put(ctx context.Context, k cache.ScheduleKey, items []cache.DueItem) error {
	if len(items) == 0 {
		return nil
	}
	key := Key(k)
	err := s.c.Do(ctx, "put", func(ctx context.Context, rdb redis.UniversalClient) error {
		for chunk := range slices.Chunk(items, putChunk) {
			args := make([]any, 0, 2+2*len(chunk))
			args = append(args, int64(s.c.opts.TTL/time.Second), Incomplete)
			for _, it := range chunk {
				args = append(args, it.Due.Unix(), it.QuestionID)
			}
			if err := putScript.Run(ctx, rdb, []string{key}, args...).Err(); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		s.c.stale.add(key)
	}
	return err
}

// Remove drops retired questions from the schedule.
func (s *Schedule) Remove(ctx context.Context, k cache.ScheduleKey, questionIDs []string) error {
	if len(questionIDs) == 0 {
		return nil
	}
	key := Key(k)
	err := s.c.Do(ctx, "remove", func(ctx context.Context, rdb redis.UniversalClient) error {
		pipe := rdb.Pipeline()
		pipe.ZRem(ctx, key, anys(questionIDs)...)
		pipe.Expire(ctx, key, s.c.opts.TTL)
		_, err := pipe.Exec(ctx)
		return err
	})
	if err != nil {
		s.c.stale.add(key)
	}
	return err
}

func dueRange(now time.Time, limit int) *redis.ZRangeBy {
	return &redis.ZRangeBy{Min: "-inf", Max: strconv.FormatInt(now.Unix(), 10), Count: int64(limit)}
}

func members(items []cache.DueItem) []redis.Z {
	out := make([]redis.Z, len(items))
	for i, it := range items {
		out[i] = redis.Z{Score: float64(it.Due.Unix()), Member: it.QuestionID}
	}
	return out
}

func anys(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

func ignoreNil(err error) error {
	if errors.Is(err, redis.Nil) {
		return nil
	}
	return err
}
