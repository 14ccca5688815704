package trials

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"memora/internal/pgtest"
	"memora/internal/redistest"
	"memora/internal/store"
)

// TestFaults keeps review submissions going while the app is SIGKILLed and restarted,
// Redis is killed and restarted, Redis is frozen (SIGSTOP) and resumed, and — on PostgreSQL
// — the database is crashed and restarted, and stopped for a while. Redis and PostgreSQL are
// the trial's own processes (redistest.StartServer, pgtest.StartPrimary).
// After the faults, every acknowledged submission must be in the database; during them the
// server answers 503 with Retry-After, never 500; Safe Mode comes and goes by itself.
func TestFaults(t *testing.T) {
	t.Parallel()
	t.Run("sqlite+redis", func(t *testing.T) {
		t.Parallel()
		su := sqliteSetup(t)
		rs := redistest.StartServer(t)
		su.redisURL = rs.URL()
		f := newFaultTrial(t, su)
		f.run("app SIGKILL", func() { f.srv.Kill() }, func() { f.srv.Start() }, false)
		f.run("Redis killed", rs.Kill, rs.Start, true)
		f.run("Redis frozen", rs.Freeze, rs.Thaw, true)
		f.check()
	})
	if !withPostgres() {
		return
	}
	t.Run("postgres+redis", func(t *testing.T) {
		t.Parallel()
		pg := pgtest.StartPrimary(t)
		su := setup{engine: store.Postgres, dbURL: pg.URL()}
		rs := redistest.StartServer(t)
		su.redisURL = rs.URL()
		f := newFaultTrial(t, su)
		f.run("app SIGKILL", func() { f.srv.Kill() }, func() { f.srv.Start() }, false)
		f.run("Redis killed", rs.Kill, rs.Start, true)
		f.run("Redis frozen", rs.Freeze, rs.Thaw, true)
		f.run("PostgreSQL killed (SIGKILL, every process) and restarted", pg.Kill, pg.Start, false)
		f.run("PostgreSQL stopped (fast shutdown) and started again", pg.Stop, pg.Start, false)
		f.check()
	})
}

// The fault's windows.
const (
	before = iota
	during
	after
)

var windowNames = []string{"before", "during", "after"}

type ackRec struct{ email, id string }

// faultStats is what one fault saw.
type faultStats struct {
	name              string
	window            atomic.Int32
	submits, reads    [3]counts
	noRetryAfter      atomic.Int32 // 503 or 429 answers without Retry-After
	mu                sync.Mutex
	acked             []ackRec
	faultAt, healedAt time.Time
	safeOn, safeOff   time.Time // first Safe Mode seen, and first normal mode after it
	outage            time.Duration
}

type faultTrial struct {
	t       *testing.T
	su      setup
	srv     *server
	players []*player
	faults  []*faultStats
}

type player struct {
	c     *client
	cards []reviewCard
}

func newFaultTrial(t *testing.T, su setup) *faultTrial {
	// A short Redis timeout so a frozen Redis opens the breaker in a few requests.
	srv := startServer(t, su, "MEMORA_REDIS_TIMEOUT=200ms", "MEMORA_SAFE_MODE_PLAYER_INTERVAL=1s")
	f := &faultTrial{t: t, su: su, srv: srv}
	names := []string{"layla", "omar", "sara", "yousef", "noor", "hamza", "rania", "mariam"}
	for _, name := range names[:sized(4, len(names))] {
		c := login(t, srv.Base, name+"@demo.memora.test")
		if cards := reviewSession(t, c, nil); len(cards) > 0 {
			f.players = append(f.players, &player{c: c, cards: cards})
		}
	}
	if len(f.players) < 3 {
		t.Fatalf("only %d demo students have reviews due", len(f.players))
	}
	return f
}

