package apitest

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"

	"memora/internal/api"
)

// contract checks responses against the OpenAPI document the server publishes.
type contract struct {
	once      sync.Once
	router    routers.Router
	errSchema *openapi3.Schema
	err       error
	validated atomic.Int64
}

var published contract

// Validated is the number of responses checked against the OpenAPI document so far.
func Validated() int64 { return published.validated.Load() }

func (c *contract) load() error {
	c.once.Do(func() {
		loader := openapi3.NewLoader()
		doc, err := loader.LoadFromData(api.OpenAPIDocument())
		if err == nil {
			err = doc.Validate(loader.Context)
		}
		if err != nil {
			c.err = fmt.Errorf("the OpenAPI document is not valid: %w", err)
			return
		}
		doc.Servers = nil // the test server's address is not the document's
		c.errSchema = doc.Components.Schemas["Error"].Value
		c.router, c.err = legacy.NewRouter(doc)
	})
	return c.err
}

// check validates one response to an API request against the document: the status must be
// documented for the operation and the body must match its schema; a request the API
// accepted (2xx) must match the operation's documented parameters and body, so the request
// side of the document cannot drift either. An unknown path under /api/ may only get the
// JSON 404. Responses outside /api/ (pages, health) are not checked.
func (c *contract) check(req *http.Request, status int, header http.Header, body []byte) error {
	if !strings.HasPrefix(req.URL.Path, "/api/") {
		return nil
	}
	if err := c.load(); err != nil {
		return err
	}
	// The router matches the request's URL against paths only; it ignores the host.
	route, params, err := c.router.FindRoute(req)
	if err != nil {
		if status != http.StatusNotFound && status != http.StatusMethodNotAllowed {
			return fmt.Errorf("%s %s: not in the OpenAPI document (%v) but answered %d", req.Method, req.URL.Path, err, status)
		}
		return c.checkError(body)
	}
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route},
		Status:                 status,
		Header:                 header,
		Body:                   io.NopCloser(bytes.NewReader(body)),
		Options:                &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true},
	}
	if status < 300 {
		if err := c.checkRequest(req, route, params); err != nil {
			return err
		}
	}
	if err := openapi3filter.ValidateResponse(context.Background(), in); err != nil {
		return fmt.Errorf("%s %s → %d does not match the OpenAPI document: %w\nbody: %.600s", req.Method, req.URL.Path, status, err, body)
	}
	c.validated.Add(1)
	return nil
}

// checkRequest validates an accepted request against the operation's parameters and body.
func (c *contract) checkRequest(req *http.Request, route *routers.Route, params map[string]string) error {
	r := req.Clone(context.Background())
	if req.GetBody != nil {
		body, err := req.GetBody()
		if err != nil {
			return err
		}
		r.Body = body
	}
	in := &openapi3filter.RequestValidationInput{Request: r, PathParams: params, Route: route,
		Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc, MultiError: true}}
	if err := openapi3filter.ValidateRequest(context.Background(), in); err != nil {
		return fmt.Errorf("%s %s was accepted but does not match the OpenAPI document: %w", req.Method, req.URL.Path, err)
	}
	return nil
}

func (c *contract) checkError(body []byte) error {
	v, err := decodeJSON(body)
	if err != nil {
		return err
	}
	if err := c.errSchema.VisitJSON(v); err != nil {
		return fmt.Errorf("error body does not match the Error schema: %w", err)
	}
	c.validated.Add(1)
	return nil
}
