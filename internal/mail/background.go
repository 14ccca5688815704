package mail

import (
	"context"
	"log/slog"
	"sync"
)

// maxInFlight bounds the messages a Background mailer sends at once; more wait their turn.
const maxInFlight = 32

// Background is a Mailer that hands each message to its own goroutine and returns at once,
// so a caller's response time does not depend on the mail server: a password reset request
// for an existing account answers as fast as one for an unknown address. Failures are
// logged. Wait blocks until everything handed over has been sent (at shutdown, in tests).
type Background struct {
	Mailer Mailer
	Logger *slog.Logger

	once  sync.Once
	slots chan struct{}
	wg    sync.WaitGroup
}

// Send starts sending m (with a context that outlives the caller's request, bounded by
// Timeout) and returns nil.
func (b *Background) Send(ctx context.Context, m Message) error {
	b.once.Do(func() { b.slots = make(chan struct{}, maxInFlight) })
	b.slots <- struct{}{}
	b.wg.Add(1)
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), Timeout)
	go func() {
		defer func() { <-b.slots; cancel(); b.wg.Done() }()
		if err := b.Mailer.Send(ctx, m); err != nil && b.Logger != nil {
			b.Logger.Error("e-mail not sent", "to", m.To, "subject", m.Subject, "err", err)
		}
	}()
	return nil
}

// Wait blocks until every message handed over so far has been sent or has failed.
func (b *Background) Wait() { b.wg.Wait() }
