package rediscache

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
)

// SessionEpochs keeps each user's session epoch in Redis (identity.SessionEpochs), shared by
// every instance: a random value, replaced by a new random value whenever the user's
// sessions end or change. A value is never reused (a lost and re-created key, or one that
// expired, gets a new one), so an epoch a server confirmed a session at means nothing has
// changed since, and a missing key is made anew rather than trusted.
type SessionEpochs struct {
	C      *Client
	Prefix string // e.g. "session:epoch:"
}

// sessionEpochTTL keeps an idle user's epoch a day: servers cache a session far less long,
// and a key made anew has a new value.
const sessionEpochTTL = 24 * time.Hour

func (e SessionEpochs) key(userID int64) string { return e.Prefix + strconv.FormatInt(userID, 10) }

// newEpoch is a random positive value in [1, 2^62]: never one a key had before, in practice
// (two draws agree with probability 2^-62), and never 0, the zero stamp.
func newEpoch() int64 { return rand.Int64N(1<<62) + 1 }

// Epoch implements identity.SessionEpochs: one GET, or for a user with none, SET NX and GET
// in one round trip.
func (e SessionEpochs) Epoch(ctx context.Context, userID int64) (int64, error) {
	key := e.key(userID)
	var v int64
	err := e.C.Do(ctx, "session_epoch", func(ctx context.Context, rdb redis.UniversalClient) error {
		var err error
		v, err = rdb.Get(ctx, key).Int64()
		if !errors.Is(err, redis.Nil) {
			return err
		}
		pipe := rdb.Pipeline()
		pipe.SetNX(ctx, key, newEpoch(), sessionEpochTTL)
		get := pipe.Get(ctx, key)
		if _, err := pipe.Exec(ctx); err != nil {
			return err
		}
		v, err = get.Int64()
		return err
	})
	return v, err
}

// Change implements identity.SessionEpochs: SET a new value, or when Redis refuses that,
// DEL the key. A Redis at maxmemory with noeviction refuses SET (OOM) but still deletes,
// and a deleted epoch is changed as surely as a replaced one: the next Epoch on any
// instance finds none and makes a new random value, never one it had before (or, while
// Redis still refuses writes, fails, and that instance reads the database). Only when both
// fail is the error returned (identity retries it in the background).
func (e SessionEpochs) Change(ctx context.Context, userID int64) error {
	key := e.key(userID)
	err := e.C.Do(ctx, "session_epoch_change", func(ctx context.Context, rdb redis.UniversalClient) error {
		return rdb.Set(ctx, key, newEpoch(), sessionEpochTTL).Err()
	})
	if err == nil || ctx.Err() != nil {
		return err
	}
	derr := e.C.Do(ctx, "session_epoch_delete", func(ctx context.Context, rdb redis.UniversalClient) error {
		return rdb.Del(ctx, key).Err()
	})
	if derr != nil {
		return fmt.Errorf("session epoch of user %d: set: %w; delete: %w", userID, err, derr)
	}
	return nil
}

// deferredEpoch is a user's epoch read left to the next Redis pipeline of a request
// (SessionEpochs.Defer): that pipeline sends the GET along with its own commands.
type deferredEpoch struct {
	c     *Client
	key   string
	taken bool  // a pipeline sent the GET
	val   int64 // what it read, when err is nil
	err   error
}

type deferredEpochKey struct{}

// Defer implements identity.DeferredEpochs: it returns ctx carrying a read of userID's epoch
// that the next pipeline of this client run under it (Schedule.Due) sends along with its
// commands, and read, which returns that value, or reads it itself (Epoch) when no pipeline
// took it or the key was missing.
func (e SessionEpochs) Defer(ctx context.Context, userID int64) (context.Context, func(context.Context) (int64, error)) {
	d := &deferredEpoch{c: e.C, key: e.key(userID)}
	read := func(ctx context.Context) (int64, error) {
		if d.taken && !errors.Is(d.err, redis.Nil) {
			return d.val, d.err
		}
		return e.Epoch(ctx, userID)
	}
	return context.WithValue(ctx, deferredEpochKey{}, d), read
}

// deferredEpochFor returns the epoch read waiting in ctx for a pipeline of c; nil when there
// is none.
func deferredEpochFor(ctx context.Context, c *Client) *deferredEpoch {
	d, _ := ctx.Value(deferredEpochKey{}).(*deferredEpoch)
	if d == nil || d.taken || d.c != c {
		return nil
	}
	return d
}

// queue adds the GET to pipe; done records its reply once pipe has run (or failed). A read
// that was never queued (the breaker refused the pipeline) is made by Defer's read itself.
func (d *deferredEpoch) queue(ctx context.Context, pipe redis.Pipeliner) (done func()) {
	d.taken = true
	get := pipe.Get(ctx, d.key)
	return func() { d.val, d.err = get.Int64() }
}
