package web_test

import (
	"compress/gzip"
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"memora/internal/demo"
	"memora/internal/identity"
	"memora/internal/webtest"
)

// client is a browser without JavaScript: cookies, no redirects followed, same-origin form posts.
type client struct {
	t    *testing.T
	base string
	http *http.Client
}

func newClient(t *testing.T, srv *webtest.Server) *client {
	jar, err := cookiejar.New(nil)
	require.NoError(t, err)
	return &client{t: t, base: srv.URL, http: &http.Client{Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

type page struct {
	status int
	header http.Header
	body   string
}

func (c *client) do(req *http.Request) page {
	c.t.Helper()
	res, err := c.http.Do(req)
	require.NoError(c.t, err)
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	require.NoError(c.t, err)
	return page{status: res.StatusCode, header: res.Header, body: string(b)}
}

func (c *client) get(path string) page {
	c.t.Helper()
	req, err := http.NewRequest(http.MethodGet, c.base+path, nil)
	require.NoError(c.t, err)
	return c.do(req)
}

// post sends a form as a browser on the same site does (Sec-Fetch-Site: same-origin).
func (c *client) post(path string, form url.Values) page {
	c.t.Helper()
	req, err := http.NewRequest(http.MethodPost, c.base+path, strings.NewReader(form.Encode()))
	require.NoError(c.t, err)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	req.Header.Set("Origin", c.base)
	return c.do(req)
}

func (c *client) signIn(email string) {
	c.t.Helper()
	p := c.post("/login", url.Values{"email": {email}, "password": {demo.Password}})
	require.Equal(c.t, http.StatusSeeOther, p.status, p.body)
}

func TestAGuestIsSentToSignInAndComesBackAfter(t *testing.T) {
	t.Parallel()
	srv := webtest.Start(t)
	c := newClient(t, srv)

	p := c.get("/profile")
	require.Equal(t, http.StatusSeeOther, p.status)
	require.Equal(t, "/login?next=%2Fprofile", p.header.Get("Location"))

	p = c.post("/login", url.Values{"email": {"layla@demo.memora.test"}, "password": {demo.Password}, "next": {"/profile"}})
	require.Equal(t, http.StatusSeeOther, p.status)
	require.Equal(t, "/profile", p.header.Get("Location"))
	require.Equal(t, http.StatusOK, c.get("/").status)
}

func TestSignInNeverRedirectsToAnotherSite(t *testing.T) {
	t.Parallel()
	srv := webtest.Start(t)
	for _, next := range []string{"//evil.example/", "https://evil.example/", "/\\evil.example", "javascript:alert(1)"} {
		c := newClient(t, srv)
		p := c.post("/login", url.Values{"email": {"layla@demo.memora.test"}, "password": {demo.Password}, "next": {next}})
		require.Equal(t, http.StatusSeeOther, p.status)
		require.Equal(t, "/", p.header.Get("Location"), "next=%q", next)
	}
}

func TestAWrongPasswordIsShownInPlaceInTheChosenLanguage(t *testing.T) {
	t.Parallel()
	srv := webtest.Start(t)
	c := newClient(t, srv)

	p := c.post("/login", url.Values{"email": {"layla@demo.memora.test"}, "password": {"not-her-password"}})
	require.Equal(t, http.StatusUnauthorized, p.status)
	require.Contains(t, p.body, `role="alert"`)
	require.Contains(t, p.body, "بيانات الدخول غير صحيحة") // Arabic by default
	require.Contains(t, p.body, `value="layla@demo.memora.test"`, "the e-mail is kept")

	c.post("/lang", url.Values{"lang": {"en"}, "next": {"/login"}})
	p = c.post("/login", url.Values{"email": {"layla@demo.memora.test"}, "password": {"still-wrong"}})
	require.Equal(t, http.StatusUnauthorized, p.status)
	require.Contains(t, p.body, "Invalid login credentials")
	require.Contains(t, p.body, `<html lang="en" dir="ltr">`)
}

func TestTooManyFailedSignInsSayHowLongToWait(t *testing.T) {
	t.Parallel()
	srv := webtest.Start(t)
	c := newClient(t, srv)
	var p page
	for range 10 {
		p = c.post("/login", url.Values{"email": {"omar@demo.memora.test"}, "password": {"wrong-password"}})
		if p.status == http.StatusTooManyRequests {
			break
		}
	}
	require.Equal(t, http.StatusTooManyRequests, p.status)
	require.Regexp(t, regexp.MustCompile(`انتظر [٠-٩]+ ثانية`), p.body)
}

func TestSignOutEndsTheSession(t *testing.T) {
	t.Parallel()
	srv := webtest.Start(t)
	c := newClient(t, srv)
	c.signIn("layla@demo.memora.test")
	require.Equal(t, http.StatusOK, c.get("/").status)

	p := c.post("/logout", nil)
	require.Equal(t, http.StatusSeeOther, p.status)
	require.Equal(t, http.StatusSeeOther, c.get("/").status, "signed out")
}

func TestANewStudentSignsUpWithAJoinCodeAndIsOnboarded(t *testing.T) {
	t.Parallel()
	srv := webtest.Start(t)
	code, err := srv.App.Identity.CreateJoinCode(context.Background(), identity.NewJoinCode{InstitutionID: "demo-academy", CreatedBy: "test"})
	require.NoError(t, err)
	c := newClient(t, srv)

	p := c.post("/signup", url.Values{"join_code": {"NOPE1234"}, "full_name": {"Huda"}, "email": {"huda@example.org"}, "password": {"a-good-password"}})
	require.Equal(t, http.StatusBadRequest, p.status)
	require.Contains(t, p.body, `role="alert"`)
	require.Contains(t, p.body, `value="huda@example.org"`)

	p = c.post("/signup", url.Values{"join_code": {code.Code}, "full_name": {"Huda"}, "email": {"huda@example.org"}, "password": {"a-good-password"}})
	require.Equal(t, http.StatusSeeOther, p.status, p.body)
	require.Equal(t, "/onboarding", p.header.Get("Location"))

	require.Equal(t, "/onboarding", c.get("/").header.Get("Location"), "no profile yet")
	p = c.get("/onboarding")
	require.Contains(t, p.body, `name="grade"`)
	p = c.get("/onboarding?grade=tawjihi")
	require.Contains(t, p.body, `name="stream"`, "a grade with streams asks for the stream")
	p = c.get("/onboarding?grade=tawjihi&stream=scientific")
	require.Contains(t, p.body, `name="season"`)

	p = c.post("/onboarding", url.Values{"grade": {"tawjihi"}, "stream": {"scientific"}, "season": {"NO-SUCH-SEASON"}})
	require.Equal(t, http.StatusBadRequest, p.status, "the API's validation message, shown in place")
	require.Contains(t, p.body, `role="alert"`)

	p = c.post("/onboarding", url.Values{"grade": {"tawjihi"}, "stream": {"scientific"}, "season": {"SEASON-2026"}})
	require.Equal(t, http.StatusSeeOther, p.status, p.body)
	home := c.get("/")
	require.Equal(t, http.StatusOK, home.status)
	require.Contains(t, home.body, "Huda")
}

func TestForgotPasswordSaysTheSameForEveryAddress(t *testing.T) {
	t.Parallel()
	srv := webtest.Start(t)
	known := newClient(t, srv).post("/forgot", url.Values{"email": {"layla@demo.memora.test"}})
	unknown := newClient(t, srv).post("/forgot", url.Values{"email": {"nobody@demo.memora.test"}})
	require.Equal(t, http.StatusOK, known.status)
	require.Equal(t, http.StatusOK, unknown.status)
	require.Contains(t, known.body, `role="status"`)
	require.Equal(t, strings.ReplaceAll(known.body, "layla", ""), strings.ReplaceAll(unknown.body, "nobody", ""))

	bad := newClient(t, srv).post("/reset-password", url.Values{"token": {"made-up"}, "password": {"a-new-password"}, "confirm": {"a-new-password"}})
	require.Equal(t, http.StatusBadRequest, bad.status)
	require.Contains(t, bad.body, `role="alert"`)
}

func TestEveryPageHasTheSecurityHeaders(t *testing.T) {
	t.Parallel()
	srv := webtest.Start(t)
	c := newClient(t, srv)
	c.signIn("layla@demo.memora.test")
	for _, path := range []string{"/login", "/", "/subjects/math", "/profile", "/leaderboard", "/store", "/review", "/no-such-page"} {
		p := c.get(path)
		csp := p.header.Get("Content-Security-Policy")
		require.Contains(t, csp, "default-src 'self'", path)
		require.Contains(t, csp, "script-src 'self';", path)
		require.Contains(t, csp, "style-src 'self';", path)
		require.Contains(t, csp, "frame-ancestors 'none'", path)
		require.NotContains(t, csp, "unsafe-inline", path)
		require.Equal(t, "nosniff", p.header.Get("X-Content-Type-Options"), path)
		require.Equal(t, "same-origin", p.header.Get("Referrer-Policy"), path)
		require.NotRegexp(t, `<script(?: [^>]*)?>\s*[^<\s]`, stripDataBlocks(p.body), "%s has inline script", path)
		require.NotContains(t, p.body, ` style="`, path)
	}
}

// stripDataBlocks removes JSON data blocks, which are not scripts (the CSP does not run them).
func stripDataBlocks(html string) string {
	return regexp.MustCompile(`(?s)<script type="application/json"[^>]*>.*?</script>`).ReplaceAllString(html, "")
}

func TestACrossSiteFormPostIsRefused(t *testing.T) {
	t.Parallel()
	srv := webtest.Start(t)
	req, err := http.NewRequest(http.MethodPost, srv.URL+"/login", strings.NewReader("email=layla%40demo.memora.test&password=memora-demo"))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	res.Body.Close()
	require.Equal(t, http.StatusForbidden, res.StatusCode)
	require.Empty(t, res.Cookies(), "no session for a cross-site post")
}

func TestAssetsHaveHashedNamesLongCacheAndCompression(t *testing.T) {
	t.Parallel()
	srv := webtest.Start(t)
	c := newClient(t, srv)
	login := c.get("/login")
	css := regexp.MustCompile(`href="(/assets/app\.[0-9a-f]{8}\.css)"`).FindStringSubmatch(login.body)
	require.NotNil(t, css, "the stylesheet has a content-hashed name")

	req, _ := http.NewRequest(http.MethodGet, srv.URL+css[1], nil)
	req.Header.Set("Accept-Encoding", "gzip")
	res, err := http.DefaultTransport.RoundTrip(req)
	require.NoError(t, err)
	defer res.Body.Close()
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Equal(t, "public, max-age=31536000, immutable", res.Header.Get("Cache-Control"))
	require.Equal(t, "gzip", res.Header.Get("Content-Encoding"))
	zr, err := gzip.NewReader(res.Body)
	require.NoError(t, err)
	body, err := io.ReadAll(zr)
	require.NoError(t, err)
	require.Contains(t, string(body), "--brand")

	require.Equal(t, http.StatusNotFound, c.get("/assets/app.00000000.css").status)
}

func TestPagesAreGzippedForClientsThatAcceptIt(t *testing.T) {
	t.Parallel()
	srv := webtest.Start(t)
	req, _ := http.NewRequest(http.MethodGet, srv.URL+"/login", nil)
	req.Header.Set("Accept-Encoding", "gzip")
	res, err := http.DefaultTransport.RoundTrip(req)
	require.NoError(t, err)
	defer res.Body.Close()
	require.Equal(t, "gzip", res.Header.Get("Content-Encoding"))
	require.Contains(t, res.Header.Values("Vary"), "Accept-Encoding")
}

func TestUnknownPathsAnswerAPageButUnknownAPIPathsAnswerJSON(t *testing.T) {
	t.Parallel()
	srv := webtest.Start(t)
	c := newClient(t, srv)
	p := c.get("/no-such-page")
	require.Equal(t, http.StatusNotFound, p.status)
	require.Contains(t, p.header.Get("Content-Type"), "text/html")
	require.Contains(t, p.body, `dir="rtl"`)

	p = c.get("/api/method/memora.api.nothing.here")
	require.Equal(t, http.StatusNotFound, p.status)
	require.Contains(t, p.header.Get("Content-Type"), "application/json")
	require.Contains(t, p.body, `"exc_type":"DoesNotExistError"`)
}

func TestTheLanguageSwitchPersistsAndFlipsTheDirection(t *testing.T) {
	t.Parallel()
	srv := webtest.Start(t)
	c := newClient(t, srv)
	require.Contains(t, c.get("/login").body, `<html lang="ar" dir="rtl">`, "Arabic first")

	p := c.post("/lang", url.Values{"lang": {"en"}, "next": {"/signup"}})
	require.Equal(t, http.StatusSeeOther, p.status)
	require.Equal(t, "/signup", p.header.Get("Location"))
	require.Contains(t, c.get("/login").body, `<html lang="en" dir="ltr">`)
	require.Contains(t, c.get("/forgot").body, `<html lang="en" dir="ltr">`, "still English on the next page")

	c.post("/lang", url.Values{"lang": {"ar"}, "next": {"/"}})
	require.Contains(t, c.get("/login").body, `<html lang="ar" dir="rtl">`)
}

func TestTheFaviconIsTheAppIcon(t *testing.T) {
	t.Parallel()
	srv := webtest.Start(t)
	p := newClient(t, srv).get("/favicon.ico")
	require.Equal(t, http.StatusMovedPermanently, p.status)
	require.Regexp(t, `^/assets/icon\.[0-9a-f]{8}\.svg$`, p.header.Get("Location"))
}
