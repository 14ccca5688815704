// Package apitest runs the real HTTP stack against a real database for API scenario tests:
// Each runs a test on every engine (SQLite always, PostgreSQL when MEMORA_TEST_DATABASE_URL
// is set), with a fake clock and clients that keep their session cookie.
package apitest

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"memora/internal/app"
	"memora/internal/clock"
	"memora/internal/config"
	"memora/internal/identity"
	"memora/internal/store"
	"memora/internal/store/storetest"
)

// Password is the password of every user CreateUser makes.
const Password = "test-password-1"

// Start is the fake clock's starting time: a Wednesday morning in Amman.
var Start = time.Date(2026, 11, 25, 7, 0, 0, 0, time.UTC)

// Env is a running server over a fresh database.
type Env struct {
	T      testing.TB
	App    *app.App
	Store  store.Store
	Clock  *clock.Fake
	Server *httptest.Server
}

// Each runs fn on a fresh Env of every engine, the engines in parallel.
func Each(t *testing.T, fn func(t *testing.T, env *Env)) {
	t.Helper()
	for _, e := range storetest.Engines() {
		t.Run(string(e), func(t *testing.T) {
			t.Parallel()
			fn(t, New(t, e))
		})
	}
}

// New starts a server over a fresh database of engine e (a copy of a migrated template
// under Main).
func New(t testing.TB, e store.Engine, mutate ...func(*config.Config)) *Env {
	t.Helper()
	// Not primed: the suite runs many servers at once on a shared PostgreSQL, and a primed pool
	// keeps every connection open (internal/app's prime tests cover priming).
	vars := map[string]string{"MEMORA_DATABASE_URL": databaseURL(t, e), "MEMORA_LOG_LEVEL": "error", "MEMORA_PRIME": "false"}
	cfg, err := config.Parse(vars)
	if err != nil {
		t.Fatalf("config: %v", err)
	}
	for _, m := range mutate {
		m(&cfg)
	}
	clk := clock.NewFake(Start)
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	a, err := app.Open(context.Background(), cfg, logger, clk)
	if err != nil {
		t.Fatalf("open app: %v", err)
	}
	h, err := a.Handler()
	if err != nil {
		t.Fatalf("handler: %v", err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(func() {
		srv.Close()
		a.Close()
	})
	return &Env{T: t, App: a, Store: a.Store, Clock: clk, Server: srv}
}

// Institution makes sure an institution exists (time zone Asia/Amman).
func (env *Env) Institution(id string) {
	env.T.Helper()
	err := env.Store.InstitutionUpsert(context.Background(), store.Institution{ID: id, Name: id, TimeZone: "Asia/Amman"})
	if err != nil {
		env.T.Fatalf("institution: %v", err)
	}
}

// CreateUser makes a user with Password (hashed once per test process) and roles in
// institution inst (created if needed).
func (env *Env) CreateUser(email, inst string, roles ...string) store.User {
	env.T.Helper()
	env.Institution(inst)
	if len(roles) == 0 {
		roles = []string{store.RoleStudent}
	}
	ctx := context.Background()
	u, err := env.App.Identity.CreateUser(ctx, identity.NewUser{
		InstitutionID: inst, Email: email, FullName: email, Roles: roles})
	if err != nil {
		env.T.Fatalf("create user: %v", err)
	}
	if err := env.Store.UserSetPassword(ctx, u.ID, passwordHash(env.T)); err != nil {
		env.T.Fatalf("set password: %v", err)
	}
	return u
}

// Client is a browser-like client with a cookie jar.
type Client struct {
	env    *Env
	HTTP   *http.Client
	Header http.Header
}

// Client returns a new client without a session.
func (env *Env) Client() *Client {
	jar, _ := cookiejar.New(nil)
	return &Client{env: env, HTTP: &http.Client{Jar: jar}, Header: http.Header{}}
}

// LoginAs creates a student (or a user with roles) and returns a logged-in client.
func (env *Env) LoginAs(email, inst string, roles ...string) (*Client, store.User) {
	env.T.Helper()
	u := env.CreateUser(email, inst, roles...)
	c := env.Client()
	if r := c.Post("/api/method/login", map[string]any{"usr": email, "pwd": Password}); r.Status != 200 {
		env.T.Fatalf("login %s: %d %s", email, r.Status, r.Body)
	}
	return c, u
}

// Response is a decoded answer.
type Response struct {
	Status int
	Header http.Header
	Body   string
}

// JSON decodes the body into v.
func (r Response) JSON(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(r.Body), v); err != nil {
		t.Fatalf("decode %q: %v", r.Body, err)
	}
}

// Message decodes the "message" field into v.
func (r Response) Message(t testing.TB, v any) {
	t.Helper()
	var env struct {
		Message json.RawMessage `json:"message"`
	}
	r.JSON(t, &env)
	if err := json.Unmarshal(env.Message, v); err != nil {
		t.Fatalf("decode message %q: %v", env.Message, err)
	}
}

// Method is the path of a memora.api method.
func Method(module, fn string) string { return "/api/method/memora.api." + module + "." + fn }

// Get sends a GET with query parameters.
func (c *Client) Get(path string, params map[string]string) Response {
	q := url.Values{}
	for k, v := range params {
		q.Set(k, v)
	}
	u := c.env.Server.URL + path
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	req, _ := http.NewRequest(http.MethodGet, u, nil)
	return c.do(req)
}

// Post sends a JSON body (a string body is sent as is).
func (c *Client) Post(path string, body any) Response {
	var raw string
	switch b := body.(type) {
	case string:
		raw = b
	case nil:
		raw = "{}"
	default:
		data, err := json.Marshal(b)
		if err != nil {
			c.env.T.Fatalf("encode body: %v", err)
		}
		raw = string(data)
	}
	req, _ := http.NewRequest(http.MethodPost, c.env.Server.URL+path, strings.NewReader(raw))
	req.Header.Set("Content-Type", "application/json")
	return c.do(req)
}

// Do sends a prepared request with the client's headers and cookies.
func (c *Client) Do(req *http.Request) Response { return c.do(req) }

func (c *Client) do(req *http.Request) Response {
	c.env.T.Helper()
	for k, vs := range c.Header {
		for _, v := range vs {
			req.Header.Add(k, v)
		}
	}
	resp, err := c.HTTP.Do(req)
	if err != nil {
		c.env.T.Fatalf("%s %s: %v", req.Method, req.URL.Path, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if err := published.check(req, resp.StatusCode, resp.Header, body); err != nil {
		c.env.T.Errorf("%v", err)
	}
	return Response{Status: resp.StatusCode, Header: resp.Header, Body: string(body)}
}

func decodeJSON(body []byte) (any, error) {
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		return nil, fmt.Errorf("body is not JSON: %w: %.200s", err, body)
	}
	return v, nil
}

// URL is the server's base URL.
func (env *Env) URL() string { return env.Server.URL }
