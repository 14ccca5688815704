package loadgen

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// newHTTPClient is a client for many concurrent requests to one host: enough idle
// connections that none is closed and reopened between requests, no compression, no
// cookie jar (each virtual student carries its own session cookie).
func newHTTPClient(conns int) *http.Client {
	t := &http.Transport{
		Proxy:               nil,
		DialContext:         (&net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		MaxIdleConns:        conns + 16,
		MaxIdleConnsPerHost: conns + 16,
		IdleConnTimeout:     90 * time.Second,
		DisableCompression:  true,
		ForceAttemptHTTP2:   false,
	}
	return &http.Client{Transport: t, Timeout: 60 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// caller sends requests and records them.
type caller struct {
	base string
	hc   *http.Client
	rec  *Recorder
}

// reply is an answer's status and body (status 0: transport error).
type reply struct {
	status int
	body   []byte
	header http.Header
}

func (r reply) ok() bool { return r.status >= 200 && r.status <= 299 }

// get sends a GET with query parameters; since is when the request was due (its latency
// counts from there, so queueing in an open-loop run is measured).
func (c *caller) get(ctx context.Context, endpoint, path, cookie string, params url.Values, since time.Time) reply {
	u := c.base + path
	if len(params) > 0 {
		u += "?" + params.Encode()
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	return c.send(endpoint, req, err, cookie, since)
}

// post sends body as JSON.
func (c *caller) post(ctx context.Context, endpoint, path, cookie string, body any, since time.Time) reply {
	data, err := json.Marshal(body)
	if err != nil {
		c.rec.Fail(endpoint, "encode request: "+err.Error())
		return reply{}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base+path, bytes.NewReader(data))
	if req != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	return c.send(endpoint, req, err, cookie, since)
}

func (c *caller) send(endpoint string, req *http.Request, err error, cookie string, since time.Time) reply {
	return c.sendChecked(endpoint, req, err, cookie, since, nil)
}

// sendChecked is send with a check of the answer: a non-empty reason makes it a failure
// (e.g. a page that is not HTML). Without a check, any 2xx succeeds.
func (c *caller) sendChecked(endpoint string, req *http.Request, err error, cookie string, since time.Time,
	check func(status int, h http.Header) string) reply {
	if err != nil {
		c.rec.Record(endpoint, time.Since(since), 0, err, nil)
		return reply{}
	}
	if req.Header.Get("Accept") == "" {
		req.Header.Set("Accept", "application/json")
	}
	if cookie != "" {
		req.Header.Set("Cookie", cookie)
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		if req.Context().Err() != nil {
			return reply{} // the run ended: not the server's failure
		}
		c.rec.Record(endpoint, time.Since(since), 0, err, nil)
		return reply{}
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil && req.Context().Err() != nil {
		return reply{}
	}
	if why := ""; err == nil && check != nil {
		if why = check(resp.StatusCode, resp.Header); why != "" {
			c.rec.RecordFailed(endpoint, time.Since(since), resp.StatusCode, why)
			return reply{status: resp.StatusCode, body: body, header: resp.Header}
		}
	}
	c.rec.Record(endpoint, time.Since(since), resp.StatusCode, err, body)
	return reply{status: resp.StatusCode, body: body, header: resp.Header}
}

// login signs in and returns the Cookie header carrying the session.
func (c *caller) login(ctx context.Context, email, password string) (string, error) {
	start := time.Now()
	r := c.post(ctx, "login", "/api/method/login", "", map[string]string{"usr": email, "pwd": password}, start)
	if !r.ok() {
		return "", fmt.Errorf("login %s: status %d: %s", email, r.status, truncate(r.body, 200))
	}
	cookie := cookieHeader(r.header)
	if cookie == "" {
		return "", fmt.Errorf("login %s: no session cookie in the answer", email)
	}
	return cookie, nil
}

// message decodes the "message" member of a Frappe-style answer into v, in one pass over
// the body (the load generator shares the server's cores: its own cost counts).
func message[T any](body []byte, v *T) error {
	env := struct {
		Message *T `json:"message"`
	}{}
	if err := json.Unmarshal(body, &env); err != nil {
		return fmt.Errorf("not a JSON answer: %w", err)
	}
	if env.Message == nil {
		return fmt.Errorf("no message in %s", truncate(body, 100))
	}
	*v = *env.Message
	return nil
}

// cookieHeader turns Set-Cookie headers into the Cookie header that sends them back.
func cookieHeader(h http.Header) string {
	resp := http.Response{Header: h}
	parts := make([]string, 0, 2)
	for _, c := range resp.Cookies() {
		if c.MaxAge >= 0 && c.Value != "" {
			parts = append(parts, c.Name+"="+c.Value)
		}
	}
	return strings.Join(parts, "; ")
}
