package httpx_test

import (
	"net/http"
	"net/http/httptest"
	"net/netip"
	"testing"

	"memora/internal/httpx"
)

// X-Forwarded-For names the client only when the peer is a trusted proxy; then the rightmost
// address that is not a trusted proxy is the client, so a client cannot forge its address by
// sending the header itself.
func TestTheClientAddressBelievesForwardedForOnlyFromTrustedProxies(t *testing.T) {
	t.Parallel()
	trusted := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("192.168.1.7/32")}
	cases := []struct {
		name, peer, xff string
		trusted         []netip.Prefix
		want            string
	}{
		{"no proxies configured", "10.0.0.2:5000", "1.2.3.4", nil, "10.0.0.2"},
		{"untrusted peer's header ignored", "203.0.113.9:5000", "1.2.3.4", trusted, "203.0.113.9"},
		{"one trusted proxy", "10.0.0.2:5000", "1.2.3.4", trusted, "1.2.3.4"},
		{"forged leftmost entries ignored", "10.0.0.2:5000", "6.6.6.6, 1.2.3.4, 192.168.1.7", trusted, "1.2.3.4"},
		{"all hops trusted", "10.0.0.2:5000", "10.1.1.1, 10.2.2.2", trusted, "10.1.1.1"},
		{"no header", "10.0.0.2:5000", "", trusted, "10.0.0.2"},
		{"garbage stops the walk", "10.0.0.2:5000", "1.2.3.4, nonsense", trusted, "10.0.0.2"},
		{"IPv6 peer", "[::1]:5000", "1.2.3.4", nil, "::1"},
	}
	for _, c := range cases {
		var got string
		h := httpx.ClientAddress(c.trusted)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { got = httpx.ClientIP(r) }))
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		r.RemoteAddr = c.peer
		if c.xff != "" {
			r.Header.Set("X-Forwarded-For", c.xff)
		}
		h.ServeHTTP(httptest.NewRecorder(), r)
		if got != c.want {
			t.Errorf("%s: client %q, want %q", c.name, got, c.want)
		}
	}
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	r.RemoteAddr = "198.51.100.1:1"
	if got := httpx.ClientIP(r); got != "198.51.100.1" {
		t.Errorf("outside the middleware: %q", got)
	}
}
