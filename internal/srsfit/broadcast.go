package srsfit

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/redis/go-redis/v9"
)

// Channel is the Redis Pub/Sub channel on which a server that changed the set in use of an
// institution's season (a fit, pin, reset or manual version) tells the others.
const Channel = "memora:srs-params"

// Broadcast tells every server of a change of the set in use at once (docs/srs.md §12).
// Changed drops the set on this server and publishes "<institution>\x00<season>" on Channel;
// every server's subscriber (Start) drops it on receipt. The subscription is live from its
// confirmation until its connection fails or stays silent for two ping intervals; whenever
// it is (re)confirmed every cached set is dropped, since messages sent while it was down are
// lost. While it is not live, Live is false and the read cache checks each cached set
// against the database (store.SRSParamsInUse) before serving it, so a change is still seen
// at the next request; without Redis there is no Broadcast and that check always runs.
type Broadcast struct {
	Redis redis.UniversalClient
	// Forget drops one institution's season's cached set; ForgetAll drops every set.
	Forget    func(institutionID, seasonID string)
	ForgetAll func()
	Logger    *slog.Logger
	// Ping is how long the subscriber waits for a message before pinging (default 5 s).
	Ping time.Duration

	live   atomic.Bool
	cancel context.CancelFunc
	done   chan struct{}
	mu     sync.Mutex
}

// Live is true while the subscription is known to receive every change.
func (b *Broadcast) Live() bool { return b != nil && b.live.Load() }

// Changed drops the set on this server and tells the others (best effort: a server that
// misses it is not live, or was not live when it was sent, and checks the database).
func (b *Broadcast) Changed(institutionID, seasonID string) {
	b.Forget(institutionID, seasonID)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := b.Redis.Publish(ctx, Channel, institutionID+"\x00"+seasonID).Err(); err != nil {
		b.logger().Warn("srs parameters: publishing a change failed; other servers check the database while their subscription is down",
			"institution", institutionID, "season", seasonID, "err", err)
	}
}

// Start subscribes in the background until Stop.
func (b *Broadcast) Start(ctx context.Context) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.cancel != nil {
		return nil
	}
	ctx, b.cancel = context.WithCancel(context.WithoutCancel(ctx))
	b.done = make(chan struct{})
	go b.run(ctx)
	return nil
}

// Stop ends the subscription, waits for its goroutine and closes Redis (the Broadcast's own
// client).
func (b *Broadcast) Stop() {
	b.mu.Lock()
	cancel, done := b.cancel, b.done
	b.cancel = nil
	b.mu.Unlock()
	if cancel == nil {
		return
	}
	cancel()
	<-done
	b.live.Store(false)
	_ = b.Redis.Close()
}

func (b *Broadcast) run(ctx context.Context) {
	defer close(b.done)
	ping := b.Ping
	if ping <= 0 {
		ping = 5 * time.Second
	}
	ps := b.Redis.Subscribe(ctx, Channel)
	defer ps.Close()
	silent := 0 // receive timeouts in a row
	backoff := 100 * time.Millisecond
	for ctx.Err() == nil {
		msg, err := ps.ReceiveTimeout(ctx, ping)
		if err != nil {
			if ctx.Err() != nil {
				return
			}
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				if silent++; silent >= 2 { // not even the last ping's answer came
					b.setLive(false, err)
				}
				_ = ps.Ping(ctx) // answered by a Pong below while the connection lives
				continue
			}
			// The connection failed; the next receive reconnects and subscribes again.
			b.setLive(false, err)
			select {
			case <-ctx.Done():
				return
			case <-time.After(backoff):
			}
			backoff = min(2*backoff, 5*time.Second)
			continue
		}
		silent, backoff = 0, 100*time.Millisecond
		switch m := msg.(type) {
		case *redis.Subscription:
			if m.Kind == "subscribe" {
				// Changes sent before this (re)subscription were not received.
				b.ForgetAll()
				b.setLive(true, nil)
			}
		case *redis.Message:
			if inst, season, ok := strings.Cut(m.Payload, "\x00"); ok {
				b.Forget(inst, season)
			} else {
				b.ForgetAll()
			}
		case *redis.Pong:
			if !b.live.Load() { // the connection was only slow: back, conservatively as after a resubscription
				b.ForgetAll()
				b.setLive(true, nil)
			}
		}
	}
}

func (b *Broadcast) setLive(live bool, err error) {
	if b.live.Swap(live) != live {
		if live {
			b.logger().Info("srs parameters: change subscription live")
		} else {
			b.logger().Warn("srs parameters: change subscription down; cached sets are checked against the database", "err", err)
		}
	}
}

func (b *Broadcast) logger() *slog.Logger {
	if b.Logger == nil {
		return slog.New(slog.DiscardHandler)
	}
	return b.Logger
}
