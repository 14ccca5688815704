package httpx_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"

	"memora/internal/httpx"
)

func TestHealthz(t *testing.T) {
	t.Parallel()
	rec := serve(http.HandlerFunc(httpx.Healthz), httptest.NewRequest("GET", "/healthz", nil))
	if rec.Code != 200 || rec.Body.String() != "{\"status\":\"ok\"}\n" {
		t.Fatalf("got %d %q", rec.Code, rec.Body.String())
	}
}

type readyReport struct {
	Status string `json:"status"`
	Checks map[string]struct {
		Status   string `json:"status"`
		Required bool   `json:"required"`
	} `json:"checks"`
}

func readyz(t *testing.T, required, info map[string]httpx.Check) (int, readyReport) {
	t.Helper()
	rec := serve(httpx.Readyz(required, info), httptest.NewRequest("GET", "/readyz", nil))
	var rep readyReport
	if err := json.Unmarshal(rec.Body.Bytes(), &rep); err != nil {
		t.Fatalf("body %q: %v", rec.Body.String(), err)
	}
	return rec.Code, rep
}

func TestReadyz(t *testing.T) {
	t.Parallel()
	up := func(context.Context) error { return nil }
	down := func(context.Context) error { return errors.New("dial tcp 10.0.0.5:6379: refused") }

	code, rep := readyz(t, map[string]httpx.Check{"database": up}, map[string]httpx.Check{"redis": down})
	if code != 200 || rep.Status != "ok" {
		t.Errorf("informational failure failed readiness: %d %+v", code, rep)
	}
	if c := rep.Checks["redis"]; c.Status != "fail" || c.Required {
		t.Errorf("redis reported as %+v", c)
	}

	code, rep = readyz(t, map[string]httpx.Check{"database": down}, nil)
	if code != 503 || rep.Status != "unavailable" || rep.Checks["database"].Status != "fail" {
		t.Errorf("required failure: %d %+v", code, rep)
	}
}

func TestReadyzAcceptsPlainFuncMap(t *testing.T) {
	t.Parallel()
	// The Check alias lets callers pass an unnamed map type.
	checks := map[string]func(context.Context) error{
		"database": func(ctx context.Context) error {
			if _, ok := ctx.Deadline(); !ok {
				return errors.New("no deadline")
			}
			return nil
		},
	}
	if code, rep := readyz(t, checks, nil); code != 200 || rep.Checks["database"].Status != "ok" {
		t.Errorf("got %d %+v", code, rep)
	}
}
