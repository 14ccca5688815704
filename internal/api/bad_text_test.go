package api_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"memora/internal/apitest"
)

// Issue 13.2: NUL characters or invalid UTF-8 in a parameter are a 400 on both engines
// (PostgreSQL refuses such text: it used to be a 500 there), for a login, a query
// parameter, a form body and JSON nested in a submission, and nothing is written.
func TestNULOrInvalidUTF8InAnyParameterIsA400OnEveryEngine(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		c, _ := env.LoginAs("s@x.test", "x")
		login := "/api/method/login"
		raw := func(method, path, contentType, body string) apitest.Response {
			req, err := http.NewRequest(method, env.URL()+path, strings.NewReader(body))
			require.NoError(t, err)
			if contentType != "" {
				req.Header.Set("Content-Type", contentType)
			}
			return c.Do(req)
		}
		for name, r := range map[string]apitest.Response{
			"login json nul":        raw("POST", login, "application/json", `{"usr":"a\u0000b","pwd":"x"}`),
			"login json bad utf8":   raw("POST", login, "application/json", "{\"usr\":\"a\xffb@x.test\",\"pwd\":\"x\"}"),
			"login form nul":        raw("POST", login, "application/x-www-form-urlencoded", "usr=a%00b&pwd=x"),
			"query nul":             c.Get(apitest.Method("reviews", "get_review_session"), map[string]string{"subject": "a\x00b"}),
			"query bad utf8":        c.Get(apitest.Method("subjects", "get_subjects"), map[string]string{"lang": "\xc3\x28"}),
			"submit session nested": c.Post(apitest.Method("sessions", "submit_session"), map[string]any{"session_id": "n1", "session_meta": map[string]any{"lesson_id": "l\x00"}}),
			"review nested":         c.Post(apitest.Method("reviews", "submit_review_session"), map[string]any{"session_data": `{"answers":[{"question_id":"q","answer":"\u0000"}],"session_meta":{"session_id":"n2"}}`}),
		} {
			t.Run(name, func(t *testing.T) {
				require.Equal(t, 400, r.Status, r.Body)
				require.Contains(t, r.Body, "ValidationError")
			})
		}
		require.Equal(t, 0, reviewCount(t, env, "SELECT count(*) FROM gameplay_sessions WHERE user_id > $1", 0))
	})
}
