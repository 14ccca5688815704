package httpx

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"

	"memora/internal/i18n"
)

// ErrorMapper turns an error it recognises into an *Error; ok is false for
// errors it does not know.
type ErrorMapper func(err error) (e *Error, ok bool)

// Responder resolves errors to responses using the mappers registered at
// start-up, and logs what the client must not see. Configure it before
// serving; it is read-only afterwards.
type Responder struct {
	log     *slog.Logger
	msgs    *i18n.Catalog
	mappers []ErrorMapper
}

// NewResponder returns a Responder logging to log (slog.Default if nil) that
// writes messages in the request's language (i18n.FromRequest: the lang
// cookie, then Accept-Language, else English) from the embedded catalogue.
func NewResponder(log *slog.Logger) *Responder {
	return &Responder{log: orDefault(log), msgs: i18n.MustLoad()}
}

// WithCatalog makes rs translate with msgs instead of the embedded catalogue.
func (rs *Responder) WithCatalog(msgs *i18n.Catalog) *Responder {
	rs.msgs = msgs
	return rs
}

// Map answers errors matching target (errors.Is) with status and excType
// (derived from status when empty); the client message is target's text.
func (rs *Responder) Map(target error, status int, excType string) *Responder {
	if excType == "" {
		excType = typeForStatus(status)
	}
	return rs.MapFunc(func(err error) (*Error, bool) {
		if !errors.Is(err, target) {
			return nil, false
		}
		return &Error{Status: status, Type: excType, Message: target.Error(), Err: err}, true
	})
}

// MapFunc registers a mapper, for typed domain errors that carry details.
func (rs *Responder) MapFunc(m ErrorMapper) *Responder {
	rs.mappers = append(rs.mappers, m)
	return rs
}

// Middleware puts rs in the request context for WriteError.
func (rs *Responder) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := context.WithValue(r.Context(), keyResponder, rs)
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// WriteError logs err as needed and writes the Frappe error body.
func (rs *Responder) WriteError(w http.ResponseWriter, r *http.Request, err error) {
	e := rs.Resolve(err)
	rs.logError(r, e)
	writeErrorBody(w, r, e, rs.msgs)
}

// WriteError writes err using the Responder installed in r's context.
func WriteError(w http.ResponseWriter, r *http.Request, err error) {
	responderFrom(r.Context()).WriteError(w, r, err)
}

func responderFrom(ctx context.Context) *Responder {
	if rs, ok := ctx.Value(keyResponder).(*Responder); ok {
		return rs
	}
	return NewResponder(nil)
}

func orDefault(log *slog.Logger) *slog.Logger {
	if log == nil {
		return slog.Default()
	}
	return log
}

// logError logs server-side failures loudly and client mistakes quietly, so
// the error log means "we have a problem".
func (rs *Responder) logError(r *http.Request, e *Error) {
	level := slog.LevelDebug
	switch {
	case e.Status == http.StatusServiceUnavailable:
		level = slog.LevelWarn
	case e.Status >= 500:
		level = slog.LevelError
	}
	ctx := r.Context()
	rs.log.Log(ctx, level, "request failed",
		slog.String("request_id", RequestIDFrom(ctx)),
		slog.String("method", r.Method),
		slog.String("path", r.URL.Path),
		slog.Int("status", e.Status),
		slog.String("error", causeText(e)))
}

func causeText(e *Error) string {
	if e.Err == nil {
		return e.Message
	}
	return fmt.Sprint(e.Err)
}
