package api_test

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/apitest"
	"memora/internal/identity"
	"memora/internal/mail"
	"memora/internal/store"
)

// mailbox is a Mailer that keeps what it is given.
type mailbox struct {
	mu   sync.Mutex
	sent []mail.Message
}

func (m *mailbox) Send(_ context.Context, msg mail.Message) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.sent = append(m.sent, msg)
	return nil
}

func (m *mailbox) all() []mail.Message {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]mail.Message(nil), m.sent...)
}

func joinCode(t *testing.T, env *apitest.Env, inst string, maxUses int64) string {
	t.Helper()
	env.Institution(inst)
	c, err := env.App.Identity.CreateJoinCode(context.Background(), identity.NewJoinCode{InstitutionID: inst, MaxUses: maxUses, CreatedBy: "test"})
	require.NoError(t, err)
	return c.Code
}

func TestSignUpWithAJoinCodeCreatesAStudentAndSignsThemIn(t *testing.T) {
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		code := joinCode(t, env, "school", 0)
		c := env.Client()
		r := c.Post(apitest.Method("auth", "sign_up"), map[string]string{"join_code": code, "full_name": "Layla Ahmad",
			"email": "Layla@School.test", "pwd": "a good password"})
		require.Equal(t, 200, r.Status, r.Body)
		require.JSONEq(t, `{"message":"Logged In","home_page":"/","full_name":"Layla Ahmad"}`, r.Body)
		cookie := r.Header.Get("Set-Cookie")
		require.Contains(t, cookie, "sid=")
		require.Contains(t, cookie, "HttpOnly")

		p := c.Get(apitest.Method("profile", "get_player_profile"), nil)
		require.Equal(t, 200, p.Status, "the new session works: %s", p.Body)

		u, err := env.Store.UserGetByEmail(context.Background(), "layla@school.test")
		require.NoError(t, err)
		require.Equal(t, "school", u.InstitutionID)
		roles, err := env.Store.UserRoles(context.Background(), u.ID)
		require.NoError(t, err)
		require.Equal(t, []string{store.RoleStudent}, roles)

	})
}

func TestSignUpRefusalsAreClientErrorsInTheCallersLanguageAndCreateNothing(t *testing.T) {
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		code := joinCode(t, env, "school", 1)
		env.CreateUser("taken@school.test", "school")
		c := env.Client()
		path := apitest.Method("auth", "sign_up")
		good := map[string]string{"join_code": code, "full_name": "New", "email": "new@school.test", "pwd": "a good password"}
		with := func(k, v string) map[string]string {
			m := map[string]string{}
			for a, b := range good {
				m[a] = b
			}
			m[k] = v
			return m
		}
		expectError(t, c.Post(path, with("join_code", "NOPE2345")), 400, "ValidationError")
		expectError(t, c.Post(path, with("email", "taken@school.test")), 409, "ConflictError")
		expectError(t, c.Post(path, with("pwd", "short")), 400, "ValidationError")
		expectError(t, c.Post(path, with("full_name", "")), 400, "ValidationError")
		expectError(t, c.Post(path, with("email", "not an e-mail")), 400, "ValidationError")

		c.Header.Set("Accept-Language", "ar")
		r := c.Post(path, with("join_code", "NOPE2345"))
		expectError(t, r, 400, "ValidationError")
		require.Contains(t, r.Body, "رمز الانضمام هذا غير صالح.")

		n, err := env.Store.UserCount(context.Background())
		require.NoError(t, err)
		require.EqualValues(t, 1, n, "only the account made before")

		c.Header.Del("Accept-Language")
		require.Equal(t, 200, c.Post(path, good).Status)
		r = env.Client().Post(path, with("email", "second@school.test"))
		expectError(t, r, 400, "ValidationError")
		require.Contains(t, r.Body, "This join code has been used up.")
	})
}

func TestRepeatedFailedSignUpsFromOneAddressGet429WithRetryAfter(t *testing.T) {
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		env.Institution("school")
		c := env.Client()
		path := apitest.Method("auth", "sign_up")
		body := map[string]string{"join_code": "GUESS234", "full_name": "X", "email": "x@school.test", "pwd": "a good password"}
		for range 20 { // 4 × MEMORA_LOGIN_RATE per MEMORA_LOGIN_WINDOW
			expectError(t, c.Post(path, body), 400, "ValidationError")
		}
		r := c.Post(path, body)
		expectError(t, r, 429, "RateLimitError")
		require.Equal(t, "60", r.Header.Get("Retry-After"))
	})
}

var resetLink = regexp.MustCompile(`(https?://[^/\s]+/reset-password)\?token=([A-Za-z0-9_-]+)`)

