package app_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"io"
	"log/slog"
	"math/big"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/app"
	"memora/internal/clock"
	"memora/internal/config"
	"memora/internal/redistest"
)

// serve runs Serve with vars on a fresh SQLite database and returns the bound address.
func serve(t *testing.T, vars map[string]string) (*app.App, string) {
	t.Helper()
	return serveLogged(t, vars, slog.New(slog.DiscardHandler))
}

func serveLogged(t *testing.T, vars map[string]string, logger *slog.Logger) (*app.App, string) {
	t.Helper()
	all := map[string]string{"MEMORA_DATABASE_URL": "sqlite:" + filepath.Join(t.TempDir(), "m.db"), "MEMORA_ADDR": "127.0.0.1:0",
		"MEMORA_WORKER": "false", "MEMORA_SHUTDOWN_TIMEOUT": "2s"}
	for k, v := range vars {
		all[k] = v
	}
	cfg, err := config.Parse(all)
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	a, err := app.Open(ctx, cfg, logger, clock.System{})
	require.NoError(t, err)
	addrc, done := make(chan string, 1), make(chan error, 1)
	go func() { done <- a.Serve(ctx, func(addr string) { addrc <- addr }) }()
	t.Cleanup(func() {
		cancel()
		require.NoError(t, <-done)
		a.Close()
	})
	select {
	case addr := <-addrc:
		return a, addr
	case err := <-done:
		t.Fatalf("serve: %v", err)
	}
	return nil, ""
}

// closedWithin sends what to a new connection, then stalls, and reports how long the server
// took to close the connection (failing after limit).
func closedWithin(t *testing.T, addr, what string, limit time.Duration) time.Duration {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	require.NoError(t, err)
	defer conn.Close()
	start := time.Now()
	if what != "" {
		_, err = io.WriteString(conn, what)
		require.NoError(t, err)
	}
	require.NoError(t, conn.SetReadDeadline(time.Now().Add(limit)))
	_, err = io.Copy(io.Discard, conn) // answers, if any, then EOF when the server closes
	require.NoError(t, err, "the server held the stalled connection for %v", limit)
	return time.Since(start)
}

