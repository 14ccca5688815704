package httpx

import (
	"context"
	"net"
	"net/http"
	"net/netip"
	"strings"
)

type clientKey struct{}

// ClientAddress finds the client's address once per request, for the login limits, the
// audit log and the access log. Without trusted proxies it is the peer address: headers a
// client writes itself are never believed. When the peer is one of trusted (the reverse
// proxies, MEMORA_TRUSTED_PROXIES), X-Forwarded-For is read from the right, skipping
// trusted hops: the first address not trusted is the client (the leftmost when all are).
func ClientAddress(trusted []netip.Prefix) Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			ip := clientAddr(r, trusted)
			next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), clientKey{}, ip)))
		})
	}
}

// ClientIP is the client address ClientAddress found, or the peer address outside it.
func ClientIP(r *http.Request) string {
	if ip, ok := r.Context().Value(clientKey{}).(string); ok {
		return ip
	}
	return peerIP(r)
}

func peerIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

func clientAddr(r *http.Request, trusted []netip.Prefix) string {
	peer := peerIP(r)
	if len(trusted) == 0 || !isTrusted(peer, trusted) {
		return peer
	}
	var hops []string
	for _, h := range r.Header.Values("X-Forwarded-For") {
		for _, part := range strings.Split(h, ",") {
			hops = append(hops, strings.TrimSpace(part))
		}
	}
	client := peer
	for i := len(hops) - 1; i >= 0; i-- {
		addr, err := netip.ParseAddr(hops[i])
		if err != nil {
			break // garbage: keep the last address a trusted hop vouched for
		}
		client = addr.Unmap().String()
		if !trustedAddr(addr, trusted) {
			break
		}
	}
	return client
}

func isTrusted(ip string, trusted []netip.Prefix) bool {
	addr, err := netip.ParseAddr(ip)
	return err == nil && trustedAddr(addr, trusted)
}

func trustedAddr(addr netip.Addr, trusted []netip.Prefix) bool {
	addr = addr.Unmap()
	for _, p := range trusted {
		if p.Contains(addr) {
			return true
		}
	}
	return false
}
