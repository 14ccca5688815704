// Package pgtest starts private PostgreSQL clusters for tests: a primary of the test's own
// (initdb in t.TempDir(), a free loopback port, trust authentication, fsync off) and streaming
// replicas of it, each stopped at cleanup. Unlike the shared server of
// MEMORA_TEST_DATABASE_URL, these may be stopped, killed and restarted by the test.
//
// The PostgreSQL server binaries are looked up under /usr/lib/postgresql/*/bin (newest
// version first), then on PATH. Without them the test is skipped, unless
// MEMORA_TEST_DATABASE_URL is set: then PostgreSQL tests are expected to run, and it fails.
// When the test runs as root the servers run as the postgres user (initdb refuses root).
package pgtest

import (
	"context"
	"errors"
	"net"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// requireEnv names the variable that, when set, turns a missing PostgreSQL into a failure.
const requireEnv = "MEMORA_TEST_DATABASE_URL"

// readyTimeout bounds how long a start (or a replica's catch-up) may take.
const readyTimeout = 60 * time.Second

// Server is one PostgreSQL cluster of the test, on 127.0.0.1:Port. The superuser is
// postgres, without a password.
type Server struct {
	t    testing.TB
	bin  string // directory of initdb, postgres, pg_basebackup
	cred *syscall.Credential
	// Dir is the data directory.
	Dir string
	// Port is the TCP port on 127.0.0.1 (unchanged across restarts).
	Port int
	// Primary is the server this one replicates, nil for a primary.
	Primary *Server
	logPath string

	mu   sync.Mutex
	cmd  *exec.Cmd
	done chan struct{} // closed when cmd has exited
}

// StartPrimary initialises and starts a new cluster (wal_level=replica, so replicas can be
// made of it) and waits until it accepts connections; it is stopped at cleanup.
func StartPrimary(t testing.TB) *Server {
	t.Helper()
	bin, cred := setup(t)
	base := workDir(t, cred)
	s := &Server{t: t, bin: bin, cred: cred, Dir: filepath.Join(base, "data"), Port: freePort(t),
		logPath: filepath.Join(base, "postgres.log")}
	s.run("initdb", "-D", s.Dir, "-U", "postgres", "--auth=trust", "--encoding=UTF8",
		"--locale=C", "--no-sync", "--no-instructions")
	conf := strings.Join([]string{
		"listen_addresses = '127.0.0.1'",
		"unix_socket_directories = ''",
		"fsync = off",
		"full_page_writes = off",
		"wal_level = replica",
		"max_wal_senders = 10",
		"hot_standby = on",
		"max_connections = 40",
		"shared_buffers = 16MB",
		"log_min_messages = warning",
		"",
	}, "\n")
	f, err := os.OpenFile(filepath.Join(s.Dir, "postgresql.conf"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	if _, err := f.WriteString("\n# pgtest\n" + conf); err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	f.Close()
	t.Cleanup(s.Stop)
	s.Start()
	return s
}

// StartReplica makes a streaming replica of primary (pg_basebackup -R), starts it and waits
// until it streams from the primary; it is stopped at cleanup. It is read-only (hot standby).
func StartReplica(t testing.TB, primary *Server) *Server {
	t.Helper()
	base := workDir(t, primary.cred)
	s := &Server{t: t, bin: primary.bin, cred: primary.cred, Dir: filepath.Join(base, "data"),
		Port: freePort(t), Primary: primary, logPath: filepath.Join(base, "postgres.log")}
	s.run("pg_basebackup", "-h", "127.0.0.1", "-p", strconv.Itoa(primary.Port), "-U", "postgres",
		"-D", s.Dir, "-R", "-X", "stream", "--checkpoint=fast", "--no-sync")
	t.Cleanup(s.Stop)
	s.Start()
	s.WaitStreaming()
	return s
}

// URL is the postgres:// URL of the postgres database.
func (s *Server) URL() string { return s.DatabaseURL("postgres") }

// DatabaseURL is the postgres:// URL of the named database on this server.
func (s *Server) DatabaseURL(name string) string {
	u := url.URL{Scheme: "postgres", User: url.User("postgres"),
		Host: net.JoinHostPort("127.0.0.1", strconv.Itoa(s.Port)), Path: "/" + name,
		RawQuery: "sslmode=disable"}
	return u.String()
}

// Running reports whether the server process is running (it may not answer yet).
func (s *Server) Running() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cmd != nil
}

// Start starts the stopped server and waits until it accepts connections (after crash
// recovery, when it was killed).
func (s *Server) Start() {
	s.t.Helper()
	s.mu.Lock()
	if s.cmd != nil {
		s.mu.Unlock()
		s.t.Fatalf("pgtest: server on %d is already running", s.Port)
	}
	logf, err := os.OpenFile(s.logPath, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		s.mu.Unlock()
		s.t.Fatalf("pgtest: %v", err)
	}
	cmd := s.command("postgres", "-D", s.Dir, "-p", strconv.Itoa(s.Port))
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		logf.Close()
		s.mu.Unlock()
		s.t.Fatalf("pgtest: start postgres: %v", err)
	}
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); logf.Close(); close(done) }()
	s.cmd, s.done = cmd, done
	s.mu.Unlock()

	ctx, cancel := context.WithTimeout(context.Background(), readyTimeout)
	defer cancel()
	for {
		conn, err := pgx.Connect(ctx, s.URL())
		if err == nil {
			conn.Close(ctx)
			return
		}
		select {
		case <-done:
			s.t.Fatalf("pgtest: postgres on %d exited at start: %s", s.Port, s.logTail())
		case <-ctx.Done():
			s.t.Fatalf("pgtest: postgres on %d does not answer: %v\n%s", s.Port, err, s.logTail())
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// Stop shuts the server down cleanly (fast mode: sessions are ended, a checkpoint is
// written) and waits for it to exit; stopping a stopped server does nothing.
func (s *Server) Stop() { s.halt(syscall.SIGINT, false) }

// Kill ends the server and all its processes with SIGKILL, as in a crash or a lost machine;
// the next Start runs crash recovery. Killing a stopped server does nothing.
func (s *Server) Kill() { s.halt(syscall.SIGKILL, true) }

// Restart stops the server cleanly and starts it again.
func (s *Server) Restart() {
	s.t.Helper()
	s.Stop()
	s.Start()
}

func (s *Server) halt(sig syscall.Signal, all bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cmd == nil {
		return
	}
	pid := s.cmd.Process.Pid
	var children []int
	if all {
		// Backends start sessions of their own, so a process group does not hold them:
		// freeze the postmaster (no new children), then kill it and each child.
		_ = syscall.Kill(pid, syscall.SIGSTOP)
		children = childrenOf(pid)
		for _, c := range children {
			_ = syscall.Kill(c, syscall.SIGKILL)
		}
	}
	_ = syscall.Kill(pid, sig)
	select {
	case <-s.done:
	case <-time.After(readyTimeout):
		_ = syscall.Kill(pid, syscall.SIGKILL)
		<-s.done
	}
	// A new server cannot start while an old process still holds the shared memory.
	for _, c := range children {
		for i := 0; i < 250 && alive(c); i++ {
			time.Sleep(20 * time.Millisecond)
		}
	}
	if all {
		removeSharedMemory(s.Dir)
	}
	s.cmd, s.done = nil, nil
}

// removeSharedMemory removes the System V shared memory segment a killed server leaves
// (postmaster.pid names it) so that killed test servers do not pile segments up; a real
// crash leaves it to the next start, which gets the same treatment.
func removeSharedMemory(dataDir string) {
	b, err := os.ReadFile(filepath.Join(dataDir, "postmaster.pid"))
	if err != nil {
		return
	}
	lines := strings.Split(string(b), "\n")
	if len(lines) < 7 {
		return
	}
	f := strings.Fields(lines[6]) // shared memory key and id
	if len(f) != 2 {
		return
	}
	if ipcrm, err := exec.LookPath("ipcrm"); err == nil {
		_ = exec.Command(ipcrm, "-m", f[1]).Run()
	}
}

// childrenOf lists the processes whose parent is pid.
func childrenOf(pid int) []int {
	entries, _ := os.ReadDir("/proc")
	var out []int
	for _, e := range entries {
		c, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		if ppid, _ := procStat(c); ppid == pid {
			out = append(out, c)
		}
	}
	return out
}

// alive reports whether pid is a process that has not exited (a zombie has).
func alive(pid int) bool {
	_, state := procStat(pid)
	return state != "" && state != "Z" && state != "X"
}

// procStat reads a process's parent and state from /proc/PID/stat.
func procStat(pid int) (ppid int, state string) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return 0, ""
	}
	// pid (comm) state ppid ...; comm may hold spaces and parentheses.
	f := strings.Fields(string(b[strings.LastIndexByte(string(b), ')')+1:]))
	if len(f) < 2 {
		return 0, ""
	}
	ppid, _ = strconv.Atoi(f[1])
	return ppid, f[0]
}

