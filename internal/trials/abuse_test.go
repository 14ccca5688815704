package trials

import (
	"context"
	"database/sql"
	"fmt"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"memora/internal/redistest"
	"memora/internal/store"
	"memora/internal/store/engine"
)

const (
	student = "layla@demo.memora.test"
	sysMgr  = "system@demo.memora.test"
)

// TestAbuse attacks a running `memora serve --demo` from outside, on SQLite and (with
// MEMORA_TEST_DATABASE_URL) on PostgreSQL with a Redis of its own. CI-sized by default;
// MEMORA_TRIALS=full for docs/hardening.md. Every count is logged (go test -v).
func TestAbuse(t *testing.T) {
	t.Parallel()
	setups := []func(t *testing.T) setup{sqliteSetup}
	if withPostgres() {
		setups = append(setups, func(t *testing.T) setup {
			su := postgresSetup(t)
			su.redisURL = redistest.StartServer(t).URL()
			return su
		})
	}
	for _, mk := range setups {
		su := mk(t)
		t.Run(su.name(), func(t *testing.T) {
			t.Parallel()
			// The request timeout sets the listener's: headers within min(d, 10 s), the whole
			// request within d, idle keep-alive 4·d. CI uses 3 s; full size the default 15 s.
			timeout := 3 * time.Second
			if full() {
				timeout = 15 * time.Second
			}
			srv := startServer(t, su, "MEMORA_REQUEST_TIMEOUT="+timeout.String())
			a := &abuse{t: t, srv: srv, su: su, timeout: timeout}
			t.Run("xp_farming", a.xpFarming)
			t.Run("lesson_farming", a.lessonFarming)
			t.Run("out_of_range_quiz", a.outOfRangeQuiz)
			t.Run("nul_and_invalid_utf8", a.nulAndInvalidUTF8)
			t.Run("fuzz", a.fuzz)
			t.Run("login_burst", a.loginBurst)
			t.Run("slow_and_idle_connections", a.slowConnections)
		})
	}
}

type abuse struct {
	t       *testing.T
	srv     *server
	su      setup
	timeout time.Duration
}

type reviewCard struct {
	ID            string `json:"id"`
	CorrectAnswer string `json:"correct_answer"`
}

func reviewSession(t *testing.T, c *client, q url.Values) []reviewCard {
	t.Helper()
	var s struct {
		Questions []reviewCard `json:"questions"`
	}
	c.get("memora.api.reviews.get_review_session", q).message(t, &s)
	return s.Questions
}

type submitted struct {
	XPEarned  int `json:"xp_earned"`
	Processed int `json:"processed"`
}

func submitCards(c *client, id, subject string, cards []reviewCard) reply {
	answers := make([]map[string]any, len(cards))
	for i, q := range cards {
		answers[i] = map[string]any{"question_id": q.ID, "answer": q.CorrectAnswer, "time_spent_ms": 2500}
	}
	meta := map[string]any{"session_id": id}
	if subject != "" {
		meta["subject"] = subject
	}
	return c.postJSON("memora.api.reviews.submit_review_session",
		map[string]any{"session_data": map[string]any{"answers": answers, "session_meta": meta}})
}

// standing is the student's XP (profile) and rank (leaderboard).
func standing(t *testing.T, c *client) (xp, rank int) {
	t.Helper()
	var p struct {
		XP int `json:"xp"`
	}
	c.get("memora.api.get_player_profile", nil).message(t, &p)
	var lb struct {
		UserRank struct {
			Rank int `json:"rank"`
		} `json:"userRank"`
	}
	c.get("memora.api.leaderboard.get_leaderboard", nil).message(t, &lb)
	return p.XP, lb.UserRank.Rank
}

