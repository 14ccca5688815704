package rediscache

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
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
// Redis still refuses writes, fails, and that instance reads the database). Either write
// counts once a replica of the key's master has it (replicated): a change only on a master
// that then fails would come back undone on its promoted replica. Only when neither write
// is made, or made but not replicated, is an error returned (identity retries it in the
// background, and trusts none of the user's stamps meanwhile).
func (e SessionEpochs) Change(ctx context.Context, userID int64) error {
	key := e.key(userID)
	// The WAIT takes at most half the command timeout (the connection's read deadline), and
	// the change as long as a command and its WAIT.
	wait := min(replicaWait, e.C.opts.Timeout/2)
	var copied bool
	err := e.C.do(ctx, "session_epoch_change", e.C.opts.Timeout+wait, func(ctx context.Context, rdb redis.UniversalClient) (err error) {
		copied, err = replicated(ctx, rdb, key, wait, func(pipe redis.Pipeliner) { pipe.Set(ctx, key, newEpoch(), sessionEpochTTL) })
		return err
	})
	if err != nil && ctx.Err() == nil {
		derr := e.C.do(ctx, "session_epoch_delete", e.C.opts.Timeout+wait, func(ctx context.Context, rdb redis.UniversalClient) (err error) {
			copied, err = replicated(ctx, rdb, key, wait, func(pipe redis.Pipeliner) { pipe.Del(ctx, key) })
			return err
		})
		if derr != nil {
			return fmt.Errorf("session epoch of user %d: set: %w; delete: %w", userID, err, derr)
		}
	} else if err != nil {
		return err
	}
	if !copied {
		return fmt.Errorf("session epoch of user %d: %w", userID, errNotReplicated)
	}
	return nil
}

// replicaWait is how long a change of an epoch waits for a replica to acknowledge it (at
// most; see Change).
const replicaWait = 100 * time.Millisecond

// errNotReplicated is a write the key's master made but no replica acknowledged in time.
var errNotReplicated = errors.New("written on the master, not acknowledged by its replicas")

// replicated runs write (one command on key) on key's master, on one connection, with INFO
// replication; when the master has replicas it then WAITs (up to wait) on that connection
// for one to acknowledge the write (a WAIT counts the writes of its own connection, and with no replica
// it would block for its whole timeout). It reports whether the write is safe from a
// failover: acknowledged in time, or on a master without replicas. An error is
// Redis's (the write may not be made); a false is not one of Redis's, so the breaker does
// not hear of it. A client whose master cannot be told (neither a plain nor a cluster
// client) writes without waiting.
func replicated(ctx context.Context, rdb redis.UniversalClient, key string, wait time.Duration,
	write func(redis.Pipeliner)) (bool, error) {
	var master *redis.Client
	switch c := rdb.(type) {
	case *redis.Client:
		master = c
	case *redis.ClusterClient:
		m, err := c.MasterForKey(ctx, key)
		if err != nil {
			return false, err
		}
		master = m
	default:
		pipe := rdb.Pipeline()
		write(pipe)
		_, err := pipe.Exec(ctx)
		return err == nil, err
	}
	conn := master.Conn()
	defer conn.Close()
	pipe := conn.Pipeline()
	write(pipe)
	info := pipe.Info(ctx, "replication")
	if _, err := pipe.Exec(ctx); err != nil {
		return false, err
	}
	if connectedReplicas(info.Val()) == 0 {
		return true, nil
	}
	acks, err := conn.Do(ctx, "WAIT", 1, max(wait.Milliseconds(), 1)).Int64()
	return err == nil && acks >= 1, err
}

// connectedReplicas reads connected_slaves from INFO replication (0 when absent).
func connectedReplicas(info string) int {
	for line := range strings.Lines(info) {
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), "connected_slaves:"); ok {
			n, _ := strconv.Atoi(v)
			return n
		}
	}
	return 0
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
