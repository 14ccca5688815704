package loadgen

import (
	"context"
	"math/rand/v2"
	"sync"
	"time"
)

// lateAfter is how far behind its planned time an arrival may be sent before it counts as late.
const lateAfter = time.Millisecond

// earlyBy is how much earlier than planned an arrival may go instead of sleeping.
const earlyBy = 100 * time.Microsecond

// openLoop sends actions at the planned rate whatever the server's speed, so a slow server
// is not offered less work (no coordinated omission): each action's latency counts from its
// planned time; an arrival finding MaxInFlight actions in flight, or no free student, is
// dropped and counted. New arrivals end with stop; requests end with ctx. It returns the
// dropped and late counts.
func (d *driver) openLoop(ctx, stop context.Context, opt RunOptions) (dropped, late int64) {
	rng := rand.New(rand.NewPCG(opt.Seed^0x09e4, 1))
	mean := time.Duration(float64(time.Second) / opt.Rate)
	inflight := make(chan struct{}, opt.MaxInFlight)
	var wg sync.WaitGroup
	defer wg.Wait()
	next := time.Now()
	for stop.Err() == nil && !d.budget.spent() {
		gap := mean
		if opt.Poisson {
			gap = time.Duration(rng.ExpFloat64() * float64(mean))
		}
		next = next.Add(gap)
		// Sleeping for less than a timer tick oversleeps: a little early is closer to plan.
		if wait := time.Until(next); wait > earlyBy {
			select {
			case <-time.After(wait):
			case <-stop.Done():
				return dropped, late
			}
		} else if -wait > lateAfter {
			late++
		}
		var s *vstudent
		select {
		case inflight <- struct{}{}:
		default:
			dropped++
			continue
		}
		select {
		case s = <-d.pool:
		default:
			<-inflight
			dropped++
			continue
		}
		a := d.mix.Pick(rng)
		wg.Add(1)
		// Latency counts from the planned time, or from now when sent a little early.
		since := next
		if now := time.Now(); now.Before(since) {
			since = now
		}
		go func() {
			defer func() { d.pool <- s; <-inflight; wg.Done() }()
			d.perform(ctx, s, a, since)
		}()
	}
	return dropped, late
}