// xpFarming resubmits the cards of one review session under new session ids: in a general
// review they pay nothing, and in a subject review nothing either: the items were reviewed
// this day (docs/srs.md §5).
func (a *abuse) xpFarming(t *testing.T) {
	c := login(t, a.srv.Base, student)
	n := sized(20, 100)
	for _, subject := range []string{"", "math"} {
		var q url.Values
		if subject != "" {
			q = url.Values{"subject": {subject}}
		}
		cards := reviewSession(t, c, q)
		if len(cards) == 0 {
			t.Fatalf("no review cards (subject %q)", subject)
		}
		xp0, rank0 := standing(t, c)
		var first submitted
		submitCards(c, fmt.Sprintf("farm-%s-first", subject), subject, cards).message(t, &first)
		xp1, rank1 := standing(t, c)
		gained := 0
		for i := range n {
			var r submitted
			submitCards(c, fmt.Sprintf("farm-%s-%d", subject, i), subject, cards).message(t, &r)
			if r.Processed != len(cards) {
				t.Fatalf("resubmission %d processed %d of %d", i, r.Processed, len(cards))
			}
			gained += r.XPEarned
		}
		xp2, rank2 := standing(t, c)
		bound := 0
		kind := "general review"
		if subject != "" {
			kind = "subject review (" + subject + ")"
		}
		t.Logf("%s: xp farming, %s: %d cards; first submission +%d XP (profile %d → %d, rank %d → %d); "+
			"%d resubmissions under new session ids: +%d XP (bound %d), profile %d → %d, rank %d → %d",
			a.su.name(), kind, len(cards), first.XPEarned, xp0, xp1, rank0, rank1, n, gained, bound, xp1, xp2, rank1, rank2)
		if gained > bound {
			t.Errorf("resubmissions paid %d XP, more than the bound %d", gained, bound)
		}
		if xp2-xp1 != gained {
			t.Errorf("profile XP moved by %d, the replies said %d", xp2-xp1, gained)
		}
	}
}

// lessonFarming replays one lesson, every stage answered right, under new session ids: the
// first replay of the day pays half of the lesson's XP (stage XP + reward), the next two a
// tenth, later ones nothing (internal/play LessonXP).
func (a *abuse) lessonFarming(t *testing.T) {
	const lesson = "math-linear-2"
	c := login(t, a.srv.Base, student)
	var details struct {
		XPReward int `json:"xp_reward"`
		Stages   []struct {
			ID     string `json:"id"`
			Type   string `json:"type"`
			Config struct {
				Highlights   []any                 `json:"highlights"`
				Pairs        []struct{ ID string } `json:"pairs"`
				CorrectIndex int                   `json:"correct_index"`
			} `json:"config"`
		} `json:"stages"`
	}
	c.get("memora.api.sessions.get_lesson_details", url.Values{"lesson_id": {lesson}}).message(t, &details)
	var interactions []map[string]any
	for _, st := range details.Stages {
		var answer map[string]any
		switch st.Type {
		case "reveal":
			all := make([]int, len(st.Config.Highlights))
			for i := range all {
				all[i] = i
			}
			answer = map[string]any{"revealed": all}
		case "matching":
			pairs := map[string]string{}
			for _, p := range st.Config.Pairs {
				pairs[p.ID] = p.ID
			}
			answer = map[string]any{"pairs": pairs}
		case "quiz":
			answer = map[string]any{"option": st.Config.CorrectIndex}
		default:
			continue
		}
		interactions = append(interactions, map[string]any{"question_id": st.ID, "answer": answer, "attempts_count": 1})
	}
	full := details.XPReward
	for i := range interactions {
		full += 10 + 2*i
	}
	play := func(id string) int {
		var r struct {
			XPEarned int  `json:"xp_earned"`
			Complete bool `json:"completed"`
		}
		c.postJSON("memora.api.sessions.submit_session", map[string]any{
			"session_meta": map[string]any{"lesson_id": lesson, "session_id": id}, "interactions": interactions}).message(t, &r)
		if !r.Complete {
			t.Fatalf("replay %s did not complete the lesson", id)
		}
		return r.XPEarned
	}
	n := sized(20, 100)
	xp0, rank0 := standing(t, c)
	first := play("farm-lesson-first")
	xp1, rank1 := standing(t, c)
	gained := 0
	for i := range n {
		gained += play(fmt.Sprintf("farm-lesson-%d", i))
	}
	xp2, rank2 := standing(t, c)
	bound := min(n, 2) * (full / 10)
	t.Logf("%s: xp farming, lesson replays (%s, %d scored stages, full XP %d): first replay of the day +%d XP (profile %d → %d, rank %d → %d); "+
		"%d replays under new session ids: +%d XP (bound %d), profile %d → %d, rank %d → %d",
		a.su.name(), lesson, len(interactions), full, first, xp0, xp1, rank0, rank1, n, gained, bound, xp1, xp2, rank1, rank2)
	if gained > bound {
		t.Errorf("replays paid %d XP, more than the bound %d", gained, bound)
	}
}

