package httpx

import (
	"context"
	"log/slog"
	"sync"
)

type ctxKey int

const (
	keyRequestID ctxKey = iota
	keyRecord
	keyResponder
)

// record is per-request state filled in by inner layers (router, auth) for
// outer ones (access log). A mutex because a handler may hand its context
// to goroutines.
type record struct {
	mu      sync.Mutex
	user    string
	pattern string
}

func recordFrom(ctx context.Context) *record {
	rec, _ := ctx.Value(keyRecord).(*record)
	return rec
}

// RequestIDFrom returns the request id set by RequestID, or "".
func RequestIDFrom(ctx context.Context) string {
	id, _ := ctx.Value(keyRequestID).(string)
	return id
}

// SetUser records the authenticated user for the access log. It is a no-op
// outside AccessLog.
func SetUser(ctx context.Context, userID string) {
	if rec := recordFrom(ctx); rec != nil {
		rec.mu.Lock()
		rec.user = userID
		rec.mu.Unlock()
	}
}

// User returns the id given to SetUser, or "".
func User(ctx context.Context) string {
	rec := recordFrom(ctx)
	if rec == nil {
		return ""
	}
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return rec.user
}

func setPattern(ctx context.Context, pattern string) {
	if rec := recordFrom(ctx); rec != nil {
		rec.mu.Lock()
		rec.pattern = pattern
		rec.mu.Unlock()
	}
}

func (rec *record) snapshot() (user, pattern string) {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return rec.user, rec.pattern
}

// Logger returns the Responder's logger tagged with the request id, for
// handlers that log.
func Logger(ctx context.Context) *slog.Logger {
	return responderFrom(ctx).log.With(slog.String("request_id", RequestIDFrom(ctx)))
}
