package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"memora/internal/demo"
	"memora/internal/redistest"
	"memora/internal/store/storetest"
)

// pinHeader sends a request through the test's proxy to one instance (its index); without
// it the proxy takes the instances in turn.
const pinHeader = "X-Test-Instance"

// TestThreeInstancesShareOneTruth runs three `memora serve` processes on one PostgreSQL
// database and one Redis behind a round-robin reverse proxy, as a load balancer would, and
// checks that no instance knows something the others do not: a logout, a password change
// (reset link) and a role removal on one instance are honoured by the others at the next
// request; failed logins are counted across instances; the review schedule and the
// leaderboards are the same whichever instance answers; a review submitted twice (one
// session_id) to two instances is recorded once. With Redis down, Safe Mode's limits hold
// for the fleet (cache.SharedSafeModeLimiter counts in the database): a player served by
// one instance is refused by the others for the interval, and the fleet serves at most
// MEMORA_SAFE_MODE_GLOBAL_PER_MIN degraded sessions a minute, whichever instances answer.
func TestThreeInstancesShareOneTruth(t *testing.T) {
	pgBase, redisShared := os.Getenv(storetest.PostgresURLEnv), os.Getenv(redistest.URLEnv)
	if pgBase == "" || redisShared == "" {
		t.Skipf("several instances need a shared database and Redis: set %s and %s (SQLite runs one instance)",
			storetest.PostgresURLEnv, redistest.URLEnv)
	}
	require.NoError(t, redistest.Client(t).Ping(context.Background()).Err(), "%s is set but does not answer", redistest.URLEnv)
	bin := memoraBinary(t)
	dbURL := storetest.NewPostgresDatabase(t, pgBase) // fails when the server does not answer
	rs := redistest.StartServer(t)                    // Redis of this test alone: it is killed below
	const instances, safeGlobal, loginRate = 3, 2, 3
	env := append(os.Environ(), "MEMORA_ADDR=127.0.0.1:0", "MEMORA_DATABASE_URL="+dbURL, "MEMORA_REDIS_URL="+rs.URL(),
		"MEMORA_LOG_LEVEL=error", "MEMORA_WORKER=false", "MEMORA_LOGIN_RATE="+strconv.Itoa(loginRate), "MEMORA_LOGIN_WINDOW=10m",
		"MEMORA_SAFE_MODE_GLOBAL_PER_MIN="+strconv.Itoa(safeGlobal), "MEMORA_SAFE_MODE_PLAYER_INTERVAL=1h",
		"MEMORA_REDIS_FAILURES=1", "MEMORA_REDIS_TIMEOUT=200ms")
	load := exec.Command(bin, "demo")
	load.Env = env
	out, err := load.CombinedOutput()
	require.NoError(t, err, string(out))
	var backends []*url.URL
	for range instances {
		u, err := url.Parse(startServer(t, bin, env).base)
		require.NoError(t, err)
		backends = append(backends, u)
	}
	lb := httptest.NewServer(roundRobin(backends))
	t.Cleanup(lb.Close)
	all := []int{0, 1, 2}
	checks := 0
	profile := "/api/method/memora.api.profile.get_player_profile"

	// A logout on one instance ends the session on every instance.
	student := signIn(t, lb.URL, "student@demo.memora.test", demo.Password, 0)
	requireStatus(t, student, "GET", profile, nil, all, 200)
	require.Equal(t, 200, student.call("POST", "/api/method/logout", nil, 1).status)
	checks += requireStatus(t, student, "GET", profile, nil, all, 401)

	// A password set with a reset link on one instance ends the sessions on the others.
	admin := signIn(t, lb.URL, "admin@demo.memora.test", demo.Password, 0)
	ahmad := signIn(t, lb.URL, "ahmad@demo.memora.test", demo.Password, 1)
	requireStatus(t, ahmad, "GET", profile, nil, all, 200)
	var link struct {
		Link string `json:"link"`
	}
	admin.call("POST", "/api/method/memora.api.people.issue_password_reset", map[string]any{"user_id": userID(t, admin, "ahmad@")}, 2).message(t, &link)
	token, err := url.Parse(link.Link)
	require.NoError(t, err)
	r := ahmad.call("POST", "/api/method/memora.api.auth.reset_password", map[string]any{"token": token.Query().Get("token"), "pwd": "a brand new password"}, 0)
	require.Equal(t, 200, r.status, r.body)
	checks += requireStatus(t, ahmad, "GET", profile, nil, all, 401)
	signIn(t, lb.URL, "ahmad@demo.memora.test", "a brand new password", 2)
	checks++

	// A role removed on one instance is gone on the others.
	teacher := signIn(t, lb.URL, "teacher@demo.memora.test", demo.Password, 2)
	class := "/api/method/memora.api.teaching.get_class"
	requireStatus(t, teacher, "GET", class, nil, all, 200)
	r = admin.call("POST", "/api/method/memora.api.people.set_user_role", map[string]any{"user_id": userID(t, admin, "teacher@"), "role": "Teacher", "grant": false}, 1)
	require.Equal(t, 200, r.status, r.body)
	checks += requireStatus(t, teacher, "GET", class, nil, all, 403)

	// Failed logins count on every instance: after loginRate failures spread over the
	// instances, even the right password is refused on each of them.
	for i := range loginRate {
		require.Equal(t, 401, anonymous(lb.URL).call("POST", "/api/method/login", map[string]any{"usr": "mariam@demo.memora.test", "pwd": "wrong"}, i%instances).status)
	}
	for _, i := range all {
		require.Equal(t, 429, anonymous(lb.URL).call("POST", "/api/method/login", map[string]any{"usr": "mariam@demo.memora.test", "pwd": demo.Password}, i).status,
			"instance %d let a locked account in", i)
		checks++
	}

	// The review schedule and the leaderboards are the same whichever instance answers, and
	// a session sent to two instances is recorded once.
	layla := signIn(t, lb.URL, "layla@demo.memora.test", demo.Password, 0)
	due := sameCards(t, layla, all, &checks)
	require.NotEmpty(t, due, "the demo student has reviews due")
	first := due[0]
	submit := map[string]any{"session_data": map[string]any{
		"answers":      []map[string]any{{"question_id": first.ID, "answer": first.CorrectAnswer, "time_spent_ms": 2500}},
		"session_meta": map[string]any{"session_id": "instances-1"}}}
	a1 := layla.call("POST", "/api/method/memora.api.reviews.submit_review_session", submit, 1)
	a2 := layla.call("POST", "/api/method/memora.api.reviews.submit_review_session", submit, 2)
	require.Equal(t, 200, a1.status, a1.body)
	require.Equal(t, 200, a2.status, a2.body)
	require.JSONEq(t, a1.body, a2.body, "the second instance returns the first answer")
	sessions, logRows := recorded(t, dbURL, "layla@demo.memora.test", "instances-1")
	require.Equal(t, 1, sessions)
	require.Equal(t, 1, logRows)
	checks += 2
	for _, c := range sameCards(t, layla, all, &checks) {
		require.NotEqual(t, first.ID, c.ID, "the answered card left every instance's schedule")
	}
	sameAnswer(t, layla, "/api/method/memora.api.profile.get_review_forecast", all, &checks)
	for _, period := range []string{"weekly", "monthly", "all_time"} {
		sameAnswer(t, layla, "/api/method/memora.api.leaderboard.get_leaderboard?period="+period, all, &checks)
	}

	// Safe Mode: Redis down for everyone. The fleet lets a player through once per interval
	// and safeGlobal players a minute, no more, whichever instance answers.
	players := []string{"yousef", "noor", "hamza", "rania", "sara", "omar", "layla"}
	clients := make([]*tester, len(players))
	for i, p := range players {
		clients[i] = signIn(t, lb.URL, p+"@demo.memora.test", demo.Password, i%instances)
	}
	rs.Kill()
	review := "/api/method/memora.api.reviews.get_review_session"
	served, limited := 0, 0
	count := func(r reply) {
		switch r.status {
		case 200:
			require.Contains(t, r.body, `"is_degraded":true`)
			served++
		case 429:
			limited++
		default:
			t.Fatalf("safe mode: %d %s", r.status, r.body)
		}
	}
	r = clients[0].call("GET", review, nil, 0)
	require.Equal(t, 200, r.status, r.body)
	count(r)
	for _, i := range []int{1, 2, 0} { // the same player on every instance right after
		r := clients[0].call("GET", review, nil, i)
		require.Equal(t, 429, r.status, "instance %d served a player another instance served within the interval", i)
		count(r)
	}
	for k, c := range clients[1:] { // six players over the instances: the fleet has one slot left
		i := (k + 1) % instances
		r := c.call("GET", review, nil, i)
		if k < safeGlobal-1 {
			require.Equal(t, 200, r.status, r.body)
		} else {
			require.Equal(t, 429, r.status, "instance %d past the fleet's global limit", i)
		}
		count(r)
	}
	require.Equal(t, safeGlobal, served, "the fleet served the global limit, not instances × the limit")
	checks += served + limited
	t.Logf("%d instances, one database, one Redis: %d checks passed; safe mode served %d degraded sessions and refused %d (limit %d a minute for the fleet)",
		instances, checks, served, limited, safeGlobal)
}