// outOfRangeQuiz sends quiz options outside the options, in a lesson and in a review: 400,
// and no session, review-log row or XP written.
func (a *abuse) outOfRangeQuiz(t *testing.T) {
	c := login(t, a.srv.Base, student)
	db := openStore(t, a.su.dbURL)
	uid := userID(t, db, student)
	rows := func() (int, int) {
		return count(t, db, "SELECT count(*) FROM gameplay_sessions WHERE user_id = $1", uid),
			count(t, db, "SELECT count(*) FROM review_log WHERE user_id = $1", uid)
	}
	sess0, log0 := rows()
	xp0, _ := standing(t, c)
	var st counts
	// math-linear-2-s3 and -s4 are quizzes of four options.
	for i, opt := range []any{4, 99, -1, 1 << 40, 2.5} {
		r := c.postJSON("memora.api.sessions.submit_session", map[string]any{
			"session_meta": map[string]any{"lesson_id": "math-linear-2", "session_id": fmt.Sprintf("quiz-range-lesson-%d", i)},
			"interactions": []map[string]any{
				{"question_id": "math-linear-2-s3", "answer": map[string]any{"option": 0}, "attempts_count": 1},
				{"question_id": "math-linear-2-s4", "answer": map[string]any{"option": opt}, "attempts_count": 1}}})
		st.add(r.status)
	}
	for i, opt := range []any{4, 99, -1, 1 << 40} {
		r := c.postJSON("memora.api.reviews.submit_review_session", map[string]any{"session_data": map[string]any{
			"answers": []map[string]any{
				{"question_id": "math-linear-2-s3", "answer": "س = 7"},
				{"question_id": "math-linear-2-s4", "answer": opt}},
			"session_meta": map[string]any{"session_id": fmt.Sprintf("quiz-range-review-%d", i)}}})
		st.add(r.status)
	}
	sess1, log1 := rows()
	xp1, _ := standing(t, c)
	t.Logf("%s: out-of-range quiz options: %d calls (5 lessons, 4 reviews): %s; sessions %d → %d, review-log rows %d → %d, XP %d → %d",
		a.su.name(), st.total(), st.String(), sess0, sess1, log0, log1, xp0, xp1)
	if st.get(400) != st.total() {
		t.Errorf("want every call refused with 400: %s", st.String())
	}
	if sess1 != sess0 || log1 != log0 || xp1 != xp0 {
		t.Error("a refused submission wrote something")
	}
}

