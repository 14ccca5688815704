package httpx

import (
	"net/http"
	"time"

	"memora/internal/problem"
)

// Frappe exception type names sent as exc_type.
const (
	TypeValidation       = "ValidationError"
	TypeAuth             = "AuthenticationError"
	TypePermission       = "PermissionError"
	TypeNotFound         = "DoesNotExistError"
	TypeMethodNotAllowed = "MethodNotAllowed"
	TypeConflict         = "ConflictError"
	TypeTooLarge         = "RequestEntityTooLarge"
	TypeRateLimit        = "RateLimitError"
	TypeServer           = "ServerError"
	TypeUnavailable      = "ServiceUnavailable"
)

// Error is an error with everything needed to answer a client. Err is the
// cause, logged but never sent. Message is English; it is also the key of its
// translation in the message catalogue, unless Key (a template with {name}
// placeholders, filled from Args given as name, value pairs) is set.
type Error struct {
	Status     int
	Type       string
	Message    string
	Key        string
	Args       []any
	RetryAfter time.Duration
	Err        error
}

func (e *Error) Error() string {
	msg := e.Message
	if msg == "" {
		msg = http.StatusText(e.Status)
	}
	if e.Err != nil {
		return msg + ": " + e.Err.Error()
	}
	return msg
}

func (e *Error) Unwrap() error { return e.Err }

// Wrap records the cause (for logs and errors.Is) and returns e.
func (e *Error) Wrap(err error) *Error {
	e.Err = err
	return e
}

// New returns an error answering status with the conventional exc_type.
func New(status int, msg string) *Error {
	return &Error{Status: status, Type: typeForStatus(status), Message: msg}
}

// Validation is a 400 ValidationError.
func Validation(msg string) *Error { return New(http.StatusBadRequest, msg) }

// Newf returns an error answering status whose message is template with its
// {name} placeholders filled from args (name, value pairs); the template is
// the catalogue key, so the message is translated before the details go in.
func Newf(status int, template string, args ...any) *Error {
	e := New(status, problem.Fill(template, args...))
	e.Key, e.Args = template, args
	return e
}

// Validationf is a 400 ValidationError from a template, as Newf.
func Validationf(template string, args ...any) *Error {
	return Newf(http.StatusBadRequest, template, args...)
}

// Auth is a 401 AuthenticationError.
func Auth(msg string) *Error { return New(http.StatusUnauthorized, msg) }

// Permission is a 403 PermissionError.
func Permission(msg string) *Error { return New(http.StatusForbidden, msg) }

// NotFound is a 404 DoesNotExistError.
func NotFound(msg string) *Error { return New(http.StatusNotFound, msg) }

// Conflict is a 409 ConflictError.
func Conflict(msg string) *Error { return New(http.StatusConflict, msg) }

// RateLimited is a 429 RateLimitError; retryAfter becomes Retry-After.
func RateLimited(msg string, retryAfter time.Duration) *Error {
	e := New(http.StatusTooManyRequests, msg)
	e.RetryAfter = retryAfter
	return e
}

// Unavailable is a 503 ServiceUnavailable, for a required dependency that
// is down. Unlike 500s its message reaches the client.
func Unavailable(msg string) *Error { return New(http.StatusServiceUnavailable, msg) }

func typeForStatus(status int) string {
	switch status {
	case http.StatusBadRequest:
		return TypeValidation
	case http.StatusUnauthorized:
		return TypeAuth
	case http.StatusForbidden:
		return TypePermission
	case http.StatusNotFound:
		return TypeNotFound
	case http.StatusMethodNotAllowed:
		return TypeMethodNotAllowed
	case http.StatusConflict:
		return TypeConflict
	case http.StatusRequestEntityTooLarge:
		return TypeTooLarge
	case http.StatusTooManyRequests:
		return TypeRateLimit
	case http.StatusServiceUnavailable:
		return TypeUnavailable
	}
	if status >= 500 || status < 400 {
		return TypeServer
	}
	return TypeValidation
}
