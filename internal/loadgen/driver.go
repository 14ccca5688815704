package loadgen

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// RunOptions describe a load run against a running server.
type RunOptions struct {
	URL string // base URL of the server, e.g. http://127.0.0.1:8000
	Mix Mix
	// Students is how many virtual students log in, spread evenly over a population of
	// Population students (so a run touches the whole table, not its first rows), starting
	// Offset students in: runs of one size with offsets 0 … Population/Students − 1 draw
	// students no other of them drew (a run drains its students' due items).
	Students   int
	Population int
	Offset     int
	// Shape of the population (Seed and Sessions decide which lessons each student has completed).
	Shape Shape
	// Closed loop: Concurrency students act back to back. Open loop (Rate > 0): actions arrive
	// at Rate per second (Poisson or uniform), at most MaxInFlight at once.
	Concurrency int
	Rate        float64
	Poisson     bool
	MaxInFlight int
	// The run ends at Duration or after Requests HTTP requests, whichever comes first (0: no bound).
	Duration time.Duration
	Requests int64
	Seed     uint64
	// Progress, when set, hears when the logins are done and the timed run begins.
	Progress io.Writer
	// Warmup: the load runs this long before Duration starts; its requests are not reported.
	Warmup time.Duration
	// Warm: right after logging in, each student opens a review session, as the app's first
	// screen does, outside the timed run; the run then measures students whose rows have
	// been read once (warm caches) instead of students arriving cold.
	Warm bool
	// Accounts, when set, are existing students to log in as (with Password) instead of the
	// population's: a run against a server that was not populated, e.g. `memora serve --demo`.
	// Virtual student i is Accounts[i mod len]; lessons come from each one's own map.
	Accounts []string
	Password string
	// ServerMetrics: read the server's own request-duration histogram (/metrics) when the
	// measured run starts and ends, and report the difference (Report.Server).
	ServerMetrics bool
}

// driver runs virtual students against the server.
type driver struct {
	call   *caller
	cat    *Catalog
	mix    Mix
	runID  string
	budget *budget
	pool   chan *vstudent
	// accounts: the students are existing accounts (RunOptions.Accounts), not the population's.
	accounts bool
	// perform is one action of a student: the API's (act) or the floor's (floorAct).
	perform func(ctx context.Context, s *vstudent, a Action, since time.Time)
}

// budget bounds the number of requests of a run; nil means unbounded.
type budget struct{ left atomic.Int64 }

func newBudget(n int64) *budget {
	if n <= 0 {
		return nil
	}
	b := &budget{}
	b.left.Store(n)
	return b
}

// take reserves one request; false when the budget is spent.
func (b *budget) take() bool { return b == nil || b.left.Add(-1) >= 0 }

func (b *budget) spent() bool { return b != nil && b.left.Load() <= 0 }

// Run logs the virtual students in (once each), then drives the mix and reports.
func Run(ctx context.Context, opt RunOptions) (*Report, error) {
	if err := opt.check(); err != nil {
		return nil, err
	}
	cat, err := CatalogFor(opt.Shape.Records, time.Now())
	if err != nil {
		return nil, err
	}
	conns := max(opt.Concurrency, opt.MaxInFlight)
	d := &driver{call: &caller{base: strings.TrimRight(opt.URL, "/"), hc: newHTTPClient(conns), rec: NewRecorder()},
		cat: cat, mix: opt.Mix, runID: strconv.FormatInt(time.Now().UnixMilli()%1e9, 36), budget: newBudget(opt.Requests),
		accounts: len(opt.Accounts) > 0}
	d.perform = d.act
	defer d.call.hc.CloseIdleConnections()
	login, err := d.loginAll(ctx, opt)
	if err != nil {
		return nil, err
	}
	if opt.Progress != nil {
		fmt.Fprintf(opt.Progress, "run: %d students logged in; driving the mix for %s\n", len(d.pool), opt.Duration)
	}
	rep := &Report{Name: "run", Mix: opt.Mix.String(), Students: len(d.pool), Login: &login}
	var server *serverWatch
	if opt.ServerMetrics {
		server = watchServer(ctx, d.call.hc, d.call.base, time.Now().Add(opt.Warmup))
	}
	rep.Elapsed = d.drive(ctx, opt, rep)
	if server != nil {
		if rep.Server, err = server.finish(ctx); err != nil {
			return nil, err
		}
	}
	rep.Endpoints, rep.Total = d.call.rec.Snapshot(rep.Elapsed)
	rep.Timeline = d.call.rec.Timeline()
	return rep, nil
}

func (o *RunOptions) check() error {
	if o.URL == "" {
		return errors.New("run: --url is required")
	}
	return o.checkLoad()
}

// studentNumber is the population number (1 … Population) of the i-th virtual student.
func (o *RunOptions) studentNumber(i int) int {
	return 1 + (o.Offset+i*o.Population/o.Students)%o.Population
}

