package httpx

import (
	"context"
	"errors"
	"fmt"
	"net/http"
)

const (
	msgInternal    = "Internal server error"
	msgUnavailable = "Service temporarily unavailable"
	msgTimeout     = "The request took too long; please try again"
	msgTooLarge    = "Request body exceeds the limit of {limit} bytes"
)

// Resolve returns the response for err: a fresh, complete *Error.
func (rs *Responder) Resolve(err error) *Error {
	if err == nil {
		err = errors.New("httpx: WriteError called with a nil error")
	}
	return normalize(rs.find(err))
}

func (rs *Responder) find(err error) *Error {
	var he *Error
	if errors.As(err, &he) {
		c := *he
		return &c
	}
	for _, m := range rs.mappers {
		if e, ok := m(err); ok && e != nil {
			return e
		}
	}
	return builtin(err)
}

// builtin maps the errors the standard library produces on the request path.
func builtin(err error) *Error {
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &mbe):
		return Newf(http.StatusRequestEntityTooLarge, msgTooLarge, "limit", mbe.Limit).Wrap(err)
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled):
		return Unavailable(msgTimeout).Wrap(err)
	}
	return &Error{Status: http.StatusInternalServerError, Err: err}
}

// normalize fills defaults and scrubs 5xx messages, which could carry
// internal detail whoever built them.
func normalize(e *Error) *Error {
	if e.Status < 400 || e.Status > 599 {
		e.Status = http.StatusInternalServerError
	}
	if e.Type == "" {
		e.Type = typeForStatus(e.Status)
	}
	switch {
	case e.Status == http.StatusServiceUnavailable:
		if e.Message == "" {
			e.Message, e.Key, e.Args = msgUnavailable, "", nil
		}
	case e.Status >= 500:
		e.Err = keepForLog(e.Message, e.Err)
		e.Message, e.Key, e.Args = msgInternal, "", nil
	case e.Message == "":
		e.Message = http.StatusText(e.Status)
	}
	return e
}

// keepForLog folds a scrubbed 5xx message into the logged cause.
func keepForLog(msg string, cause error) error {
	switch {
	case msg == "" || msg == msgInternal:
		return cause
	case cause == nil:
		return errors.New(msg)
	}
	return fmt.Errorf("%s: %w", msg, cause)
}