// run drives the load through one fault: a second of load, fault(), the outage, heal(),
// then load until the server is back to normal (and Safe Mode over when safe is set).
func (f *faultTrial) run(name string, fault, heal func(), safe bool) {
	t := f.t
	fs := &faultStats{name: name}
	f.faults = append(f.faults, fs)
	stop := make(chan struct{})
	pause := time.Duration(sized(40, 0)) * time.Millisecond
	var wg sync.WaitGroup
	for w, p := range f.players {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				id := fmt.Sprintf("fault%d-w%d-%d", len(f.faults), w, i)
				q := p.cards[i%len(p.cards)]
				r := submitCards(p.c, id, "", []reviewCard{q})
				win := fs.window.Load()
				fs.submits[win].add(r.status)
				if (r.status == 503 || r.status == 429) && r.retryAfter == "" {
					fs.noRetryAfter.Add(1)
				}
				if r.status == 200 {
					fs.mu.Lock()
					fs.acked = append(fs.acked, ackRec{email: p.c.email, id: id})
					fs.mu.Unlock()
					time.Sleep(pause) // CI: a paced load; full size: as fast as the server answers
				} else {
					time.Sleep(100 * time.Millisecond)
				}
			}
		}()
	}
	wg.Add(1)
	go func() { // a reader: review sessions, which read the Redis schedule
		defer wg.Done()
		p := f.players[0]
		for {
			select {
			case <-stop:
				return
			case <-time.After(150 * time.Millisecond):
			}
			r := p.c.get("memora.api.reviews.get_review_session", nil)
			fs.reads[fs.window.Load()].add(r.status)
			if (r.status == 503 || r.status == 429) && r.retryAfter == "" {
				fs.noRetryAfter.Add(1)
			}
		}
	}()
	wg.Add(1)
	go func() { // Safe Mode, as /metrics reports it
		defer wg.Done()
		for {
			select {
			case <-stop:
				return
			case <-time.After(100 * time.Millisecond):
			}
			v := f.srv.metric("memora_safe_mode")
			fs.mu.Lock()
			switch {
			case v == 1 && fs.safeOn.IsZero():
				fs.safeOn = time.Now()
			case v == 0 && !fs.safeOn.IsZero() && fs.safeOff.IsZero():
				fs.safeOff = time.Now()
			}
			fs.mu.Unlock()
		}
	}()

	time.Sleep(time.Second)
	fs.outage = time.Duration(sized(3, 10)) * time.Second
	fs.window.Store(during)
	fs.faultAt = time.Now()
	fault()
	time.Sleep(fs.outage)
	fs.healedAt = time.Now() // the repair begins (a restart, SIGCONT)
	heal()
	fs.window.Store(after)
	// Back to normal: submissions acknowledged again and, after a Redis fault, Safe Mode over.
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		time.Sleep(500 * time.Millisecond)
		normal := fs.submits[after].get(200) > 0
		if safe {
			fs.mu.Lock()
			normal = normal && !fs.safeOff.IsZero()
			fs.mu.Unlock()
		}
		if normal {
			break
		}
	}
	time.Sleep(time.Second)
	close(stop)
	wg.Wait()
	if safe && (fs.safeOn.IsZero() || fs.safeOff.IsZero()) {
		t.Errorf("%s: Safe Mode entered at %v, left at %v", name, fs.safeOn, fs.safeOff)
	}
}

// check stops the server and looks every acknowledged submission up in the database.
func (f *faultTrial) check() {
	t := f.t
	f.srv.Stop()
	db := openStore(t, f.su.dbURL)
	// Every stored review session of the trial with its review-log rows, by "email session-id".
	logRows := map[string]int{}
	for _, r := range queryRows(t, db, "SELECT session_id, count(*) FROM review_log WHERE source = 'review' GROUP BY session_id") {
		logRows[r[0]], _ = strconv.Atoi(r[1])
	}
	stored := map[string]int{}
	for _, r := range queryRows(t, db, "SELECT u.email, g.client_session_id, g.id FROM gameplay_sessions g JOIN users u ON u.id = g.user_id WHERE g.client_session_id LIKE 'fault%'") {
		stored[r[0]+" "+r[1]] = logRows[r[2]]
	}
	for _, fs := range f.faults {
		found := 0
		var missing []string
		for _, a := range fs.acked {
			switch n, ok := stored[a.email+" "+a.id]; {
			case !ok:
				missing = append(missing, a.email+" "+a.id)
			case n != 1:
				missing = append(missing, fmt.Sprintf("%s %s (%d review-log rows)", a.email, a.id, n))
			default:
				found++
			}
		}
		var st []string
		for w := range 3 {
			st = append(st, fmt.Sprintf("%s: submits {%s}, review sessions {%s}", windowNames[w], fs.submits[w].String(), fs.reads[w].String()))
		}
		safe := "not entered"
		if !fs.safeOn.IsZero() {
			safe = fmt.Sprintf("entered %.1f s after the fault", fs.safeOn.Sub(fs.faultAt).Seconds())
			if !fs.safeOff.IsZero() {
				safe += fmt.Sprintf(", left %.1f s after the repair began", fs.safeOff.Sub(fs.healedAt).Seconds())
			}
		}
		t.Logf("%s: %s (outage %s, %d students): acknowledged %d, found %d/%d; %s; 503/429 without Retry-After: %d; Safe Mode %s",
			f.su.name(), fs.name, fs.outage, len(f.players), len(fs.acked), found, len(fs.acked), strings.Join(st, "; "),
			fs.noRetryAfter.Load(), safe)
		if found != len(fs.acked) {
			t.Errorf("%s: %d acknowledged submissions missing: %v", fs.name, len(fs.acked)-found, missing)
		}
		for w := range 3 {
			if n := fs.submits[w].serverErrors() + fs.reads[w].serverErrors(); n > 0 {
				t.Errorf("%s, %s: %d 5xx answers other than 503", fs.name, windowNames[w], n)
			}
		}
		if fs.noRetryAfter.Load() > 0 {
			t.Errorf("%s: %d 503/429 answers without Retry-After", fs.name, fs.noRetryAfter.Load())
		}
	}
}