// WaitStreaming waits until this replica's WAL receiver streams from its primary.
func (s *Server) WaitStreaming() {
	s.t.Helper()
	if s.Primary == nil {
		s.t.Fatalf("pgtest: server on %d is not a replica", s.Port)
	}
	s.poll("SELECT count(*) > 0 FROM pg_stat_wal_receiver WHERE status = 'streaming'")
}

// WaitCaughtUp waits until this replica has replayed everything its primary had written
// when it was called.
func (s *Server) WaitCaughtUp() {
	s.t.Helper()
	if s.Primary == nil {
		s.t.Fatalf("pgtest: server on %d is not a replica", s.Port)
	}
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, s.Primary.URL())
	if err != nil {
		s.t.Fatalf("pgtest: connect to primary: %v", err)
	}
	var lsn string
	err = conn.QueryRow(ctx, "SELECT pg_current_wal_insert_lsn()::text").Scan(&lsn)
	conn.Close(ctx)
	if err != nil {
		s.t.Fatalf("pgtest: primary WAL position: %v", err)
	}
	s.poll("SELECT pg_last_wal_replay_lsn() >= '" + lsn + "'::pg_lsn")
}

// poll runs a boolean query on this server until it is true.
func (s *Server) poll(query string) {
	s.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), readyTimeout)
	defer cancel()
	var last error
	for {
		conn, err := pgx.Connect(ctx, s.URL())
		if err == nil {
			var ok bool
			err = conn.QueryRow(ctx, query).Scan(&ok)
			conn.Close(ctx)
			if err == nil && ok {
				return
			}
		}
		if err != nil {
			last = err
		}
		select {
		case <-ctx.Done():
			s.t.Fatalf("pgtest: server on %d: %q stays false (%v)\n%s", s.Port, query, last, s.logTail())
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// run runs one of the PostgreSQL programs as the server user, failing the test on error.
func (s *Server) run(program string, args ...string) {
	s.t.Helper()
	cmd := s.command(program, args...)
	if out, err := cmd.CombinedOutput(); err != nil {
		s.t.Fatalf("pgtest: %s: %v\n%s", program, err, out)
	}
}

func (s *Server) command(program string, args ...string) *exec.Cmd {
	cmd := exec.Command(filepath.Join(s.bin, program), args...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: s.cred}
	cmd.Env = append(os.Environ(), "LC_ALL=C", "PGCONNECT_TIMEOUT=10")
	if s.cred != nil {
		cmd.Dir = filepath.Dir(s.Dir)
	}
	return cmd
}

func (s *Server) logTail() string {
	b, _ := os.ReadFile(s.logPath)
	if len(b) > 4000 {
		b = b[len(b)-4000:]
	}
	return string(b)
}

// setup finds the binaries and the user to run them as, or skips (fails) the test.
func setup(t testing.TB) (string, *syscall.Credential) {
	t.Helper()
	bin, err := binDir()
	if err != nil {
		if os.Getenv(requireEnv) != "" {
			t.Fatalf("pgtest: %v (%s is set, so PostgreSQL tests must run)", err, requireEnv)
		}
		t.Skipf("pgtest: %v; install the PostgreSQL server package to run this test", err)
	}
	if os.Geteuid() != 0 {
		return bin, nil
	}
	u, err := user.Lookup("postgres")
	if err != nil {
		t.Fatalf("pgtest: running as root, and there is no postgres user to run the server as: %v", err)
	}
	uid, _ := strconv.ParseUint(u.Uid, 10, 32)
	gid, _ := strconv.ParseUint(u.Gid, 10, 32)
	return bin, &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}
}

// binDir is the directory holding initdb, postgres and pg_basebackup.
func binDir() (string, error) {
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool { return versionOf(dirs[i]) > versionOf(dirs[j]) })
	for _, d := range dirs {
		if isExec(filepath.Join(d, "initdb")) && isExec(filepath.Join(d, "postgres")) &&
			isExec(filepath.Join(d, "pg_basebackup")) {
			return d, nil
		}
	}
	if p, err := exec.LookPath("initdb"); err == nil {
		d := filepath.Dir(p)
		if isExec(filepath.Join(d, "postgres")) && isExec(filepath.Join(d, "pg_basebackup")) {
			return d, nil
		}
	}
	return "", errors.New("no PostgreSQL server binaries (initdb, postgres, pg_basebackup) under /usr/lib/postgresql/*/bin or on PATH")
}

