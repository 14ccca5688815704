// Package rediscache implements the cache interfaces on Redis 6+/7, standalone or Cluster,
// through go-redis's UniversalClient. Every command runs under a short timeout with no
// retries, behind a circuit breaker (cache.Breaker): while it is open the callers serve from
// the database in Safe Mode, and a PING probe after a cooldown brings Redis back by itself.
// One player's keys carry the player id as a hash tag, so they share a Cluster slot.
//
// Memory. A schedule is one sorted set per (player, season): member = question id, score =
// due Unix seconds (an integer, stored compactly). Redis keeps a sorted set in the compact
// listpack encoding (about 10–20 bytes per item instead of ~80 in a skiplist) while it has at
// most zset-max-listpack-entries members (default 128) and every member is at most
// zset-max-listpack-value bytes (default 64). Question ids are "<stage id>[:<index>]"; keep
// stage ids under ~60 bytes so members stay under 64. Players of a season hold hundreds to a
// few thousand items, so a production Redis should raise zset-max-listpack-entries (e.g. to
// 1024–4096): listpack operations are O(n), which stays cheap at that size, and the memory
// saved is about 5×. Beyond a few thousand items the skiplist is the better structure. The
// load generator issue measures where the knee is on this machine.
package rediscache

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/redis/go-redis/v9"

	"memora/internal/cache"
	"memora/internal/clock"
)

// Options tune the client; zero values take the defaults.
type Options struct {
	Timeout          time.Duration // each command (default 200 ms)
	RebuildTimeout   time.Duration // rebuilding one player's schedule (default 2 s)
	FailureThreshold int           // consecutive failures that open the breaker (default 8)
	Cooldown         time.Duration // open time before a PING probe (default 5 s)
	TTL              time.Duration // schedule lifetime, refreshed by every use (default 30 days)
	Metrics          Metrics
	Logger           *slog.Logger
}

// Metrics are the collectors the client updates; nil ones are skipped.
type Metrics struct {
	Up       prometheus.Gauge       // 1 while the breaker is closed
	SafeMode prometheus.Gauge       // 1 while it is open
	Latency  prometheus.ObserverVec // seconds per command, label "op"
}

func (o Options) withDefaults() Options {
	if o.Timeout <= 0 {
		o.Timeout = 200 * time.Millisecond
	}
	if o.RebuildTimeout <= 0 {
		o.RebuildTimeout = 2 * time.Second
	}
	if o.FailureThreshold <= 0 {
		// Several in a row, not one or two: an overloaded app process also sees slow
		// replies, and Safe Mode's limits would only deepen that overload.
		o.FailureThreshold = 8
	}
	if o.Cooldown <= 0 {
		o.Cooldown = 5 * time.Second
	}
	if o.TTL <= 0 {
		o.TTL = 30 * 24 * time.Hour
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	return o
}

// Client is a Redis client behind a circuit breaker.
type Client struct {
	rdb     redis.UniversalClient
	breaker *cache.Breaker
	opts    Options
	stale   *staleKeys
}

// Open connects to the MEMORA_REDIS_URL elements. It does not fail when Redis is down:
// the breaker starts open and the first probe after the cooldown finds Redis again.
func Open(ctx context.Context, addrs []string, clk clock.Clock, opts Options) (*Client, error) {
	u, err := UniversalOptions(addrs, opts.withDefaults().Timeout)
	if err != nil {
		return nil, err
	}
	c := New(redis.NewUniversalClient(u), clk, opts)
	if err := c.Ping(ctx); err != nil {
		c.opts.Logger.Warn("redis is not answering: reviews start in Safe Mode", "err", err)
		c.breaker.Trip()
	}
	return c, nil
}

// New wraps rdb.
func New(rdb redis.UniversalClient, clk clock.Clock, opts Options) *Client {
	opts = opts.withDefaults()
	c := &Client{rdb: rdb, opts: opts, stale: newStaleKeys(staleKeysMax)}
	c.breaker = cache.NewBreaker(clk, opts.FailureThreshold, opts.Cooldown, c.changed)
	c.setGauges(false)
	return c
}

// Close closes the connections.
func (c *Client) Close() error { return c.rdb.Close() }

// SafeMode reports whether Redis is treated as down (the breaker is open).
func (c *Client) SafeMode() bool { return c.breaker.Open() }

// Ping asks Redis directly, bypassing the breaker (readiness checks).
func (c *Client) Ping(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, c.opts.Timeout)
	defer cancel()
	if err := c.rdb.Ping(ctx).Err(); err != nil {
		return fmt.Errorf("redis ping: %w", err)
	}
	return nil
}