// nulAndInvalidUTF8 puts a NUL byte, then invalid UTF-8, in every string parameter of every
// operation of the API document (query, JSON body, form body), as a student and as a System
// Manager (full size) or as the caller the operation is for (CI): no 5xx.
func (a *abuse) nulAndInvalidUTF8(t *testing.T) {
	ops := loadOperations(t)
	callers := map[string]*client{student: login(t, a.srv.Base, student), sysMgr: login(t, a.srv.Base, sysMgr)}
	var st counts
	var params, relogins int
	var failures []string
	payloads := []struct {
		name string
		fn   func(string) string
	}{
		{"NUL", func(s string) string { return s + "\x00x" }},
		{"invalid UTF-8", func(s string) string { return s + badUTF8Marker }},
	}
	send := func(email string, op operation, where string, build func(c *client) *http.Request) {
		c := callers[email]
		r := c.do(build(c))
		if r.status == 401 && !strings.HasSuffix(op.Path, "/login") && !strings.Contains(op.Path, ".auth.") {
			relogins++ // an operation ended the caller's session (a role or an account changed)
			callers[email] = login(t, a.srv.Base, email)
		}
		st.add(r.status)
		if r.status >= 500 {
			failures = append(failures, fmt.Sprintf("%s %s %s as %s: %d %s", op.Method, op.Path, where, email, r.status, r.body))
		}
	}
	// The control: each operation once with its example values, as each caller, so the
	// figures show how far plain calls get (most are refused for made-up values or roles).
	var control counts
	for _, op := range ops {
		for _, email := range []string{student, sysMgr} {
			c := callers[email]
			var r reply
			switch {
			case op.Method == http.MethodGet:
				q := url.Values{}
				for _, name := range op.Query {
					q.Set(name, formValue(op.example(op.queryTypes[name], name)))
				}
				req, _ := http.NewRequest(op.Method, c.base+op.Path+"?"+q.Encode(), nil)
				r = c.do(req)
			case op.JSON != nil:
				req, _ := http.NewRequest(op.Method, c.base+op.Path, strings.NewReader(string(encodeJSON(op.example(op.JSON, "")))))
				req.Header.Set("Content-Type", "application/json")
				r = c.do(req)
			default:
				req, _ := http.NewRequest(op.Method, c.base+op.Path, nil)
				r = c.do(req)
			}
			control.add(r.status)
			if r.status >= 500 {
				t.Logf("%s: control: %s %s as %s: %d %s", a.su.name(), op.Method, op.Path, email, r.status, r.body)
			}
			if r.status == 401 && !strings.HasSuffix(op.Path, "/login") && !strings.Contains(op.Path, ".auth.") {
				callers[email] = login(t, a.srv.Base, email)
			}
		}
	}
	t.Logf("%s: control, every operation once with example values as a student and as a System Manager: %d calls: %s",
		a.su.name(), control.total(), control.String())
	for _, op := range ops {
		emails := []string{student, sysMgr}
		if !full() {
			emails = []string{sysMgr}
			if strings.Contains(op.Path, ".reviews.") || strings.Contains(op.Path, ".sessions.") || strings.HasSuffix(op.Path, "submit_session") {
				emails = []string{student}
			}
		}
		for _, email := range emails {
			for _, p := range payloads {
				if op.Method == http.MethodGet {
					base := url.Values{}
					for _, name := range op.Query {
						base.Set(name, formValue(op.example(op.queryTypes[name], name)))
					}
					for _, name := range op.Query {
						if s := op.resolve(op.queryTypes[name]); s != nil && s["type"] != nil && s["type"] != "string" {
							continue
						}
						params++
						q := url.Values{}
						for k, v := range base {
							q[k] = v
						}
						q.Set(name, p.fn(q.Get(name)))
						send(email, op, "query "+name+" "+p.name, func(c *client) *http.Request {
							req, _ := http.NewRequest(op.Method, c.base+op.Path+"?"+formEncode(q), nil)
							return req
						})
					}
					continue
				}
				if op.JSON != nil {
					body := op.example(op.JSON, "")
					var leaves []leafPath
					stringLeaves(body, nil, &leaves)
					for _, leaf := range leaves {
						params++
						raw := encodeJSON(withLeaf(body, leaf, p.fn))
						send(email, op, "json "+leaf.String()+" "+p.name, func(c *client) *http.Request {
							req, _ := http.NewRequest(op.Method, c.base+op.Path, strings.NewReader(string(raw)))
							req.Header.Set("Content-Type", "application/json")
							return req
						})
					}
				}
				if op.Form != nil {
					body, _ := op.example(op.JSON, "").(map[string]any)
					if body == nil {
						body, _ = op.example(op.Form, "").(map[string]any)
					}
					for name := range op.Form["properties"].(schema) {
						params++
						form := url.Values{}
						for k, v := range body {
							form.Set(k, formValue(v))
						}
						form.Set(name, p.fn(form.Get(name)))
						send(email, op, "form "+name+" "+p.name, func(c *client) *http.Request {
							req, _ := http.NewRequest(op.Method, c.base+op.Path, strings.NewReader(formEncode(form)))
							req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
							return req
						})
					}
				}
			}
		}
	}
	t.Logf("%s: NUL and invalid UTF-8: %d operations (method × path), %d parameter × payload × caller calls: %s; 5xx: %d; sessions ended by a call and signed in again: %d",
		a.su.name(), len(ops), st.total(), st.String(), st.serverErrors()+st.get(503), relogins)
	for _, f := range failures {
		t.Error(f)
	}
}

