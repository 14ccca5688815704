// Package problem is how domain packages say what went wrong in terms a client can act on
// (invalid input, missing thing, not allowed, conflict, slow down, not logged in), without
// knowing HTTP. The API layer maps each Kind to a status code in one place.
//
// Messages are plain English. They are also the keys of the message catalogue (internal/i18n,
// messages/api.json), which holds their Arabic; the HTTP layer picks the language of each
// request. A message with details is a template with {name} placeholders (Newf): the template
// is the key, and the details are filled in after translation.
package problem

import (
	"errors"
	"fmt"
	"strings"
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

// Error is a problem with a message meant for the user.
type Error struct {
	Kind Kind
	// Message is the English text with the details filled in.
	Message string
	// Key is the catalogue key when the message is a template ("Unknown question: {id}");
	// empty when the message is its own key.
	Key string
	// Args are the template's details as name, value pairs.
	Args       []any
	RetryAfter time.Duration
}

func (e *Error) Error() string { return e.Message }

// New returns a problem of kind with message, which is also its catalogue key.
func New(kind Kind, message string) *Error { return &Error{Kind: kind, Message: message} }

// Newf returns a problem whose message is template with its {name} placeholders replaced by
// args, given as name, value pairs: Newf(Invalid, "Unknown question: {id}", "id", id).
func Newf(kind Kind, template string, args ...any) *Error {
	return &Error{Kind: kind, Message: Fill(template, args...), Key: template, Args: args}
}

// InvalidMsg, NotFoundMsg, ForbiddenMsg and ConflictMsg are shorthands for New.
func InvalidMsg(message string) *Error   { return New(Invalid, message) }
func NotFoundMsg(message string) *Error  { return New(NotFound, message) }
func ForbiddenMsg(message string) *Error { return New(Forbidden, message) }
func ConflictMsg(message string) *Error  { return New(Conflict, message) }

// Invalidf is Newf(Invalid, …).
func Invalidf(template string, args ...any) *Error { return Newf(Invalid, template, args...) }

// Limited is a rate-limit problem that can be retried after d.
func Limited(message string, d time.Duration) *Error {
	return &Error{Kind: RateLimited, Message: message, RetryAfter: d}
}

// Limitedf is Limited with a template, as Newf.
func Limitedf(d time.Duration, template string, args ...any) *Error {
	e := Newf(RateLimited, template, args...)
	e.RetryAfter = d
	return e
}

// CatalogKey is the key under which the catalogue holds the message's translation.
func (e *Error) CatalogKey() string {
	if e.Key != "" {
		return e.Key
	}
	return e.Message
}

// As returns the problem inside err, if any.
func As(err error) (*Error, bool) {
	var p *Error
	ok := errors.As(err, &p)
	return p, ok
}

// Fill replaces the {name} placeholders of template with args given as name, value pairs.
func Fill(template string, args ...any) string {
	if len(args) < 2 {
		return template
	}
	pairs := make([]string, 0, len(args))
	for i := 0; i+1 < len(args); i += 2 {
		pairs = append(pairs, "{"+fmt.Sprint(args[i])+"}", fmt.Sprint(args[i+1]))
	}
	return strings.NewReplacer(pairs...).Replace(template)
}
