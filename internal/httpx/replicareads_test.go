package httpx_test

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"memora/internal/clock"
	"memora/internal/httpx"
	"memora/internal/store"
)

// A client's reads may go to the replica until it writes; then, for the window, they stay
// on the primary (read-your-writes), and after it they may go to the replica again.
func TestReplicaReadsAfterAWriteStayOnThePrimaryForTheWindow(t *testing.T) {
	clk := clock.NewFake(time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC))
	var replica bool
	h := httpx.ReplicaReads(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		replica = store.ReplicaReads(r.Context())
	}), clk, 15*time.Second, false)
	var jar []*http.Cookie
	do := func(method string) bool {
		t.Helper()
		req := httptest.NewRequest(method, "/api/method/get_map", nil)
		for _, c := range jar {
			req.AddCookie(c)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		for _, c := range rec.Result().Cookies() {
			if c.MaxAge <= 0 || c.Name != httpx.WroteCookie {
				t.Fatalf("unexpected cookie %v", c)
			}
			jar = []*http.Cookie{c}
		}
		return replica
	}
	if !do(http.MethodGet) {
		t.Fatal("a GET of a client that wrote nothing reads the primary")
	}
	if do(http.MethodPost) {
		t.Fatal("a POST may read the replica")
	}
	if len(jar) != 1 || jar[0].MaxAge != 15 {
		t.Fatalf("the write set %v, want a %s cookie of 15 s", jar, httpx.WroteCookie)
	}
	clk.Advance(14 * time.Second)
	if do(http.MethodGet) {
		t.Fatal("a GET 14 s after the client's write may read the replica")
	}
	clk.Advance(2 * time.Second)
	if !do(http.MethodHead) {
		t.Fatal("a HEAD 16 s after the client's write still reads the primary")
	}
}