// loginBurst sends 64 (full size: 200) logins at once from one address (127.0.0.2), each for an unknown
// account: at most the per-address limit run an argon2id hash (each a login.failed audit
// row), the rest are refused with 429 (or 503 when the hash gate stays full) before hashing.
func (a *abuse) loginBurst(t *testing.T) {
	n := sized(64, 200)
	db := openStore(t, a.su.dbURL)
	before := a.srv.status("VmHWM")
	rss0 := a.srv.status("VmRSS")
	var st counts
	var peak atomic.Int64
	stop := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		for {
			if v := int64(a.srv.status("VmRSS")); v > peak.Load() {
				peak.Store(v)
			}
			select {
			case <-stop:
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
	}()
	var wg sync.WaitGroup
	start := make(chan struct{})
	began := time.Now()
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := newClientFrom(a.srv.Base, "127.0.0.2")
			<-start
			st.add(c.login(fmt.Sprintf("burst-%d@demo.memora.test", i), "not-the-password"))
		}()
	}
	close(start)
	wg.Wait()
	took := time.Since(began)
	close(stop)
	<-sampled
	// Audit rows are written best-effort around the answer: wait (up to 15 s) for one per login.
	var hashed, limited int
	for deadline := time.Now().Add(15 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		hashed = count(t, db, "SELECT count(*) FROM audit_log WHERE action = 'login.failed' AND actor_email LIKE 'burst-%'")
		limited = count(t, db, "SELECT count(*) FROM audit_log WHERE action = 'login.rate_limited' AND actor_email LIKE 'burst-%'")
		if hashed+limited >= st.get(401)+st.get(429) || time.Now().After(deadline) {
			break
		}
	}
	after := a.srv.status("VmHWM")
	t.Logf("%s: login burst: %d concurrent logins from one address in %s: %s; argon2id hashes run %d (login.failed rows), refused before hashing %d (login.rate_limited rows); "+
		"server RSS %d kB before, peak during the burst %d kB (VmHWM %d → %d kB)",
		a.su.name(), n, took.Round(time.Millisecond), st.String(), hashed, limited, rss0, peak.Load(), before, after)
	if st.get(401) != hashed {
		t.Errorf("401 answers %d, hashes run %d", st.get(401), hashed)
	}
	if hashed > 20 {
		t.Errorf("%d hashes ran from one address, over the per-address limit of 20 (MEMORA_LOGIN_RATE × 4)", hashed)
	}
	if st.serverErrors() > 0 || st.get(429)+st.get(503)+st.get(401) != n {
		t.Errorf("statuses: %s", st.String())
	}
}

// newClientFrom is a client whose connections come from the loopback address ip, so the
// server sees it as another client address.
func newClientFrom(base, ip string) *client {
	jar, _ := cookiejar.New(nil)
	d := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(ip)}, Timeout: 10 * time.Second}
	return &client{base: base, http: &http.Client{Jar: jar, Timeout: 30 * time.Second,
		Transport: &http.Transport{DialContext: d.DialContext}}}
}