// checkLoad checks what the real run and the floor share.
func (o *RunOptions) checkLoad() error {
	switch {
	case len(o.Accounts) > 0 && o.Password == "":
		return errors.New("run: --accounts needs --password")
	case len(o.Accounts) > 0 && o.Students < 1:
		return errors.New("run: give --students ≥ 1")
	case len(o.Accounts) == 0 && (o.Students < 1 || o.Population < o.Students):
		return fmt.Errorf("run: %d students cannot be drawn from a population of %d", o.Students, o.Population)
	case o.Offset < 0:
		return errors.New("run: --offset must be ≥ 0")
	case o.Rate < 0 || (o.Rate == 0 && o.Concurrency < 1):
		return errors.New("run: give --concurrency ≥ 1 (closed loop) or --rate > 0 (open loop)")
	case o.Duration <= 0 && o.Requests <= 0:
		return errors.New("run: give --duration or --requests, or both")
	}
	if o.Rate > 0 && o.MaxInFlight < 1 {
		o.MaxInFlight = 256
	}
	return nil
}

// loginAll signs every virtual student in, a few at a time (a login is an argon2 hash on the
// server, so logins are measured apart from the run).
func (d *driver) loginAll(ctx context.Context, opt RunOptions) (EndpointReport, error) {
	loginCall := &caller{base: d.call.base, hc: d.call.hc, rec: NewRecorder()}
	warmCall := &caller{base: d.call.base, hc: d.call.hc, rec: NewRecorder()} // not reported
	d.pool = make(chan *vstudent, opt.Students)
	start := time.Now()
	var mu sync.Mutex
	var firstErr error
	var index map[string]int32
	if d.mix.Has(ActSubmitOnly) && !d.accounts {
		index = atomIndex(d.cat)
	}
	sem := make(chan struct{}, max(min(opt.Concurrency, 8), 2))
	var wg sync.WaitGroup
	for i := range opt.Students {
		var (
			n               int
			email, password string
		)
		if d.accounts {
			n, email, password = i+1, opt.Accounts[i%len(opt.Accounts)], opt.Password
		} else {
			n = opt.studentNumber(i)
			email, password = Email(n), Password
		}
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			cookie, err := loginCall.login(ctx, email, password)
			s := &vstudent{n: n, cookie: cookie, rng: rand.New(rand.NewPCG(opt.Seed, uint64(n)))}
			if !d.accounts {
				s.completed = completedLessons(opt.Shape, d.cat, n)
				if index != nil {
					s.held = heldAtoms(opt.Shape, d.cat, index, n)
				}
			}
			if err == nil && d.needsTargets() {
				err = d.discover(ctx, s, warmCall)
			}
			if err == nil && opt.Warm {
				err = d.warm(ctx, s, warmCall)
			}
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				firstErr = firstOf(firstErr, err)
				return
			}
			d.pool <- s
		}()
	}
	wg.Wait()
	eps, _ := loginCall.rec.Snapshot(time.Since(start))
	if len(d.pool) == 0 {
		return EndpointReport{}, fmt.Errorf("run: no student could log in: %w", firstErr)
	}
	return eps[0], nil
}

// needsTargets reports whether students must find what they may open at login: pages of a
// subject, topic or lesson, or lessons of existing accounts.
func (d *driver) needsTargets() bool {
	for _, a := range Actions {
		if d.mix.Has(a) && (a.needsTargets() || (d.accounts && a == ActLesson)) {
			return true
		}
	}
	return false
}

// warm opens the student's review session once and keeps its cards for the first submission.
func (d *driver) warm(ctx context.Context, s *vstudent, c *caller) error {
	r := c.get(ctx, EPReviewSession, Paths[EPReviewSession], s.cookie, nil, time.Now())
	if !r.ok() {
		return fmt.Errorf("warm-up review session: status %d", r.status)
	}
	cards, err := reviewCards(r.body)
	if err != nil {
		return fmt.Errorf("warm-up review session: %w", err)
	}
	s.cards = cards
	return nil
}

func firstOf(have, err error) error {
	if have != nil {
		return have
	}
	return err
}

// drive runs the loop until the duration or the request budget ends, and returns how long.
// At the end no new action starts, and the requests in flight finish and are counted (only
// ctx, the caller's, cancels them).
func (d *driver) drive(ctx context.Context, opt RunOptions, rep *Report) time.Duration {
	stop, cancel := context.WithCancel(ctx)
	if opt.Duration > 0 {
		stop, cancel = context.WithTimeout(ctx, opt.Warmup+opt.Duration)
	}
	defer cancel()
	start := time.Now()
	if opt.Warmup > 0 {
		d.call.rec.MeasureFrom(start.Add(opt.Warmup))
		start = start.Add(opt.Warmup)
	}
	if opt.Rate > 0 {
		rep.Mode, rep.Rate = "open", opt.Rate
		rep.Dropped, rep.Late = d.openLoop(ctx, stop, opt)
	} else {
		rep.Mode, rep.Concurrency = "closed", opt.Concurrency
		d.closedLoop(ctx, stop, opt)
	}
	return time.Since(start)
}

// closedLoop: each worker takes a free student, performs one action, gives it back.
func (d *driver) closedLoop(ctx, stop context.Context, opt RunOptions) {
	var wg sync.WaitGroup
	for w := range opt.Concurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(opt.Seed^0xc105ed, uint64(w)))
			for stop.Err() == nil && !d.budget.spent() {
				var s *vstudent
				select {
				case s = <-d.pool:
				case <-stop.Done():
					return
				}
				d.perform(ctx, s, d.mix.Pick(rng), time.Now())
				d.pool <- s
			}
		}()
	}
	wg.Wait()
}
