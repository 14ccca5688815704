package httpx

import (
	"log/slog"
	"net/http"
	"net/netip"
	"time"
)

// Middleware is the shape of every layer in this package.
type Middleware = func(http.Handler) http.Handler

// Chain wraps h so that mws[0] is the outermost layer.
func Chain(h http.Handler, mws ...Middleware) http.Handler {
	for i := len(mws) - 1; i >= 0; i-- {
		h = mws[i](h)
	}
	return h
}

// Options configures Stack. Zero values are usable: no metrics, a
// Responder without mappings, no timeout, the default body limit.
type Options struct {
	Logger         *slog.Logger
	Observer       RequestObserver // nil for none; never a nil pointer in an interface
	Responder      *Responder
	Timeout        time.Duration
	MaxBodyBytes   int64
	TrustedOrigins []string
	// TrustedProxies are the reverse proxies whose X-Forwarded-For names the client.
	TrustedProxies []netip.Prefix
	// HSTS sends Strict-Transport-Security (set when cookies are Secure or TLS is served).
	HSTS bool
}

// Stack wraps h in the full middleware stack, in the order doc.go gives.
func Stack(h http.Handler, o Options) (http.Handler, error) {
	rs := o.Responder
	if rs == nil {
		rs = NewResponder(o.Logger)
	}
	crossOrigin, err := CrossOrigin(o.TrustedOrigins)
	if err != nil {
		return nil, err
	}
	return Chain(h,
		rs.Middleware,
		RequestID,
		ClientAddress(o.TrustedProxies),
		AccessLog(o.Logger, o.Observer),
		SecurityHeaders(o.HSTS),
		CORS(o.TrustedOrigins),
		Recover,
		Timeout(o.Timeout),
		BodyLimit(o.MaxBodyBytes),
		crossOrigin,
	), nil
}
