package httpx_test

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
)

// frappeError is the error body as a client decodes it.
type frappeError struct {
	ExcType        string `json:"exc_type"`
	Exc            string `json:"exc"`
	ServerMessages string `json:"_server_messages"`
}

// decodeError checks the Frappe error shape, including that
// _server_messages is a string holding a JSON array of the message.
func decodeError(t *testing.T, rec *httptest.ResponseRecorder) frappeError {
	t.Helper()
	if ct := rec.Header().Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Fatalf("Content-Type = %q", ct)
	}
	var body frappeError
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
		t.Fatalf("body %q is not the Frappe error shape: %v", rec.Body.String(), err)
	}
	var msgs []string
	if err := json.Unmarshal([]byte(body.ServerMessages), &msgs); err != nil {
		t.Fatalf("_server_messages %q is not a JSON array string: %v", body.ServerMessages, err)
	}
	if len(msgs) != 1 || msgs[0] != body.Exc {
		t.Fatalf("_server_messages %v does not hold exc %q", msgs, body.Exc)
	}
	return body
}

func expectError(t *testing.T, rec *httptest.ResponseRecorder, status int, excType string) frappeError {
	t.Helper()
	if rec.Code != status {
		t.Fatalf("status = %d, want %d (body %s)", rec.Code, status, rec.Body.String())
	}
	body := decodeError(t, rec)
	if body.ExcType != excType {
		t.Fatalf("exc_type = %q, want %q", body.ExcType, excType)
	}
	return body
}

// logBuffer is a concurrency-safe log sink for assertions.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *logBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func newLogger() (*slog.Logger, *logBuffer) {
	buf := &logBuffer{}
	return slog.New(slog.NewJSONHandler(buf, &slog.HandlerOptions{Level: slog.LevelDebug})), buf
}

func serve(h http.Handler, r *http.Request) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, r)
	return rec
}
