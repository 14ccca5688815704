package trials

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"memora/internal/demo"
	"memora/internal/store"
	"memora/internal/store/storetest"
)

// FullEnv set to "full" runs the full-size trials (docs/hardening.md); anything else, the
// CI-sized ones.
const FullEnv = "MEMORA_TRIALS"

func full() bool { return os.Getenv(FullEnv) == "full" }

// sized is ci in the suite and full under MEMORA_TRIALS=full.
func sized(ci, fullSize int) int {
	if full() {
		return fullSize
	}
	return ci
}

// binary is the memora command, built once for the package.
var binary struct {
	dir  string
	once sync.Once
	path string
	err  error
}

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "memora-trials-bin-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binary.dir = dir
	code := m.Run()
	_ = os.RemoveAll(dir)
	os.Exit(code)
}

func memoraBinary(t *testing.T) string {
	t.Helper()
	binary.once.Do(func() {
		binary.path = filepath.Join(binary.dir, "memora")
		build := exec.Command("go", "build", "-o", binary.path, "memora/cmd/memora")
		build.Stderr = os.Stderr
		binary.err = build.Run()
	})
	if binary.err != nil {
		t.Fatalf("build memora: %v", binary.err)
	}
	return binary.path
}

// setup is what one trial runs the server on.
type setup struct {
	engine   store.Engine
	dbURL    string
	redisURL string
	extraEnv []string
}

func (s setup) name() string {
	if s.redisURL != "" && s.engine == store.SQLite {
		return "sqlite+redis"
	}
	if s.redisURL != "" {
		return "postgres+redis"
	}
	return string(s.engine)
}

// sqliteSetup is a fresh SQLite file; postgresSetup a fresh database on the suite's
// PostgreSQL server (MEMORA_TEST_DATABASE_URL).
func sqliteSetup(t *testing.T) setup {
	return setup{engine: store.SQLite, dbURL: "sqlite:" + filepath.Join(t.TempDir(), "memora.db")}
}

func postgresSetup(t *testing.T) setup {
	return setup{engine: store.Postgres, dbURL: storetest.NewPostgresDatabase(t, os.Getenv(storetest.PostgresURLEnv))}
}

func withPostgres() bool { return os.Getenv(storetest.PostgresURLEnv) != "" }

// server is a running `memora serve --demo` on a fixed port, so a restart keeps its address.
type server struct {
	t    *testing.T
	bin  string
	env  []string
	Base string

	mu   sync.Mutex
	cmd  *exec.Cmd
	done chan struct{}
}

func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

var runningAt = regexp.MustCompile(`running at (http://[^/ ]+)/`)

// startServer starts `memora serve --demo` on su (the demo is loaded on first start), and
// stops it at cleanup.
func startServer(t *testing.T, su setup, env ...string) *server {
	t.Helper()
	port := freePort(t)
	s := &server{t: t, bin: memoraBinary(t), Base: fmt.Sprintf("http://127.0.0.1:%d", port)}
	s.env = append(os.Environ(), "MEMORA_ADDR=127.0.0.1:"+strconv.Itoa(port), "MEMORA_DATABASE_URL="+su.dbURL,
		"MEMORA_REDIS_URL="+su.redisURL, "MEMORA_LOG_LEVEL=error", "MEMORA_PPROF_ADDR=", "MEMORA_METRICS_ADDR=",
		"MEMORA_TRUSTED_PROXIES=")
	s.env = append(s.env, su.extraEnv...)
	s.env = append(s.env, env...)
	s.Start()
	t.Cleanup(s.Kill)
	return s
}

// Start runs the server (again) and waits until it says where it runs.
func (s *server) Start() {
	s.t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	cmd := exec.Command(s.bin, "serve", "--demo")
	cmd.Env = s.env
	out, err := cmd.StdoutPipe()
	if err != nil {
		s.t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		s.t.Fatal(err)
	}
	s.cmd, s.done = cmd, make(chan struct{})
	ready := make(chan struct{}, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if runningAt.MatchString(sc.Text()) {
				ready <- struct{}{}
			}
		}
	}()
	go func(done chan struct{}) { _ = cmd.Wait(); close(done) }(s.done)
	select {
	case <-ready:
	case <-s.done:
		s.t.Fatalf("memora serve exited: %s", stderr.String())
	case <-time.After(2 * time.Minute):
		s.t.Fatal("memora serve did not start within two minutes")
	}
}

// Kill is SIGKILL: no shutdown, no flush.
func (s *server) Kill() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cmd == nil {
		return
	}
	_ = s.cmd.Process.Kill()
	<-s.done
	s.cmd = nil
}