func TestForgottenPasswordLinkResetsThePasswordOnceAndSignsOutEverywhere(t *testing.T) {
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		box := &mailbox{}
		env.App.Identity.Mailer = box
		old, _ := env.LoginAs("sara@school.test", "school")
		forgot := apitest.Method("auth", "forgot_password")

		guest := env.Client()
		for _, email := range []string{"sara@school.test", "nobody@school.test"} {
			r := guest.Post(forgot, map[string]string{"email": email})
			require.Equal(t, 200, r.Status, r.Body)
			require.JSONEq(t, `{"message":"Password Reset Requested"}`, r.Body, "the same answer for both")
		}
		expectError(t, guest.Post(forgot, map[string]string{"email": "nonsense"}), 400, "ValidationError")
		sent := box.all()
		require.Len(t, sent, 1, "only the real account gets mail")
		require.Equal(t, []string{"sara@school.test"}, sent[0].To)
		m := resetLink.FindStringSubmatch(sent[0].Body)
		require.NotNil(t, m, sent[0].Body)
		require.Equal(t, env.App.Config.SiteURL()+"/reset-password", m[1], "the link opens the web app's reset page on the configured site")
		token := m[2]

		reset := apitest.Method("auth", "reset_password")
		expectError(t, guest.Post(reset, map[string]string{"token": token, "pwd": "aaaaaaaa"}), 400, "ValidationError")
		expectError(t, guest.Post(reset, map[string]string{"token": "forged", "pwd": "a new password"}), 400, "ValidationError")
		r := guest.Post(reset, map[string]string{"token": token, "pwd": "a new password"})
		require.Equal(t, 200, r.Status, r.Body)
		require.JSONEq(t, `{"message":"Password Updated"}`, r.Body)
		expectError(t, guest.Post(reset, map[string]string{"token": token, "pwd": "a third password"}), 400, "ValidationError")

		expectError(t, old.Get(apitest.Method("profile", "get_player_profile"), nil), 401, "AuthenticationError")
		expectError(t, env.Client().Post("/api/method/login", map[string]string{"usr": "sara@school.test", "pwd": apitest.Password}), 401, "AuthenticationError")
		require.Equal(t, 200, env.Client().Post("/api/method/login", map[string]string{"usr": "sara@school.test", "pwd": "a new password"}).Status)
	})
}

func TestForgotPasswordRequestsFromOneAddressAreLimited(t *testing.T) {
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		env.App.Identity.Mailer = &mailbox{}
		c := env.Client()
		for i := range 20 {
			r := c.Post(apitest.Method("auth", "forgot_password"), map[string]string{"email": fmt.Sprintf("u%d@school.test", i)})
			require.Equal(t, 200, r.Status, r.Body)
		}
		r := c.Post(apitest.Method("auth", "forgot_password"), map[string]string{"email": "u@school.test"})
		expectError(t, r, 429, "RateLimitError")
		require.NotEmpty(t, r.Header.Get("Retry-After"))
	})
}

func TestTheReviewForecastListsTheNext14LocalDaysWithOverdueOnToday(t *testing.T) {
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		ctx := context.Background()
		c, u := env.LoginAs("s@school.test", "school")
		path := apitest.Method("profile", "get_review_forecast")
		var days []struct {
			Date  string `json:"date"`
			Count int64  `json:"count"`
		}
		r := c.Get(path, nil)
		require.Equal(t, 200, r.Status, r.Body)
		r.Message(t, &days)
		require.Len(t, days, 14)
		require.Equal(t, "2026-11-25", days[0].Date, "today in Amman")
		require.Equal(t, "2026-12-08", days[13].Date)
		for _, d := range days {
			require.Zero(t, d.Count, "no profile yet")
		}

		now := apitest.Start
		require.NoError(t, env.Store.SeasonUpsert(ctx, store.Season{ID: "s1", Title: "s1", StartDate: now.AddDate(0, -1, 0),
			EndDate: now.AddDate(0, 6, 0), IsActive: true, Scheduler: store.SchedulerFSRS, DesiredRetention: 0.9,
			GradeMapping: "binary", CreatedAt: now}))
		require.NoError(t, env.Store.ProfileUpsert(ctx, store.PlayerProfile{UserID: u.ID, SeasonID: ptrTo("s1"), Hearts: 5, CreatedAt: now, UpdatedAt: now}))
		item := func(q string, due time.Time) store.MemoryState {
			return store.MemoryState{UserID: u.ID, SeasonID: "s1", QuestionID: q, Level: 1, Due: due, CreatedAt: now, UpdatedAt: now}
		}
		require.NoError(t, env.Store.MemoryUpsert(ctx, []store.MemoryState{
			item("overdue", now.Add(-48*time.Hour)),
			item("tonight", time.Date(2026, 11, 25, 20, 59, 0, 0, time.UTC)), // 23:59 in Amman
			item("tomorrow", time.Date(2026, 11, 25, 21, 0, 0, 0, time.UTC)), // 00:00 in Amman
			item("too-late", time.Date(2026, 12, 8, 21, 0, 0, 0, time.UTC)),  // 9 December in Amman
		}))
		r = c.Post(path, nil)
		require.Equal(t, 200, r.Status, r.Body)
		r.Message(t, &days)
		require.Equal(t, int64(2), days[0].Count)
		require.Equal(t, int64(1), days[1].Count)
		var total int64
		for _, d := range days {
			total += d.Count
		}
		require.EqualValues(t, 3, total)
		expectError(t, env.Client().Get(path, nil), 401, "AuthenticationError")
	})
}

// A reset link always points at the configured site: a forged Host header cannot send the
// token elsewhere.
func TestAResetLinkNeverTakesItsHostFromTheRequest(t *testing.T) {
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		box := &mailbox{}
		env.App.Identity.Mailer = box
		env.CreateUser("sara@school.test", "school")
		req, err := http.NewRequest(http.MethodPost, env.URL()+apitest.Method("auth", "forgot_password"),
			strings.NewReader(`{"email":"sara@school.test"}`))
		require.NoError(t, err)
		req.Header.Set("Content-Type", "application/json")
		req.Host = "evil.example"
		r := env.Client().Do(req)
		require.Equal(t, 200, r.Status, r.Body)
		sent := box.all()
		require.Len(t, sent, 1)
		require.NotContains(t, sent[0].Body, "evil.example")
		require.Contains(t, sent[0].Body, env.App.Config.SiteURL()+"/reset-password?token=")
	})
}
