package redistest

import (
	"context"
	"net"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// OwnCluster is a Redis Cluster of this test only: 3 masters and 3 replicas, each a Server
// on a free loopback port, without persistence, so the test may kill a master.
type OwnCluster struct {
	Nodes []*Server
}

// StartCluster starts a 3-master, 3-replica cluster whose nodes declare a peer failed after
// nodeTimeout (cluster-node-timeout), and waits until every node reports cluster_state:ok
// with its replicas attached. Everything is killed at cleanup. The test is skipped when
// redis-server or redis-cli is not installed.
func StartCluster(t testing.TB, nodeTimeout time.Duration) *OwnCluster {
	t.Helper()
	cli, err := exec.LookPath("redis-cli")
	if err != nil {
		t.Skip("redis-cli is not installed")
	}
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		t.Skip("redis-server is not installed")
	}
	c := &OwnCluster{}
	for range 6 {
		s := &Server{t: t, bin: bin, dir: t.TempDir(), Port: freePort(t)}
		s.args = []string{"--cluster-enabled", "yes", "--cluster-config-file", s.dir + "/nodes.conf",
			"--cluster-node-timeout", strconv.FormatInt(nodeTimeout.Milliseconds(), 10),
			"--cluster-replica-validity-factor", "0"} // a replica takes over however long since it last heard the master
		s.Start()
		t.Cleanup(s.Kill)
		c.Nodes = append(c.Nodes, s)
	}
	args := []string{"--cluster", "create"}
	args = append(args, c.Addrs()...)
	args = append(args, "--cluster-replicas", "1", "--cluster-yes")
	if out, err := exec.Command(cli, args...).CombinedOutput(); err != nil {
		t.Fatalf("redis-cli --cluster create: %v\n%s", err, out)
	}
	c.WaitOK(t, 30*time.Second)
	return c
}

// Addrs are the nodes' host:port, the cluster's seeds.
func (c *OwnCluster) Addrs() []string {
	out := make([]string, len(c.Nodes))
	for i, n := range c.Nodes {
		out[i] = n.Addr()
	}
	return out
}

// WaitOK waits until every running node reports cluster_state:ok and three masters with
// slots, each with a replica (after a failover: once the old master is back as a replica,
// or while it is down, the three live masters alone).
func (c *OwnCluster) WaitOK(t testing.TB, within time.Duration) {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		ok, why := c.ok()
		if ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("cluster not ok after %v: %s", within, why)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func (c *OwnCluster) ok() (bool, string) {
	ctx := context.Background()
	for _, n := range c.Nodes {
		if !n.running() {
			continue
		}
		rdb := redis.NewClient(&redis.Options{Addr: n.Addr(), MaxRetries: -1})
		info, err := rdb.ClusterInfo(ctx).Result()
		nodes, err2 := rdb.ClusterNodes(ctx).Result()
		rdb.Close()
		if err != nil || err2 != nil {
			return false, n.Addr() + ": " + errString(err, err2)
		}
		if !strings.Contains(info, "cluster_state:ok") {
			return false, n.Addr() + ": " + info
		}
		if repl := n.info("replication"); strings.Contains(repl, "role:slave") && !strings.Contains(repl, "master_link_status:up") {
			return false, n.Addr() + ": " + repl
		}
		masters, replicas := 0, 0
		for _, line := range strings.Split(strings.TrimSpace(nodes), "\n") {
			f := strings.Fields(line)
			if len(f) < 8 || strings.Contains(f[2], "fail") {
				continue
			}
			switch {
			case strings.Contains(f[2], "master") && len(f) > 8:
				if !c.runs(strings.Split(f[1], "@")[0]) {
					return false, n.Addr() + ": a stopped node still serves slots"
				}
				masters++
			case strings.Contains(f[2], "slave"):
				replicas++
			}
		}
		if masters != 3 || replicas < c.liveNodes()-3 {
			return false, n.Addr() + ": " + nodes
		}
	}
	return true, ""
}

// runs reports whether the node at addr is running.
func (c *OwnCluster) runs(addr string) bool {
	for _, s := range c.Nodes {
		if s.Addr() == addr {
			return s.running()
		}
	}
	return false
}

func (c *OwnCluster) liveNodes() int {
	n := 0
	for _, s := range c.Nodes {
		if s.running() {
			n++
		}
	}
	return n
}

// MasterOf returns the node serving key's slot as master.
func (c *OwnCluster) MasterOf(t testing.TB, key string) *Server {
	t.Helper()
	slot := Slot(key)
	for _, n := range c.Nodes {
		if !n.running() {
			continue
		}
		rdb := redis.NewClient(&redis.Options{Addr: n.Addr(), MaxRetries: -1})
		shards, err := rdb.ClusterShards(context.Background()).Result()
		rdb.Close()
		if err != nil {
			continue
		}
		for _, sh := range shards {
			for _, r := range sh.Slots {
				if slot < int(r.Start) || slot > int(r.End) {
					continue
				}
				for _, node := range sh.Nodes {
					if node.Role != "master" || node.Health != "online" {
						continue
					}
					for _, m := range c.Nodes {
						if m.Addr() == net.JoinHostPort(node.IP, strconv.FormatInt(node.Port, 10)) {
							return m
						}
					}
				}
			}
		}
	}
	t.Fatalf("no master serves slot %d of %q", slot, key)
	return nil
}

// info is the server's INFO section ("" when it does not answer).
func (s *Server) info(section string) string {
	rdb := redis.NewClient(&redis.Options{Addr: s.Addr(), MaxRetries: -1})
	defer rdb.Close()
	return rdb.Info(context.Background(), section).Val()
}

func (s *Server) running() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cmd != nil
}

func errString(errs ...error) string {
	var parts []string
	for _, e := range errs {
		if e != nil {
			parts = append(parts, e.Error())
		}
	}
	return strings.Join(parts, "; ")
}