// A client that stalls in the middle of its headers or its body, or keeps an idle keep-alive
// connection open, is cut off: the slow-loris connections that once piled up by the thousand.
func TestStalledBodiesHeadersAndIdleConnectionsAreClosed(t *testing.T) {
	const d = 300 * time.Millisecond
	_, addr := serve(t, map[string]string{"MEMORA_REQUEST_TIMEOUT": d.String()})
	limit := 4 * time.Second

	body := "POST /api/method/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"usr\":"
	require.Less(t, closedWithin(t, addr, body, limit), 2*time.Second, "stalled body")
	require.Less(t, closedWithin(t, addr, "GET /healthz HTTP/1.1\r\nHost: x\r\n", limit), 2*time.Second, "stalled headers")
	idle := closedWithin(t, addr, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", limit) // answered, then idle
	require.GreaterOrEqual(t, idle, 4*d-50*time.Millisecond, "idle keep-alive connections get 4×MEMORA_REQUEST_TIMEOUT")
	require.Equal(t, app.Timeouts{ReadHeader: 10 * time.Second, Read: 15 * time.Second, Write: 20 * time.Second, Idle: time.Minute},
		app.ServerTimeouts(15*time.Second))
}

// With MEMORA_METRICS_ADDR, /metrics is served on its own listener and not on the public one.
func TestMetricsMoveToTheirOwnListener(t *testing.T) {
	probe, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	metricsAddr := probe.Addr().String()
	require.NoError(t, probe.Close())
	_, addr := serve(t, map[string]string{"MEMORA_METRICS_ADDR": metricsAddr})

	res, err := http.Get("http://" + metricsAddr + "/metrics")
	require.NoError(t, err)
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.True(t, strings.Contains(string(b), "memora_build_info"))
	require.False(t, strings.Contains(string(b), "memora_redis_up"), "memora_redis_up reported without Redis")
	require.True(t, strings.Contains(string(b), `memora_http_request_duration_seconds_bucket{method="GET",route="GET /healthz",status="2xx",le="15"}`) ||
		!strings.Contains(string(b), "route=\"GET /healthz\""), "latency buckets reach the request timeout")

	res, err = http.Get("http://" + addr + "/metrics")
	require.NoError(t, err)
	res.Body.Close()
	require.Equal(t, http.StatusNotFound, res.StatusCode, "the public listener still serves /metrics")
}

// syncBuffer is a log destination written by the server's goroutines and read by the test.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// Behind a trusted proxy the client named by X-Forwarded-For is the one the login limits count
// and the access log names; a client that is not a trusted proxy cannot choose its address.
func TestTrustedProxiesNameTheClientForLoginLimitsAndLogs(t *testing.T) {
	var logs syncBuffer
	_, addr := serveLogged(t, map[string]string{"MEMORA_TRUSTED_PROXIES": "127.0.0.0/8", "MEMORA_LOGIN_RATE": "1"},
		slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelInfo})))
	login := func(client, user string) int {
		req, err := http.NewRequest(http.MethodPost, "http://"+addr+"/api/method/login",
			strings.NewReader(`{"usr":"`+user+`@example.org","pwd":"wrong-password"}`))
		require.NoError(t, err)
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-Forwarded-For", "203.0.113.50, "+client)
		res, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		res.Body.Close()
		return res.StatusCode
	}
	// The per-address limit is 4 failures (MEMORA_LOGIN_RATE × 4), each on another account.
	var statuses []int
	for i := range 6 {
		statuses = append(statuses, login("198.51.100.7", "a"+strconv.Itoa(i)))
	}
	require.Contains(t, statuses, http.StatusTooManyRequests, "one address behind the proxy is limited: %v", statuses)
	require.NotEqual(t, http.StatusTooManyRequests, login("198.51.100.8", "b0"), "another client behind the same proxy is not")
	require.Contains(t, logs.String(), `"client":"198.51.100.7"`)
	require.NotContains(t, logs.String(), `"client":"203.0.113.50"`, "the forged leftmost entry is believed")
	require.NotContains(t, logs.String(), "@example.org", "an e-mail address is logged")
}

// With MEMORA_TLS_CERT and MEMORA_TLS_KEY Memora serves HTTPS itself, with HSTS.
func TestTLSIsServedWhenACertificateIsConfigured(t *testing.T) {
	dir := t.TempDir()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "127.0.0.1"},
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	require.NoError(t, err)
	keyDER, err := x509.MarshalECPrivateKey(key)
	require.NoError(t, err)
	certPath, keyPath := filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	require.NoError(t, os.WriteFile(certPath, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600))
	require.NoError(t, os.WriteFile(keyPath, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER}), 0o600))

	_, addr := serve(t, map[string]string{"MEMORA_TLS_CERT": certPath, "MEMORA_TLS_KEY": keyPath})
	pool := x509.NewCertPool()
	cert, err := x509.ParseCertificate(der)
	require.NoError(t, err)
	pool.AddCert(cert)
	c := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}, Timeout: 10 * time.Second}
	res, err := c.Get("https://" + addr + "/healthz")
	require.NoError(t, err)
	res.Body.Close()
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Equal(t, "max-age=31536000", res.Header.Get("Strict-Transport-Security"))
	require.Equal(t, "DENY", res.Header.Get("X-Frame-Options"))
}

// With Redis the login and sign-up limits are kept there, for every instance at once.
func TestWithRedisTheLoginLimitsAreShared(t *testing.T) {
	a, _ := serve(t, map[string]string{"MEMORA_REDIS_URL": redistest.URL(t)})
	require.NotNil(t, a.Identity.Accounts.Shared)
	require.NotNil(t, a.Identity.Addresses.Shared)
	require.NotNil(t, a.Identity.SignUps.Shared)
	b, _ := serve(t, nil)
	require.Nil(t, b.Identity.Accounts.Shared, "without Redis the limits are the process's own")
}
