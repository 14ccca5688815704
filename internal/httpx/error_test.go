package httpx_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"memora/internal/httpx"
)

var errLessonLocked = errors.New("lesson locked: complete the previous lessons first")

type quotaError struct{ left int }

func (e quotaError) Error() string { return fmt.Sprintf("quota: %d left", e.left) }

func TestWriteErrorStatuses(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		err     error
		status  int
		excType string
		exc     string
	}{
		{"validation", httpx.Validation("Missing lesson_id"), 400, "ValidationError", "Missing lesson_id"},
		{"auth", httpx.Auth("Invalid login credentials"), 401, "AuthenticationError", "Invalid login credentials"},
		{"permission", httpx.Permission("Not allowed"), 403, "PermissionError", "Not allowed"},
		{"not found", httpx.Newf(404, "Lesson {id} not found", "id", "L-1"), 404, "DoesNotExistError", "Lesson L-1 not found"},
		{"conflict", httpx.Conflict("Already approved"), 409, "ConflictError", "Already approved"},
		{"unavailable", httpx.Unavailable("Database unavailable"), 503, "ServiceUnavailable", "Database unavailable"},
		{"wrapped httpx error", fmt.Errorf("play: submit: %w", httpx.Validation("Bad")), 400, "ValidationError", "Bad"},
		{"too large", fmt.Errorf("read: %w", &http.MaxBytesError{Limit: 10}), 413, "RequestEntityTooLarge", "Request body exceeds the limit of 10 bytes"},
		{"deadline", fmt.Errorf("query: %w", context.DeadlineExceeded), 503, "ServiceUnavailable", "The request took too long; please try again"},
		{"unknown", errors.New("pq: relation \"secret_table\" does not exist"), 500, "ServerError", "Internal server error"},
		{"500 message scrubbed", httpx.New(500, "db password is hunter2"), 500, "ServerError", "Internal server error"},
		{"nil", nil, 500, "ServerError", "Internal server error"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			log, logs := newLogger()
			rs := httpx.NewResponder(log)
			rec := httptest.NewRecorder()
			rs.WriteError(rec, httptest.NewRequest("GET", "/x", nil), tc.err)
			body := expectError(t, rec, tc.status, tc.excType)
			if body.Exc != tc.exc {
				t.Errorf("exc = %q, want %q", body.Exc, tc.exc)
			}
			if tc.status == 500 && tc.err != nil && !strings.Contains(logs.String(), "secret_table") &&
				!strings.Contains(logs.String(), "hunter2") {
				t.Errorf("internal error not logged: %s", logs.String())
			}
		})
	}
}

func TestInternalErrorLoggedWithRequestID(t *testing.T) {
	t.Parallel()
	log, logs := newLogger()
	rs := httpx.NewResponder(log)
	h := httpx.Chain(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		httpx.WriteError(w, r, errors.New("pq: secret detail"))
	}), rs.Middleware, httpx.RequestID)
	req := httptest.NewRequest("GET", "/x", nil)
	req.Header.Set("X-Request-Id", "req-42")
	rec := serve(h, req)
	body := expectError(t, rec, 500, "ServerError")
	if strings.Contains(rec.Body.String(), "secret") {
		t.Fatalf("internal text leaked: %s", rec.Body.String())
	}
	if body.Exc != "Internal server error" {
		t.Errorf("exc = %q", body.Exc)
	}
	out := logs.String()
	if !strings.Contains(out, "pq: secret detail") || !strings.Contains(out, `"request_id":"req-42"`) {
		t.Errorf("log lacks cause or request id: %s", out)
	}
}

