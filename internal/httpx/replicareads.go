package httpx

import (
	"net/http"
	"strconv"
	"time"

	"memora/internal/clock"
	"memora/internal/store"
)

// WroteCookie marks a client that sent a write lately; its value is when that stops
// mattering (Unix seconds).
const WroteCookie = "memora_wrote"

// ReplicaReads lets the store answer a request's lag-tolerant reads from the read replica
// (store.WithReplicaReads) when the request is a GET or HEAD and its client sent no other
// method in the last window. A request of any other method may write: its reads stay on
// the primary, and its answer sets WroteCookie for window, so that the client's reads in
// the next seconds stay on the primary too and see what it wrote. window must exceed the
// lag the replica is allowed (pgstore.Options.ReplicaMaxLag) plus its check interval.
func ReplicaReads(next http.Handler, clk clock.Clock, window time.Duration, secure bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		now := clk.Now()
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			until := now.Add(window)
			http.SetCookie(w, &http.Cookie{Name: WroteCookie, Value: strconv.FormatInt(until.Unix()+1, 10),
				Path: "/", MaxAge: int((window + time.Second - 1) / time.Second), HttpOnly: true, Secure: secure,
				SameSite: http.SameSiteLaxMode})
			next.ServeHTTP(w, r)
			return
		}
		if !wroteLately(r, now) {
			r = r.WithContext(store.WithReplicaReads(r.Context()))
		}
		next.ServeHTTP(w, r)
	})
}

// wroteLately reports a WroteCookie that has not run out.
func wroteLately(r *http.Request, now time.Time) bool {
	c, err := r.Cookie(WroteCookie)
	if err != nil {
		return false
	}
	until, err := strconv.ParseInt(c.Value, 10, 64)
	return err != nil || now.Unix() < until // a cookie not ours to read: keep to the primary
}