// roundRobin is the load balancer: instances in turn, or the one a request pins.
func roundRobin(backends []*url.URL) http.Handler {
	proxies := make([]*httputil.ReverseProxy, len(backends))
	for i, b := range backends {
		proxies[i] = httputil.NewSingleHostReverseProxy(b)
	}
	var next atomic.Uint64
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		i := int(next.Add(1)-1) % len(proxies)
		if pin, err := strconv.Atoi(r.Header.Get(pinHeader)); err == nil {
			i = pin
		}
		proxies[i].ServeHTTP(w, r)
	})
}

// tester is one browser: a cookie jar talking to the proxy.
type tester struct {
	http *http.Client
	base string
}

type reply struct {
	status int
	body   string
}

func (r reply) message(t *testing.T, v any) {
	t.Helper()
	require.Equal(t, 200, r.status, r.body)
	var env struct {
		Message json.RawMessage `json:"message"`
	}
	require.NoError(t, json.Unmarshal([]byte(r.body), &env))
	require.NoError(t, json.Unmarshal(env.Message, v))
}

func anonymous(base string) *tester {
	jar, _ := cookiejar.New(nil)
	return &tester{http: &http.Client{Jar: jar, Timeout: 30 * time.Second}, base: base}
}

// call sends a request to instance (through the proxy); body, when not nil, is JSON.
func (c *tester) call(method, path string, body any, instance int) reply {
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, c.base+path, rd)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set(pinHeader, strconv.Itoa(instance))
	resp, err := c.http.Do(req)
	if err != nil {
		return reply{status: 0, body: err.Error()}
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return reply{status: resp.StatusCode, body: string(b)}
}

