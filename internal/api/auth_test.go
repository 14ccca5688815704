package api_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"memora/internal/apitest"
	"memora/internal/store"
)

func expectError(t *testing.T, r apitest.Response, status int, excType string) {
	t.Helper()
	require.Equal(t, status, r.Status, r.Body)
	var body struct {
		ExcType        string `json:"exc_type"`
		Exc            string `json:"exc"`
		ServerMessages string `json:"_server_messages"`
	}
	r.JSON(t, &body)
	require.Equal(t, excType, body.ExcType, r.Body)
	require.NotEmpty(t, body.Exc)
	require.True(t, strings.HasPrefix(body.ServerMessages, `["`), body.ServerMessages)
}

func TestLoginAndLogout(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		env.CreateUser("Student@X.test", "x")
		c := env.Client()
		profile := apitest.Method("profile", "get_player_profile")
		expectError(t, c.Get(profile, nil), 401, "AuthenticationError")

		r := c.Post("/api/method/login", map[string]string{"usr": "student@x.test", "pwd": apitest.Password})
		require.Equal(t, 200, r.Status, r.Body)
		require.Contains(t, r.Body, `"message":"Logged In"`)
		cookie := r.Header.Get("Set-Cookie")
		require.Contains(t, cookie, "sid=")
		require.Contains(t, cookie, "HttpOnly")
		require.Contains(t, cookie, "SameSite=Lax")
		require.Equal(t, 200, c.Get(profile, nil).Status)

		require.Equal(t, 200, c.Post("/api/method/logout", nil).Status)
		expectError(t, c.Get(profile, nil), 401, "AuthenticationError")
	})
}

func TestLoginRefusals(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		u := env.CreateUser("s@x.test", "x")
		c := env.Client()
		login := "/api/method/login"
		// Wrong password and unknown user look the same: 401, no session.
		expectError(t, c.Post(login, map[string]string{"usr": "s@x.test", "pwd": "wrong"}), 401, "AuthenticationError")
		expectError(t, c.Post(login, map[string]string{"usr": "nobody@x.test", "pwd": "wrong"}), 401, "AuthenticationError")
		expectError(t, c.Post(login, map[string]string{"usr": "s@x.test"}), 400, "ValidationError")
		// A login sent as GET is a mutation sent as GET.
		r := c.Get(login, map[string]string{"usr": "s@x.test", "pwd": apitest.Password})
		expectError(t, r, 405, "MethodNotAllowed")
		require.Equal(t, "POST", r.Header.Get("Allow"))
		expectError(t, c.Get(apitest.Method("profile", "get_player_profile"), nil), 401, "AuthenticationError")
		_, err := env.Store.ProfileGet(context.Background(), u.ID)
		require.ErrorIs(t, err, store.ErrNotFound)
	})
}

// The 6th rapid failed login for an account is refused with 429 and Retry-After, even with
// the right password; a minute later the account can log in again.
func TestLoginRateLimit(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		env.CreateUser("s@x.test", "x")
		c := env.Client()
		for i := 0; i < 5; i++ {
			expectError(t, c.Post("/api/method/login", map[string]string{"usr": "s@x.test", "pwd": fmt.Sprint("bad", i)}), 401, "AuthenticationError")
		}
		r := c.Post("/api/method/login", map[string]string{"usr": "s@x.test", "pwd": apitest.Password})
		expectError(t, r, 429, "RateLimitError")
		require.NotEmpty(t, r.Header.Get("Retry-After"))
		require.Empty(t, r.Header.Get("Set-Cookie"))
		env.Clock.Advance(61e9)
		require.Equal(t, 200, c.Post("/api/method/login", map[string]string{"usr": "s@x.test", "pwd": apitest.Password}).Status)
	})
}

