package redistest

import (
	"context"
	"net"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// Server is a redis-server process of this test only, on a free loopback port, without
// persistence. Kill stops it hard (an outage); Start brings it back on the same port, empty.
type Server struct {
	t    testing.TB
	bin  string
	dir  string
	Port int
	args []string // extra redis-server arguments

	mu  sync.Mutex
	cmd *exec.Cmd
}

// StartServer starts a throwaway redis-server, killed at cleanup. The test is skipped when
// redis-server is not installed.
func StartServer(t testing.TB) *Server {
	t.Helper()
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		t.Skip("redis-server is not installed")
	}
	s := &Server{t: t, bin: bin, dir: t.TempDir(), Port: freePort(t)}
	s.Start()
	t.Cleanup(s.Kill)
	return s
}

// StartReplica starts a throwaway redis-server replicating master, killed at cleanup, and
// waits until master counts it as a connected replica.
func StartReplica(t testing.TB, master *Server) *Server {
	t.Helper()
	admin := redis.NewClient(&redis.Options{Addr: master.Addr(), MaxRetries: -1})
	err := admin.ConfigSet(context.Background(), "repl-diskless-sync-delay", "0").Err() // no 5 s wait for more replicas
	admin.Close()
	if err != nil {
		t.Fatalf("redis-server on %d: %v", master.Port, err)
	}
	s := &Server{t: t, bin: master.bin, dir: t.TempDir(), Port: freePort(t),
		args: []string{"--replicaof", "127.0.0.1", strconv.Itoa(master.Port)}}
	s.Start()
	t.Cleanup(s.Kill)
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(master.info("replication"), "connected_slaves:1") ||
		!strings.Contains(s.info("replication"), "master_link_status:up") {
		if time.Now().After(deadline) {
			t.Fatalf("replica on %d did not attach to its master on %d", s.Port, master.Port)
		}
		time.Sleep(20 * time.Millisecond)
	}
	return s
}

// Addr is host:port.
func (s *Server) Addr() string { return net.JoinHostPort("127.0.0.1", strconv.Itoa(s.Port)) }

// URL is the redis:// URL of the server.
func (s *Server) URL() string { return "redis://" + s.Addr() + "/0" }

// Start runs the server (again) and waits until it answers.
func (s *Server) Start() {
	s.t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cmd != nil {
		s.t.Fatalf("redis-server on %d is already running", s.Port)
	}
	cmd := exec.Command(s.bin, "--port", strconv.Itoa(s.Port), "--bind", "127.0.0.1", "--save", "",
		"--appendonly", "no", "--dir", s.dir, "--logfile", "")
	cmd.Args = append(cmd.Args, s.args...)
	if err := cmd.Start(); err != nil {
		s.t.Fatalf("start redis-server: %v", err)
	}
	s.cmd = cmd
	rdb := redis.NewClient(&redis.Options{Addr: s.Addr(), MaxRetries: -1})
	defer rdb.Close()
	if err := waitFor(context.Background(), rdb, 10*time.Second); err != nil {
		s.t.Fatalf("redis-server on %d does not answer: %v", s.Port, err)
	}
}

// Kill stops the server with SIGKILL (frozen or not) and waits for it to exit; killing a
// stopped server does nothing.
func (s *Server) Kill() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cmd == nil {
		return
	}
	_ = s.cmd.Process.Kill()
	_ = s.cmd.Wait()
	s.cmd = nil
}

// Freeze stops the process with SIGSTOP: connections stay open but nothing answers, as in
// a network partition; Thaw resumes it with its data.
func (s *Server) Freeze() { s.signal(syscall.SIGSTOP) }

// Thaw resumes a frozen server (SIGCONT).
func (s *Server) Thaw() { s.signal(syscall.SIGCONT) }

func (s *Server) signal(sig os.Signal) {
	s.t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cmd == nil {
		s.t.Fatalf("redis-server on %d is not running", s.Port)
	}
	if err := s.cmd.Process.Signal(sig); err != nil {
		s.t.Fatalf("signal redis-server: %v", err)
	}
}

func freePort(t testing.TB) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("free port: %v", err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}
