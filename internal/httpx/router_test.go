package httpx_test

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"memora/internal/httpx"
)

func ok(body string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = httpx.WriteMessage(w, http.StatusOK, body)
	})
}

func newTestRouter() *httpx.Router {
	rt := httpx.NewRouter()
	rt.Read("/api/method/memora.api.subjects.get_subjects", "List subjects", ok("read"))
	rt.Mutation("/api/method/memora.api.sessions.submit_session", "Submit a session", ok("write"))
	return rt
}

func TestMutationRejectsGETWithJSON405(t *testing.T) {
	t.Parallel()
	rec := serve(newTestRouter(), httptest.NewRequest("GET", "/api/method/memora.api.sessions.submit_session", nil))
	body := expectError(t, rec, http.StatusMethodNotAllowed, "MethodNotAllowed")
	if got := rec.Header().Get("Allow"); got != "POST" {
		t.Errorf("Allow = %q, want POST", got)
	}
	if !strings.Contains(body.Exc, "GET") {
		t.Errorf("exc %q does not name the method", body.Exc)
	}
}

func TestReadAcceptsGETHeadAndPOST(t *testing.T) {
	t.Parallel()
	rt := newTestRouter()
	for _, m := range []string{"GET", "HEAD", "POST"} {
		rec := serve(rt, httptest.NewRequest(m, "/api/method/memora.api.subjects.get_subjects", nil))
		if rec.Code != http.StatusOK {
			t.Errorf("%s: status %d", m, rec.Code)
		}
	}
	rec := serve(rt, httptest.NewRequest("DELETE", "/api/method/memora.api.subjects.get_subjects", nil))
	expectError(t, rec, http.StatusMethodNotAllowed, "MethodNotAllowed")
	if got := rec.Header().Get("Allow"); got != "GET, HEAD, POST" {
		t.Errorf("Allow = %q", got)
	}
}

func TestMutationAcceptsPOST(t *testing.T) {
	t.Parallel()
	rec := serve(newTestRouter(), httptest.NewRequest("POST", "/api/method/memora.api.sessions.submit_session", nil))
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `"write"`) {
		t.Fatalf("got %d %s", rec.Code, rec.Body.String())
	}
}

func TestUnknownPathIsJSON404(t *testing.T) {
	t.Parallel()
	rec := serve(newTestRouter(), httptest.NewRequest("GET", "/api/method/nope", nil))
	expectError(t, rec, http.StatusNotFound, "DoesNotExistError")
}

func TestCatchAllTakesOverUnknownPaths(t *testing.T) {
	t.Parallel()
	rt := newTestRouter()
	rt.Handle("/", "Web client", ok("page"), http.MethodGet)
	rec := serve(rt, httptest.NewRequest("GET", "/anything", nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d", rec.Code)
	}
}

func TestSamePatternDifferentMethods(t *testing.T) {
	t.Parallel()
	rt := httpx.NewRouter()
	rt.Handle("/api/resource/{doctype}", "List", ok("list"), http.MethodGet)
	rt.Handle("/api/resource/{doctype}", "Create", ok("create"), http.MethodPost)
	if rec := serve(rt, httptest.NewRequest("POST", "/api/resource/Lesson", nil)); !strings.Contains(rec.Body.String(), "create") {
		t.Errorf("POST went to %s", rec.Body.String())
	}
	if rec := serve(rt, httptest.NewRequest("GET", "/api/resource/Lesson", nil)); !strings.Contains(rec.Body.String(), "list") {
		t.Errorf("GET went to %s", rec.Body.String())
	}
	rec := serve(rt, httptest.NewRequest("PUT", "/api/resource/Lesson", nil))
	if got := rec.Header().Get("Allow"); got != "GET, HEAD, POST" {
		t.Errorf("Allow = %q", got)
	}
}

func TestAnyMethodMount(t *testing.T) {
	t.Parallel()
	rt := httpx.NewRouter()
	rt.Handle("/app/riverui/", "Jobs dashboard", ok("ui"))
	if rec := serve(rt, httptest.NewRequest("PATCH", "/app/riverui/x", nil)); rec.Code != http.StatusOK {
		t.Fatalf("status %d", rec.Code)
	}
	if got := rt.Routes()[0].Methods; got != nil {
		t.Errorf("any-method route methods = %v, want nil", got)
	}
}

func TestRoutes(t *testing.T) {
	t.Parallel()
	got := newTestRouter().Routes()
	want := []httpx.Route{
		{Methods: []string{"POST"}, Pattern: "/api/method/memora.api.sessions.submit_session", Summary: "Submit a session"},
		{Methods: []string{"GET", "HEAD", "POST"}, Pattern: "/api/method/memora.api.subjects.get_subjects", Summary: "List subjects"},
	}
	if len(got) != len(want) {
		t.Fatalf("routes = %+v", got)
	}
	for i := range want {
		if got[i].Pattern != want[i].Pattern || got[i].Summary != want[i].Summary ||
			!slices.Equal(got[i].Methods, want[i].Methods) {
			t.Errorf("route %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}

func TestRegistrationMistakesPanic(t *testing.T) {
	t.Parallel()
	cases := map[string]func(rt *httpx.Router){
		"method in pattern": func(rt *httpx.Router) { rt.Handle("GET /x", "", ok("")) },
		"duplicate method": func(rt *httpx.Router) {
			rt.Mutation("/x", "", ok(""))
			rt.Mutation("/x", "", ok(""))
		},
		"any after methods": func(rt *httpx.Router) {
			rt.Mutation("/x", "", ok(""))
			rt.Handle("/x", "", ok(""))
		},
	}
	for name, register := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			defer func() {
				if recover() == nil {
					t.Error("no panic")
				}
			}()
			register(httpx.NewRouter())
		})
	}
}