func TestResponderMappings(t *testing.T) {
	t.Parallel()
	rs := httpx.NewResponder(nil).
		Map(errLessonLocked, http.StatusForbidden, "").
		MapFunc(func(err error) (*httpx.Error, bool) {
			var q quotaError
			if !errors.As(err, &q) {
				return nil, false
			}
			return httpx.RateLimited("Slow down", 1500*time.Millisecond), true
		})

	rec := httptest.NewRecorder()
	rs.WriteError(rec, httptest.NewRequest("GET", "/", nil), fmt.Errorf("play: open: %w", errLessonLocked))
	body := expectError(t, rec, 403, "PermissionError")
	if body.Exc != "lesson locked: complete the previous lessons first" {
		t.Errorf("sentinel message = %q; the op prefix must not reach the client", body.Exc)
	}

	rec = httptest.NewRecorder()
	rs.WriteError(rec, httptest.NewRequest("GET", "/", nil), fmt.Errorf("wrap: %w", quotaError{left: 0}))
	expectError(t, rec, 429, "RateLimitError")
	if got := rec.Header().Get("Retry-After"); got != "2" {
		t.Errorf("Retry-After = %q, want 2 (rounded up)", got)
	}
}

func TestRateLimitedRetryAfter(t *testing.T) {
	t.Parallel()
	rec := httptest.NewRecorder()
	httpx.WriteError(rec, httptest.NewRequest("GET", "/", nil), httpx.RateLimited("Too many requests", 30*time.Second))
	expectError(t, rec, 429, "RateLimitError")
	if got := rec.Header().Get("Retry-After"); got != "30" {
		t.Errorf("Retry-After = %q, want 30", got)
	}
}

func TestMessagesAreWrittenInTheLanguageOfTheRequestFromTheCatalogue(t *testing.T) {
	t.Parallel()
	rs := httpx.NewResponder(nil)
	cases := []struct {
		accept, cookie string
		err            error
		want           string
	}{
		{"ar", "", httpx.Auth("Not logged in"), "لم تسجّل الدخول"},
		{"en-US,en;q=0.9,ar;q=0.8", "", httpx.Auth("Not logged in"), "Not logged in"},
		{"en;q=0.5,ar-SA", "", httpx.Auth("Not logged in"), "لم تسجّل الدخول"},
		{"", "", httpx.Auth("Not logged in"), "Not logged in"},
		{"en", "ar", httpx.Auth("Not logged in"), "لم تسجّل الدخول"},
		{"ar", "en", httpx.Auth("Not logged in"), "Not logged in"},
		{"ar", "", httpx.Validation("A message the catalogue does not know"), "A message the catalogue does not know"},
		{"ar", "", &http.MaxBytesError{Limit: 10}, "حجم الطلب يتجاوز الحد المسموح به وهو ١٠ بايت"},
		{"en", "", &http.MaxBytesError{Limit: 10}, "Request body exceeds the limit of 10 bytes"},
		{"ar", "", errors.New("boom"), "حدث خطأ داخلي في الخادم"},
	}
	for _, tc := range cases {
		req := httptest.NewRequest("GET", "/", nil)
		req.Header.Set("Accept-Language", tc.accept)
		if tc.cookie != "" {
			req.AddCookie(&http.Cookie{Name: "lang", Value: tc.cookie})
		}
		rec := httptest.NewRecorder()
		rs.WriteError(rec, req, tc.err)
		if body := decodeError(t, rec); body.Exc != tc.want {
			t.Errorf("Accept-Language %q, cookie %q: exc = %q, want %q", tc.accept, tc.cookie, body.Exc, tc.want)
		}
	}
}

func TestErrorUnwrap(t *testing.T) {
	t.Parallel()
	cause := errors.New("cause")
	e := httpx.Conflict("Duplicate").Wrap(cause)
	if !errors.Is(e, cause) {
		t.Error("Wrap lost the cause")
	}
	if e.Error() != "Duplicate: cause" {
		t.Errorf("Error() = %q", e.Error())
	}
}

func TestWriteMessage(t *testing.T) {
	t.Parallel()
	rec := httptest.NewRecorder()
	if err := httpx.WriteMessage(rec, 201, map[string]int{"xp": 10}); err != nil {
		t.Fatal(err)
	}
	if rec.Code != 201 || strings.TrimSpace(rec.Body.String()) != `{"message":{"xp":10}}` {
		t.Fatalf("got %d %s", rec.Code, rec.Body.String())
	}

	rec = httptest.NewRecorder()
	if err := httpx.WriteMessage(rec, 200, make(chan int)); err == nil {
		t.Fatal("unencodable value accepted")
	}
	expectError(t, rec, 500, "ServerError")
}