// Do runs fn against Redis under the command timeout when the breaker allows it, and tells
// the breaker how it went. While the breaker is open it returns cache.ErrUnavailable at once.
func (c *Client) Do(ctx context.Context, op string, fn func(ctx context.Context, rdb redis.UniversalClient) error) error {
	return c.do(ctx, op, c.opts.Timeout, fn)
}

func (c *Client) do(ctx context.Context, op string, timeout time.Duration, fn func(context.Context, redis.UniversalClient) error) error {
	ok, probe := c.breaker.Allow()
	if !ok {
		return cache.ErrUnavailable
	}
	if probe {
		if err := c.probe(ctx); err != nil {
			return err
		}
	}
	if err := c.flushStale(ctx); err != nil {
		return err
	}
	return c.call(ctx, op, timeout, fn)
}

// probe is the half-open PING. It does not follow the caller's cancellation: a probe must
// always end in Success or Failure, or the breaker would wait for it forever. On a Cluster
// every master of the client's slot map is pinged: one node answering says nothing about
// the slots of a master that died, and the map is reloaded until a replica has taken over.
func (c *Client) probe(ctx context.Context) error {
	return c.call(context.WithoutCancel(ctx), "ping", c.opts.Timeout,
		func(ctx context.Context, rdb redis.UniversalClient) error {
			if cc, ok := rdb.(*redis.ClusterClient); ok {
				return cc.ForEachMaster(ctx, func(ctx context.Context, m *redis.Client) error { return m.Ping(ctx).Err() })
			}
			return rdb.Ping(ctx).Err()
		})
}

func (c *Client) call(ctx context.Context, op string, timeout time.Duration, fn func(context.Context, redis.UniversalClient) error) error {
	cctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	start := time.Now() // wall time on purpose: latency is measured, not scheduled
	err := fn(cctx, c.rdb)
	if c.opts.Metrics.Latency != nil {
		c.opts.Metrics.Latency.WithLabelValues(op).Observe(time.Since(start).Seconds())
	}
	switch {
	case !unreachable(err):
		c.breaker.Success()
	case ctx.Err() != nil:
		// The caller went away; that says nothing about Redis.
	default:
		c.breaker.Failure()
		c.reloadSlots()
	}
	if err != nil {
		return fmt.Errorf("redis %s: %w", op, err)
	}
	return nil
}

// reloadSlots asks a Cluster client to read the slot map again (in the background, at most
// one reload at a time). go-redis does so by itself on a MOVED reply or once a minute, not
// when a master stops answering: after a failover it would keep sending a dead master's
// slots to it, and Safe Mode would last a minute instead of the failover's few seconds.
func (c *Client) reloadSlots() {
	if cc, ok := c.rdb.(*redis.ClusterClient); ok {
		cc.ReloadState(context.Background())
	}
}

// unreachable reports errors that mean Redis cannot serve: network errors, timeouts and the
// replies of a server that is loading, read-only or has lost its cluster. A missing key or
// an ordinary error reply means Redis answered.
func unreachable(err error) bool {
	if err == nil || errors.Is(err, redis.Nil) {
		return false
	}
	var reply redis.Error
	if errors.As(err, &reply) {
		for _, p := range []string{"LOADING", "READONLY", "CLUSTERDOWN", "MASTERDOWN", "TRYAGAIN"} {
			if strings.HasPrefix(reply.Error(), p) {
				return true
			}
		}
		return false
	}
	return true
}

func (c *Client) changed(open bool) {
	if open {
		c.opts.Logger.Warn("redis unreachable: Safe Mode on")
	} else {
		c.opts.Logger.Info("redis answers again: Safe Mode off")
	}
	c.setGauges(open)
}

func (c *Client) setGauges(open bool) {
	up, safe := 1.0, 0.0
	if open {
		up, safe = 0, 1
	}
	if c.opts.Metrics.Up != nil {
		c.opts.Metrics.Up.Set(up)
	}
	if c.opts.Metrics.SafeMode != nil {
		c.opts.Metrics.SafeMode.Set(safe)
	}
}