// slowConnections opens connections that send nothing, headers a byte at a time, or a body a
// byte at a time, and times how long the server keeps each open. Meanwhile /healthz is asked.
func (a *abuse) slowConnections(t *testing.T) {
	n := sized(300, 2000)
	addr := strings.TrimPrefix(a.srv.Base, "http://")
	kinds := []string{"idle", "slow headers", "slow body"}
	type result struct {
		kind     int
		held     time.Duration
		byServer bool
		answer   string
	}
	results := make(chan result, n)
	var opened sync.WaitGroup
	limit := 3*a.timeout + 10*time.Second // the test's own bound; the server's is the timeout
	for i := range n {
		opened.Add(1)
		go func() {
			kind := i % len(kinds)
			d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.IPv4(127, 0, 0, byte(10+i%200))}}
			conn, err := d.Dial("tcp", addr)
			opened.Done()
			if err != nil {
				results <- result{kind: kind, answer: "dial: " + err.Error()}
				return
			}
			defer conn.Close()
			began := time.Now()
			_ = conn.SetDeadline(began.Add(limit))
			closed := make(chan result, 1)
			go func() {
				buf := make([]byte, 512)
				var got []byte
				for {
					m, err := conn.Read(buf)
					got = append(got, buf[:m]...)
					if err != nil {
						var ne net.Error
						timeout := false
						if e, ok := err.(net.Error); ok {
							ne = e
							timeout = ne.Timeout()
						}
						first, _, _ := strings.Cut(string(got), "\r\n")
						closed <- result{kind: kind, held: time.Since(began), byServer: !timeout, answer: first}
						return
					}
				}
			}()
			var trickle string
			switch kind {
			case 1:
				trickle = "POST /api/method/login HTTP/1.1\r\nHost: memora\r\nX-Slow: " + strings.Repeat("a", 1000)
			case 2:
				_, _ = conn.Write([]byte("POST /api/method/login HTTP/1.1\r\nHost: memora\r\n" +
					"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nusr="))
				trickle = strings.Repeat("a", 996)
			}
			tick := time.NewTicker(500 * time.Millisecond)
			defer tick.Stop()
			for j := 0; ; j++ {
				select {
				case r := <-closed:
					results <- r
					return
				case <-tick.C:
					if j < len(trickle) {
						_, _ = conn.Write([]byte{trickle[j]})
					}
				}
			}
		}()
	}
	opened.Wait()
	var health counts
	for range 5 {
		c := newClient(a.srv.Base)
		req, _ := http.NewRequest(http.MethodGet, a.srv.Base+"/healthz", nil)
		health.add(c.do(req).status)
		time.Sleep(200 * time.Millisecond)
	}
	held := make([]time.Duration, len(kinds))
	byServer := make([]int, len(kinds))
	total := make([]int, len(kinds))
	answers := map[string]int{}
	for range n {
		r := <-results
		total[r.kind]++
		if r.byServer {
			byServer[r.kind]++
		}
		held[r.kind] = max(held[r.kind], r.held)
		if r.answer != "" {
			answers[r.answer]++
		}
	}
	t.Logf("%s: %d slow or idle connections (MEMORA_REQUEST_TIMEOUT %s: headers within %s, whole request within %s); /healthz meanwhile: %s; answers before closing: %v",
		a.su.name(), n, a.timeout, min(a.timeout, 10*time.Second), a.timeout, health.String(), answers)
	for k, name := range kinds {
		t.Logf("%s: %s: %d connections, %d closed by the server, longest held %s", a.su.name(), name, total[k], byServer[k], held[k].Round(10*time.Millisecond))
		if byServer[k] != total[k] {
			t.Errorf("%s: %d of %d connections still open after %s", name, total[k]-byServer[k], total[k], limit)
		}
	}
	if health.get(200) != health.total() {
		t.Errorf("/healthz during the attack: %s", health.String())
	}
}

// openStore opens the trial's database beside the running server.
func openStore(t *testing.T, dbURL string) store.Store {
	t.Helper()
	st, err := engine.Open(context.Background(), dbURL, engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func userID(t *testing.T, st store.Store, email string) int64 {
	t.Helper()
	u, err := st.UserGetByEmail(context.Background(), email)
	if err != nil {
		t.Fatal(err)
	}
	return u.ID
}

// queryRows runs a query and returns its rows as text.
func queryRows(t *testing.T, st store.Store, query string) [][]string {
	t.Helper()
	var out [][]string
	scan := func(cols int, next func() bool, scan func(...any) error, err func() error) {
		for next() {
			vals := make([]any, cols)
			ptrs := make([]any, cols)
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if e := scan(ptrs...); e != nil {
				t.Fatal(e)
			}
			row := make([]string, cols)
			for i, v := range vals {
				if b, ok := v.([]byte); ok {
					v = string(b)
				}
				row[i] = fmt.Sprint(v)
			}
			out = append(out, row)
		}
		if e := err(); e != nil {
			t.Fatal(e)
		}
	}
	switch db := st.(type) {
	case interface{ Writer() *sql.DB }:
		rows, err := db.Writer().Query(query)
		if err != nil {
			t.Fatalf("%s: %v", query, err)
		}
		defer rows.Close()
		cols, _ := rows.Columns()
		scan(len(cols), rows.Next, rows.Scan, rows.Err)
	case interface{ Pool() *pgxpool.Pool }:
		rows, err := db.Pool().Query(context.Background(), query)
		if err != nil {
			t.Fatalf("%s: %v", query, err)
		}
		defer rows.Close()
		scan(len(rows.FieldDescriptions()), rows.Next, rows.Scan, rows.Err)
	default:
		t.Fatalf("unknown store %T", st)
	}
	return out
}

// count runs a count query ($1… placeholders on both engines).
func count(t *testing.T, st store.Store, query string, args ...any) int {
	t.Helper()
	var n int
	var err error
	switch db := st.(type) {
	case interface{ Writer() *sql.DB }:
		err = db.Writer().QueryRow(query, args...).Scan(&n)
	case interface{ Pool() *pgxpool.Pool }:
		err = db.Pool().QueryRow(context.Background(), query, args...).Scan(&n)
	default:
		t.Fatalf("unknown store %T", st)
	}
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}
