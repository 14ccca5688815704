package api_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"memora/internal/apitest"
	"memora/internal/config"
	"memora/internal/store"
)

// Every error the API answers is in the language of the request: Arabic when the lang cookie
// says ar or Accept-Language ranks Arabic first, English otherwise — including the errors
// the HTTP layer writes before any handler runs (401, 404, 405, 413, malformed bodies) and
// identity's (bad credentials, login rate limit).
func TestErrorsSpeakTheLanguageOfTheRequest(t *testing.T) {
	t.Parallel()
	env := apitest.New(t, store.SQLite, func(c *config.Config) { c.MaxBodyBytes = 64 })
	profile := apitest.Method("profile", "get_player_profile")
	cases := []struct {
		name, method, path, body string
		status                   int
		english, arabic          string
	}{
		{"not logged in", http.MethodGet, profile, "", 401, "Not logged in", "لم تسجّل الدخول"},
		{"unknown path", http.MethodGet, "/api/method/memora.api.nope.nothing", "", 404,
			"The requested resource was not found", "المورد المطلوب غير موجود"},
		{"wrong method", http.MethodPut, profile, "", 405,
			"Method PUT is not allowed here; use GET, HEAD, POST", "الطريقة PUT غير مسموح بها هنا؛ استخدم GET, HEAD, POST"},
		{"body too large", http.MethodPost, "/api/method/login", `{"usr":"` + strings.Repeat("a", 100) + `"}`, 413,
			"Request body exceeds the limit of 64 bytes", "حجم الطلب يتجاوز الحد المسموح به وهو ٦٤ بايت"},
		{"malformed body", http.MethodPost, "/api/method/login", `{"usr":`, 400,
			"Malformed JSON body: unexpected end of input", "محتوى الطلب ليس JSON صالحًا: انتهى النص قبل اكتماله"},
		{"missing credentials", http.MethodPost, "/api/method/login", `{}`, 400,
			"Both usr and pwd are required", "يرجى إدخال اسم المستخدم وكلمة المرور"},
		{"bad credentials", http.MethodPost, "/api/method/login", `{"usr":"nobody@x.test","pwd":"wrong"}`, 401,
			"Invalid login credentials", "بيانات الدخول غير صحيحة"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for _, lang := range []struct{ accept, cookie, want string }{
				{"", "", tc.english},
				{"en-GB,en;q=0.9", "", tc.english},
				{"ar-JO,ar;q=0.9,en;q=0.5", "", tc.arabic},
				{"en", "ar", tc.arabic},
				{"ar", "en", tc.english},
			} {
				c := env.Client()
				req, err := http.NewRequest(tc.method, env.URL()+tc.path, strings.NewReader(tc.body))
				require.NoError(t, err)
				if tc.body != "" {
					req.Header.Set("Content-Type", "application/json")
				}
				if lang.accept != "" {
					req.Header.Set("Accept-Language", lang.accept)
				}
				if lang.cookie != "" {
					req.AddCookie(&http.Cookie{Name: "lang", Value: lang.cookie})
				}
				r := c.Do(req)
				require.Equal(t, tc.status, r.Status, r.Body)
				var body struct {
					Exc string `json:"exc"`
				}
				r.JSON(t, &body)
				require.Equal(t, lang.want, body.Exc, "Accept-Language %q, lang cookie %q", lang.accept, lang.cookie)
			}
		})
	}
}

// A login refused by the rate limit answers in Arabic too, with Retry-After.
func TestTheLoginRateLimitSpeaksArabic(t *testing.T) {
	t.Parallel()
	env := apitest.New(t, store.SQLite, func(c *config.Config) { c.LoginRate = 1 })
	env.CreateUser("rate@x.test", "inst")
	c := env.Client()
	c.Header.Set("Accept-Language", "ar")
	c.Post("/api/method/login", map[string]any{"usr": "rate@x.test", "pwd": "wrong"})
	r := c.Post("/api/method/login", map[string]any{"usr": "rate@x.test", "pwd": "wrong"})
	require.Equal(t, 429, r.Status, r.Body)
	require.NotEmpty(t, r.Header.Get("Retry-After"))
	var body struct {
		Exc string `json:"exc"`
	}
	r.JSON(t, &body)
	require.Equal(t, "محاولات دخول فاشلة كثيرة. يرجى المحاولة لاحقًا.", body.Exc)
}
