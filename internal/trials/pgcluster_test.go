package trials

import (
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// PGBinEnv names the folder of initdb and pg_ctl (default /usr/lib/postgresql/15/bin, else
// pg_config --bindir).
const PGBinEnv = "MEMORA_TRIALS_PG_BIN"

// pgCluster is a PostgreSQL cluster of this test only: initdb in a temp folder, a free
// loopback port, stopped and removed at cleanup. Restart and Stop never touch another server.
type pgCluster struct {
	t    *testing.T
	bin  string
	root string
	data string
	Port int
	cred *syscall.Credential // the postgres account when the test runs as root
}

func pgBin(t *testing.T) string {
	if d := os.Getenv(PGBinEnv); d != "" {
		return d
	}
	if _, err := os.Stat("/usr/lib/postgresql/15/bin/pg_ctl"); err == nil {
		return "/usr/lib/postgresql/15/bin"
	}
	out, err := exec.Command("pg_config", "--bindir").Output()
	if err != nil {
		t.Fatalf("no PostgreSQL binaries: set %s (pg_config: %v)", PGBinEnv, err)
	}
	return strings.TrimSpace(string(out))
}

// startPGCluster creates and starts a private cluster.
func startPGCluster(t *testing.T) *pgCluster {
	t.Helper()
	root, err := os.MkdirTemp("", "memora-trials-pg-")
	if err != nil {
		t.Fatal(err)
	}
	c := &pgCluster{t: t, bin: pgBin(t), root: root, data: filepath.Join(root, "data"), Port: freePort(t)}
	t.Cleanup(func() { _ = os.RemoveAll(root) })
	if os.Geteuid() == 0 { // initdb refuses root: the cluster runs as postgres
		u, err := user.Lookup("postgres")
		if err != nil {
			t.Fatalf("running as root needs a postgres account for the private cluster: %v", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		c.cred = &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}
		if err := os.Chown(root, uid, gid); err != nil {
			t.Fatal(err)
		}
	}
	c.run("initdb", "-D", c.data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync")
	c.Start()
	t.Cleanup(func() { _ = c.ctl("-m", "immediate", "stop") })
	return c
}

// URL is the cluster's postgres database.
func (c *pgCluster) URL() string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", c.Port)
}

// Start starts the server and waits until it accepts connections.
func (c *pgCluster) Start() {
	c.t.Helper()
	opts := fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1 -c max_connections=100", c.Port, c.root)
	if err := c.ctl("-w", "-t", "60", "-o", opts, "-l", filepath.Join(c.root, "log"), "start"); err != nil {
		log, _ := os.ReadFile(filepath.Join(c.root, "log"))
		c.t.Fatalf("pg_ctl start: %v\n%s", err, log)
	}
}

// Crash stops the server at once (immediate mode: no checkpoint, crash recovery at the next
// start); Stop is a fast shutdown (connections are cut, a checkpoint is written).
func (c *pgCluster) Crash() { c.mustCtl("-m", "immediate", "-w", "stop") }

func (c *pgCluster) Stop() { c.mustCtl("-m", "fast", "-w", "stop") }

func (c *pgCluster) mustCtl(args ...string) {
	c.t.Helper()
	if err := c.ctl(args...); err != nil {
		c.t.Fatalf("pg_ctl %v: %v", args, err)
	}
}

func (c *pgCluster) ctl(args ...string) error {
	return c.cmd("pg_ctl", append([]string{"-D", c.data}, args...)...).Run()
}

func (c *pgCluster) run(name string, args ...string) {
	c.t.Helper()
	if out, err := c.cmd(name, args...).CombinedOutput(); err != nil {
		c.t.Fatalf("%s: %v\n%s", name, err, out)
	}
}

func (c *pgCluster) cmd(name string, args ...string) *exec.Cmd {
	cmd := exec.Command(filepath.Join(c.bin, name), args...)
	cmd.Dir = c.root
	cmd.Env = append(os.Environ(), "LC_ALL=C")
	if c.cred != nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: c.cred}
	}
	return cmd
}
