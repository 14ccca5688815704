package config_test

import (
	"strings"
	"testing"

	"memora/internal/config"
)

func TestThePprofListenerRefusesANonLoopbackAddressUnlessForced(t *testing.T) {
	t.Parallel()
	for _, addr := range []string{"127.0.0.1:6060", "localhost:6060", "[::1]:6060"} {
		if _, err := config.Parse(map[string]string{"MEMORA_PPROF_ADDR": addr}); err != nil {
			t.Errorf("%s: %v", addr, err)
		}
	}
	for _, addr := range []string{":6060", "0.0.0.0:6060", "10.1.2.3:6060"} {
		_, err := config.Parse(map[string]string{"MEMORA_PPROF_ADDR": addr})
		if err == nil || !strings.Contains(err.Error(), "MEMORA_PPROF_ALLOW_REMOTE") {
			t.Errorf("%s accepted: %v", addr, err)
		}
		if _, err := config.Parse(map[string]string{"MEMORA_PPROF_ADDR": addr, "MEMORA_PPROF_ALLOW_REMOTE": "true"}); err != nil {
			t.Errorf("%s forced: %v", addr, err)
		}
	}
}

func TestTLSTrustedProxiesAndTheMetricsListenerAreValidated(t *testing.T) {
	t.Parallel()
	c, err := config.Parse(map[string]string{"MEMORA_TRUSTED_PROXIES": "10.0.0.0/8, 192.168.1.7,", "MEMORA_METRICS_ADDR": "127.0.0.1:9100"})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.TrustedProxies) != 2 || c.MetricsAddr != "127.0.0.1:9100" || c.TLS() {
		t.Fatalf("parsed %+v", c)
	}
	_, err = config.Parse(map[string]string{"MEMORA_TRUSTED_PROXIES": "10.0.0.0/33", "MEMORA_TLS_CERT": "/x.pem", "MEMORA_METRICS_ADDR": "nope"})
	for _, want := range []string{"MEMORA_TRUSTED_PROXIES", "MEMORA_TLS_KEY", "MEMORA_METRICS_ADDR"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v does not name %s", err, want)
		}
	}
	_, err = config.Parse(map[string]string{"MEMORA_TLS_CERT": "/nowhere/cert.pem", "MEMORA_TLS_KEY": "/nowhere/key.pem"})
	if err == nil || !strings.Contains(err.Error(), "cannot be read") {
		t.Errorf("missing TLS files accepted: %v", err)
	}
}

// Two unreadable TLS files are reported certificate first, whatever the run (they were
// checked in a map's order, so the two lines came in either order).
func TestUnreadableTLSFilesAreReportedInAFixedOrder(t *testing.T) {
	t.Parallel()
	for range 32 {
		_, err := config.Parse(map[string]string{"MEMORA_TLS_CERT": "/nowhere/cert.pem", "MEMORA_TLS_KEY": "/nowhere/key.pem"})
		if err == nil {
			t.Fatal("missing TLS files accepted")
		}
		cert, key := strings.Index(err.Error(), "MEMORA_TLS_CERT"), strings.Index(err.Error(), "MEMORA_TLS_KEY")
		if cert < 0 || key < 0 || cert > key {
			t.Fatalf("want the certificate, then the key: %v", err)
		}
	}
}