func signIn(t *testing.T, base, email, password string, instance int) *tester {
	t.Helper()
	c := anonymous(base)
	r := c.call("POST", "/api/method/login", map[string]any{"usr": email, "pwd": password}, instance)
	require.Equal(t, 200, r.status, "%s on instance %d: %s", email, instance, r.body)
	return c
}

// requireStatus sends one request to each instance and requires status from all; it
// returns how many it checked.
func requireStatus(t *testing.T, c *tester, method, path string, body any, instances []int, status int) int {
	t.Helper()
	for _, i := range instances {
		r := c.call(method, path, body, i)
		require.Equal(t, status, r.status, "instance %d: %s", i, r.body)
	}
	return len(instances)
}

// sameAnswer requires every instance to answer a GET with the same message.
func sameAnswer(t *testing.T, c *tester, path string, instances []int, checks *int) json.RawMessage {
	t.Helper()
	var want json.RawMessage
	for _, i := range instances {
		var got json.RawMessage
		c.call("GET", path, nil, i).message(t, &got)
		if want == nil {
			want = got
		} else {
			require.JSONEq(t, string(want), string(got), "instance %d answers %s differently", i, path)
		}
		*checks++
	}
	return want
}

// sameCards requires every instance to serve the same review cards (in its own shuffled
// order) and returns them sorted by id.
func sameCards(t *testing.T, c *tester, instances []int, checks *int) []card {
	t.Helper()
	var want []card
	for _, i := range instances {
		var s struct {
			Questions []card `json:"questions"`
		}
		c.call("GET", "/api/method/memora.api.reviews.get_review_session", nil, i).message(t, &s)
		slices.SortFunc(s.Questions, func(a, b card) int { return strings.Compare(a.ID, b.ID) })
		if want == nil {
			want = s.Questions
		} else {
			require.Equal(t, ids(want), ids(s.Questions), "instance %d serves other cards", i)
		}
		*checks++
	}
	return want
}

func ids(cards []card) []string {
	out := make([]string, len(cards))
	for i, c := range cards {
		out[i] = c.ID
	}
	return out
}

// userID finds a user's id through people.get_users.
func userID(t *testing.T, admin *tester, search string) int64 {
	t.Helper()
	var users []struct {
		ID int64 `json:"id"`
	}
	admin.call("GET", "/api/method/memora.api.people.get_users?search="+url.QueryEscape(search), nil, 0).message(t, &users)
	require.Len(t, users, 1, search)
	return users[0].ID
}

// recorded counts a client session's rows in the database: the session and its review log.
func recorded(t *testing.T, dbURL, email, clientSessionID string) (sessions, logRows int) {
	t.Helper()
	ctx := context.Background()
	pool, err := pgxpool.New(ctx, dbURL)
	require.NoError(t, err)
	defer pool.Close()
	require.NoError(t, pool.QueryRow(ctx, `SELECT count(*), coalesce(sum((SELECT count(*) FROM review_log l WHERE l.session_id = g.id)), 0)
		FROM gameplay_sessions g JOIN users u ON u.id = g.user_id WHERE u.email = $1 AND g.client_session_id = $2`,
		email, clientSessionID).Scan(&sessions, &logRows))
	return sessions, logRows
}