func versionOf(binDir string) float64 {
	v, _ := strconv.ParseFloat(filepath.Base(filepath.Dir(binDir)), 64)
	return v
}

func isExec(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && !fi.IsDir() && fi.Mode()&0o111 != 0
}

// workDir is a fresh directory of the test that the server user owns. As root, the test's
// temporary root (the parent of t.TempDir()) is opened for traversal, not listing, so that
// the postgres user reaches it.
func workDir(t testing.TB, cred *syscall.Credential) string {
	t.Helper()
	dir := t.TempDir()
	if cred == nil {
		return dir
	}
	root := filepath.Dir(dir)
	fi, err := os.Stat(root)
	if err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	if err := os.Chmod(root, fi.Mode().Perm()|0o111); err != nil {
		t.Fatalf("pgtest: open %s for the postgres user: %v", root, err)
	}
	for p := filepath.Dir(root); p != "/" && p != "."; p = filepath.Dir(p) {
		if fi, err := os.Stat(p); err == nil && fi.Mode().Perm()&0o001 == 0 {
			t.Fatalf("pgtest: the postgres user cannot reach %s (%s is not traversable); set TMPDIR to a directory it can reach, such as /tmp", dir, p)
		}
	}
	if err := os.Chown(dir, int(cred.Uid), int(cred.Gid)); err != nil {
		t.Fatalf("pgtest: chown %s to the postgres user: %v", dir, err)
	}
	return dir
}

func freePort(t testing.TB) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("pgtest: free port: %v", err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}
