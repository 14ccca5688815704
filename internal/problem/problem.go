// Package problem is how domain packages say what went wrong in terms a client can act on
// (invalid input, missing thing, not allowed, conflict, slow down), without knowing HTTP.
// The API layer maps each Kind to a status code in one place.
package problem

import (
	"errors"
	"time"
)

// Kind classifies a problem.
type Kind int

const (
	Invalid         Kind = iota + 1 // bad input: 400
	NotFound                        // 404
	Forbidden                       // 403
	Conflict                        // 409
	RateLimited                     // 429
	Unavailable                     // 503
	Unauthenticated                 // 401
)

// Error is a problem with a message meant for the user (English, with an optional Arabic
// translation).
type Error struct {
	Kind       Kind
	Message    string
	MessageAR  string
	RetryAfter time.Duration
}

func (e *Error) Error() string { return e.Message }

// New returns a problem of kind with message.
func New(kind Kind, message string) *Error { return &Error{Kind: kind, Message: message} }

// InvalidMsg, NotFoundMsg, ForbiddenMsg and ConflictMsg are shorthands for New.
func InvalidMsg(message string) *Error   { return New(Invalid, message) }
func NotFoundMsg(message string) *Error  { return New(NotFound, message) }
func ForbiddenMsg(message string) *Error { return New(Forbidden, message) }
func ConflictMsg(message string) *Error  { return New(Conflict, message) }

// Limited is a rate-limit problem that can be retried after d.
func Limited(message string, d time.Duration) *Error {
	return &Error{Kind: RateLimited, Message: message, RetryAfter: d}
}

// WithArabic adds the Arabic translation of the message.
func (e *Error) WithArabic(ar string) *Error {
	e.MessageAR = ar
	return e
}

// As returns the problem inside err, if any.
func As(err error) (*Error, bool) {
	var p *Error
	ok := errors.As(err, &p)
	return p, ok
}

// ArabicMessage is the Arabic translation, sent to clients that prefer Arabic.
func (e *Error) ArabicMessage() string { return e.MessageAR }
