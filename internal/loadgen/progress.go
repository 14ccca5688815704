package loadgen

import (
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"
)

// progress draws a one-line bar on a terminal (stderr): done/total, rows per second, ETA.
type progress struct {
	out   io.Writer
	what  string
	total int64
	start time.Time
	done  atomic.Int64 // units of total (students)
	rows  atomic.Int64
	stop  chan struct{}
	wg    sync.WaitGroup
}

func startProgress(out io.Writer, what string, total int64, every time.Duration) *progress {
	p := &progress{out: out, what: what, total: total, start: time.Now(), stop: make(chan struct{})}
	if out == nil {
		out = io.Discard
		p.out = out
	}
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-p.stop:
				return
			case <-t.C:
				p.draw("\r")
			}
		}
	}()
	return p
}

func (p *progress) add(done, rows int64) {
	p.done.Add(done)
	p.rows.Add(rows)
}

func (p *progress) draw(prefix string) {
	elapsed := time.Since(p.start)
	done, rows := p.done.Load(), p.rows.Load()
	pct := 100 * float64(done) / float64(max(p.total, 1))
	rate := float64(rows) / max(elapsed.Seconds(), 1e-9)
	eta := "?"
	if done > 0 {
		left := time.Duration(float64(elapsed) * float64(p.total-done) / float64(done))
		eta = left.Round(time.Second).String()
	}
	fmt.Fprintf(p.out, "%s%s %5.1f%% %d/%d, %d rows, %.0f rows/s, elapsed %s, ETA %s   ", prefix, p.what, pct, done,
		p.total, rows, rate, elapsed.Round(time.Second), eta)
}

// finish stops the bar and returns the elapsed time and the rows written.
func (p *progress) finish() (time.Duration, int64) {
	close(p.stop)
	p.wg.Wait()
	p.draw("\r")
	fmt.Fprintln(p.out)
	return time.Since(p.start), p.rows.Load()
}