func TestAPIKeys(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		u := env.CreateUser("k@x.test", "x")
		key, secret, err := env.App.Identity.CreateAPIKey(context.Background(), "test", u, "test", 0)
		require.NoError(t, err)
		profile := apitest.Method("profile", "get_player_profile")
		call := func(auth string) apitest.Response {
			c := env.Client()
			if auth != "" {
				c.Header.Set("Authorization", auth)
			}
			return c.Get(profile, nil)
		}
		require.Equal(t, 200, call("token "+key+":"+secret).Status)
		expectError(t, call(""), 401, "AuthenticationError")
		expectError(t, call("token "+key+":wrong"), 401, "AuthenticationError")
		expectError(t, call("token nokey:"+secret), 401, "AuthenticationError")
		expectError(t, call("token "+key), 401, "AuthenticationError")
		expectError(t, call("Bearer "+key+":"+secret), 401, "AuthenticationError")
		// An API key needs no cross-origin protection: it is not an ambient credential.
		c := env.Client()
		c.Header.Set("Authorization", "token "+key+":"+secret)
		c.Header.Set("Origin", "https://evil.example")
		c.Header.Set("Sec-Fetch-Site", "cross-site")
		require.Equal(t, 200, c.Post(apitest.Method("onboarding", "get_academic_masters"), nil).Status)
	})
}

func TestBadRequestsChangeNothing(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		seedAcademic(t, env.Store)
		c, u := env.LoginAs("s@x.test", "x")
		set := apitest.Method("onboarding", "set_academic_profile")
		// A mutation as GET: 405.
		expectError(t, c.Get(set, map[string]string{"grade": "G2"}), 405, "MethodNotAllowed")
		// Malformed JSON: 400.
		expectError(t, c.Post(set, `{"grade": "G2"`), 400, "ValidationError")
		// A body over the limit: 413.
		big := `{"grade":"G2","pad":"` + strings.Repeat("x", 2<<20) + `"}`
		expectError(t, c.Post(set, big), 413, "RequestEntityTooLarge")
		// A cross-origin POST riding on the cookie: 403.
		req, _ := http.NewRequest(http.MethodPost, env.URL()+set, strings.NewReader(`{"grade":"G2"}`))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Origin", "https://evil.example")
		req.Header.Set("Sec-Fetch-Site", "cross-site")
		expectError(t, c.Do(req), 403, "PermissionError")

		_, err := env.Store.ProfileGet(context.Background(), u.ID)
		require.ErrorIs(t, err, store.ErrNotFound, "no request above may create the profile")
	})
}

// A student of institution X cannot read or change anything of institution Y.
func TestInstitutionIsolation(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		seedAcademic(t, env.Store)
		ctx := context.Background()
		y := "y"
		env.Institution(y)
		// Y owns a plan for G2 in season A: X's students must not see that season offered.
		require.NoError(t, env.Store.PlanUpsert(ctx, store.Plan{ID: "PY", InstitutionID: &y, GradeID: "G2", SeasonID: "A"}))
		cy, uy := env.LoginAs("sy@y.test", "y")
		require.Equal(t, 200, cy.Post(apitest.Method("onboarding", "set_academic_profile"), map[string]string{"grade": "G2"}).Status)
		require.NoError(t, env.Store.ProfileAddXP(ctx, uy.ID, 700, env.Clock.Now()))

		cx, _ := env.LoginAs("sx@x.test", "x")
		var m masters
		cx.Get(apitest.Method("onboarding", "get_academic_masters"), nil).Message(t, &m)
		for _, g := range m.Grades {
			if g.ID == "G2" {
				require.Empty(t, g.AllowedSeasons, "Y's own plan leaked to X")
			}
		}
		var yView masters
		cy.Get(apitest.Method("onboarding", "get_academic_masters"), nil).Message(t, &yView)
		require.Equal(t, []string{"A"}, yView.Grades[1].AllowedSeasons)

		// X's profile reads and writes touch only X.
		var p playerProfile
		cx.Get(apitest.Method("profile", "get_player_profile"), nil).Message(t, &p)
		require.Equal(t, int64(0), p.XP)
		require.Equal(t, 200, cx.Post(apitest.Method("onboarding", "set_academic_profile"), map[string]string{"grade": "G1", "stream": "S2"}).Status)
		py, err := env.Store.ProfileGet(ctx, uy.ID)
		require.NoError(t, err)
		require.Equal(t, "G2", *py.GradeID)
		require.Equal(t, int64(700), py.TotalXP)
	})
}