// Stop is SIGTERM and waiting for the graceful shutdown.
func (s *server) Stop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cmd == nil {
		return
	}
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	<-s.done
	s.cmd = nil
}

// status reads one field (kB) of /proc/PID/status: VmHWM is the peak resident set.
func (s *server) status(field string) int {
	s.mu.Lock()
	pid := s.cmd.Process.Pid
	s.mu.Unlock()
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		s.t.Fatal(err)
	}
	for _, line := range strings.Split(string(raw), "\n") {
		if rest, ok := strings.CutPrefix(line, field+":"); ok {
			n, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(rest), " kB"))
			return n
		}
	}
	s.t.Fatalf("no %s in /proc/%d/status", field, pid)
	return 0
}

// metric reads one unlabelled gauge from /metrics (-1 when it cannot).
func (s *server) metric(name string) float64 {
	c := http.Client{Timeout: 2 * time.Second}
	resp, err := c.Get(s.Base + "/metrics")
	if err != nil {
		return -1
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), name+" "); ok {
			f, err := strconv.ParseFloat(v, 64)
			if err == nil {
				return f
			}
		}
	}
	return -1
}

// client is one signed-in account (or none).
type client struct {
	http  *http.Client
	base  string
	email string
}

func newClient(base string) *client {
	jar, _ := cookiejar.New(nil)
	return &client{http: &http.Client{Jar: jar, Timeout: 30 * time.Second,
		Transport: &http.Transport{MaxIdleConnsPerHost: 16}}, base: base}
}

func login(t *testing.T, base, email string) *client {
	t.Helper()
	c := newClient(base)
	c.email = email
	if st := c.login(email, demo.Password); st != 200 {
		t.Fatalf("login %s: %d", email, st)
	}
	return c
}

func (c *client) login(email, pwd string) int {
	resp, err := c.http.PostForm(c.base+"/api/method/login", url.Values{"usr": {email}, "pwd": {pwd}})
	if err != nil {
		return 0
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode
}

// reply is one HTTP answer; status 0 means none came back.
type reply struct {
	status     int
	retryAfter string
	body       []byte
}

func (c *client) do(req *http.Request) reply {
	resp, err := c.http.Do(req)
	if err != nil {
		return reply{}
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return reply{}
	}
	return reply{status: resp.StatusCode, retryAfter: resp.Header.Get("Retry-After"), body: body}
}

func (c *client) method(name string) string { return c.base + "/api/method/" + name }

func (c *client) get(name string, q url.Values) reply {
	u := c.method(name)
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	req, _ := http.NewRequest(http.MethodGet, u, nil)
	return c.do(req)
}

func (c *client) postJSON(name string, body any) reply {
	raw, ok := body.([]byte)
	if !ok {
		raw, _ = json.Marshal(body)
	}
	req, _ := http.NewRequest(http.MethodPost, c.method(name), bytes.NewReader(raw))
	req.Header.Set("Content-Type", "application/json")
	return c.do(req)
}

// message decodes the {"message": …} envelope of a 200 into v.
func (r reply) message(t *testing.T, v any) {
	t.Helper()
	if r.status != 200 {
		t.Fatalf("status %d: %s", r.status, r.body)
	}
	var env struct {
		Message json.RawMessage `json:"message"`
	}
	if err := json.Unmarshal(r.body, &env); err != nil {
		t.Fatalf("%v: %s", err, r.body)
	}
	if err := json.Unmarshal(env.Message, v); err != nil {
		t.Fatalf("%v: %s", err, env.Message)
	}
}

// counts are statuses seen, by status (0: no answer).
type counts struct {
	mu sync.Mutex
	m  map[int]int
}

func (c *counts) add(status int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[int]int{}
	}
	c.m[status]++
}

func (c *counts) total() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for _, v := range c.m {
		n += v
	}
	return n
}

func (c *counts) get(status int) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.m[status]
}

// serverErrors counts the 5xx answers other than 503.
func (c *counts) serverErrors() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for st, v := range c.m {
		if st >= 500 && st != 503 {
			n += v
		}
	}
	return n
}

func (c *counts) String() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	var keys []int
	for k := range c.m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var b strings.Builder
	for i, k := range keys {
		if i > 0 {
			b.WriteString(", ")
		}
		name := strconv.Itoa(k)
		if k == 0 {
			name = "no answer"
		}
		fmt.Fprintf(&b, "%s: %d", name, c.m[k])
	}
	return b.String()
}
