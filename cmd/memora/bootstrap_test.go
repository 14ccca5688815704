package main

import (
	"bufio"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// On a fresh database without the demo, serve tells how to create the first System Manager
// (and the desk's sign-in page shows the same command); after exactly that command, which
// also creates the first institution, the System Manager signs in to the desk and makes a join
// code there, with which a student signs up: no other command is needed.
func TestAFreshInstallationTellsHowToCreateTheFirstSystemManagerAndTheDeskWorksFromThere(t *testing.T) {
	t.Parallel()
	bin := memoraBinary(t)
	dir := t.TempDir()
	env := append(os.Environ(), "MEMORA_ADDR=127.0.0.1:0", "MEMORA_DATABASE_URL=sqlite:"+filepath.Join(dir, "memora.db"),
		"MEMORA_REDIS_URL=", "MEMORA_LOG_LEVEL=warn")
	serve := exec.Command(bin, "serve")
	serve.Env = env
	out, err := serve.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, serve.Start())
	t.Cleanup(func() { _ = serve.Process.Kill(); _ = serve.Wait() })

	printed := make(chan string, 1)
	go func() {
		var b strings.Builder
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			b.WriteString(sc.Text() + "\n")
			if runningAt.MatchString(sc.Text()) {
				printed <- b.String()
			}
		}
	}()
	var text string
	select {
	case text = <-printed:
	case <-time.After(60 * time.Second):
		t.Fatal("server did not start within a minute")
	}
	require.Contains(t, text, "No System Manager yet")
	require.Contains(t, text, bootstrapCommand)
	base := runningAt.FindStringSubmatch(text)[1]

	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, Timeout: 10 * time.Second}
	get := func(path string) (int, string) {
		resp, err := c.Get(base + path)
		require.NoError(t, err)
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		require.NoError(t, err)
		return resp.StatusCode, string(body)
	}
	post := func(path string, form url.Values) (int, string) {
		req, _ := http.NewRequest(http.MethodPost, base+path, strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", base)
		resp, err := c.Do(req)
		require.NoError(t, err)
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		require.NoError(t, err)
		return resp.StatusCode, string(body)
	}
	status, page := get("/app") // a guest goes to the desk's sign-in page
	require.Equal(t, 200, status)
	require.Contains(t, page, bootstrapCommand, "the sign-in page shows the same command")

	create := exec.Command(bin, "user", "create", "--email", "head@school.test", "--institution", "al-noor",
		"--role", "System Manager", "--password-stdin")
	create.Env = env
	create.Stdin = strings.NewReader("a long pass phrase 42\n")
	msg, err := create.CombinedOutput()
	require.NoError(t, err, string(msg))
	require.Contains(t, string(msg), "institution al-noor created")

	status, page = post("/login", url.Values{"email": {"head@school.test"}, "password": {"a long pass phrase 42"}, "next": {"/app"}})
	require.Equal(t, 200, status, page)
	require.Contains(t, page, `class="desk-nav"`, "signed in, the System Manager lands on the desk")
	require.Contains(t, page, `href="/app/srs"`)
	status, page = post("/app/people/codes", url.Values{"code": {"NOOR-2026"}})
	require.Equal(t, 200, status, page)
	require.Contains(t, page, "NOOR2026")

	guest, _ := cookiejar.New(nil)
	c.Jar = guest
	status, page = get("/app/login")
	require.Equal(t, 200, status)
	require.NotContains(t, page, "--password-stdin", "once there is a System Manager the hint is gone")
	status, page = post("/signup", url.Values{"join_code": {"noor2026"}, "full_name": {"Huda"}, "email": {"huda@school.test"},
		"password": {"another long phrase 7"}})
	require.Equal(t, 200, status, page)
	require.Contains(t, page, "fieldset", "the new student is onboarding")
}
