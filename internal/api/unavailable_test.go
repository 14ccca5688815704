package api_test

import (
	"io"
	"net"
	neturl "net/url"
	"os"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"memora/internal/apitest"
	"memora/internal/config"
	"memora/internal/store"
	"memora/internal/store/storetest"
)

// TestDatabaseDownIs503: when PostgreSQL stops answering, requests get a quick 503 (not a
// 500), and when it is back the service resumes by itself.
func TestDatabaseDownIs503(t *testing.T) {
	t.Parallel()
	base := os.Getenv(storetest.PostgresURLEnv)
	if base == "" {
		t.Skip("needs PostgreSQL: set " + storetest.PostgresURLEnv)
	}
	url := storetest.NewPostgresDatabase(t, base)
	u, err := neturl.Parse(url)
	require.NoError(t, err)
	target := u.Host
	if u.Port() == "" {
		target = net.JoinHostPort(u.Hostname(), "5432")
	}
	proxy := newProxy(t, target) // whichever server MEMORA_TEST_DATABASE_URL names
	u.Host = proxy.addr()
	proxied := u.String()
	env := apitest.New(t, store.SQLite, func(c *config.Config) { c.DatabaseURL = proxied })
	c, _ := env.LoginAs("s@x.test", "x")
	path := apitest.Method("profile", "get_player_profile")
	require.Equal(t, 200, c.Get(path, nil).Status)

	proxy.cut()
	r := c.Get(path, nil)
	expectError(t, r, 503, "ServiceUnavailable")
	require.NotContains(t, r.Body, "5432", "no connection details reach the client")

	proxy.restore()
	require.Equal(t, 200, c.Get(path, nil).Status)
}

// proxy forwards TCP to a target and can drop every connection and refuse new ones.
type proxy struct {
	t      *testing.T
	target string
	mu     sync.Mutex
	ln     net.Listener
	port   string
	conns  []net.Conn
}

func newProxy(t *testing.T, target string) *proxy {
	p := &proxy{t: t, target: target}
	p.listen("127.0.0.1:0")
	t.Cleanup(p.cut)
	return p
}

func (p *proxy) addr() string { return "127.0.0.1:" + p.port }

func (p *proxy) listen(addr string) {
	ln, err := net.Listen("tcp", addr)
	require.NoError(p.t, err)
	_, p.port, _ = net.SplitHostPort(ln.Addr().String())
	p.mu.Lock()
	p.ln = ln
	p.mu.Unlock()
	go p.accept(ln)
}

func (p *proxy) accept(ln net.Listener) {
	for {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		up, err := net.Dial("tcp", p.target)
		if err != nil {
			c.Close()
			continue
		}
		p.mu.Lock()
		p.conns = append(p.conns, c, up)
		p.mu.Unlock()
		go func() { _, _ = io.Copy(up, c); up.Close() }()
		go func() { _, _ = io.Copy(c, up); c.Close() }()
	}
}

func (p *proxy) cut() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.ln != nil {
		p.ln.Close()
		p.ln = nil
	}
	for _, c := range p.conns {
		c.Close()
	}
	p.conns = nil
}

func (p *proxy) restore() { p.listen("127.0.0.1:" + p.port) }
