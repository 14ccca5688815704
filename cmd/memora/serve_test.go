package main

import (
	"bufio"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/demo"
)

// TestServeDemo runs what the README's run command runs — the built binary with
// `serve --demo` on a fresh SQLite file — then signs in as the demo student, completes
// onboarding and reads the profile over HTTP, and stops the server with SIGTERM.
func TestServeDemo(t *testing.T) {
	t.Parallel()
	bin := memoraBinary(t)

	dir := t.TempDir()
	cmd := exec.Command(bin, "serve", "--demo")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "MEMORA_ADDR=127.0.0.1:0", "MEMORA_DATABASE_URL=", "MEMORA_REDIS_URL=", "MEMORA_LOG_LEVEL=warn")
	out, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })

	base := waitForAddress(t, out)
	require.FileExists(t, filepath.Join(dir, "data", "memora.db"), "the embedded default is ./data/memora.db")

	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, Timeout: 10 * time.Second}
	post := func(path string, form url.Values) map[string]any {
		resp, err := c.PostForm(base+path, form)
		require.NoError(t, err)
		defer resp.Body.Close()
		var body map[string]any
		require.NoError(t, json.NewDecoder(resp.Body).Decode(&body))
		require.Equal(t, 200, resp.StatusCode, body)
		return body
	}
	post("/api/method/login", url.Values{"usr": {"student@demo.memora.test"}, "pwd": {demo.Password}})
	post("/api/method/memora.api.onboarding.set_academic_profile", url.Values{"grade": {"tawjihi"}, "stream": {"scientific"}})

	resp, err := c.Get(base + "/api/method/memora.api.profile.get_player_profile")
	require.NoError(t, err)
	defer resp.Body.Close()
	var profile struct {
		Message struct {
			CurrentGrade  string `json:"current_grade"`
			CurrentStream string `json:"current_stream"`
		} `json:"message"`
	}
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&profile))
	require.Equal(t, "tawjihi", profile.Message.CurrentGrade)
	require.Equal(t, "scientific", profile.Message.CurrentStream)

	page, err := c.Get(base + "/") // the web app, in Arabic first
	require.NoError(t, err)
	defer page.Body.Close()
	require.Equal(t, 200, page.StatusCode)
	require.Contains(t, page.Header.Get("Content-Type"), "text/html")
	html, err := io.ReadAll(page.Body)
	require.NoError(t, err)
	require.Contains(t, string(html), `<html lang="ar" dir="rtl">`)

	require.NoError(t, cmd.Process.Signal(os.Interrupt))
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		require.NoError(t, err, "graceful shutdown exits 0")
	case <-time.After(20 * time.Second):
		t.Fatal("server did not stop after SIGINT")
	}
}

var runningAt = regexp.MustCompile(`running at (http://[^/ ]+)/`)

// waitForAddress reads the server's stdout until it says where it listens, checking that
// the demo accounts are printed on the way.
func waitForAddress(t *testing.T, out interface{ Read([]byte) (int, error) }) string {
	t.Helper()
	type started struct{ addr, printed string }
	found := make(chan started, 1)
	go func() {
		var printed strings.Builder
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			printed.WriteString(sc.Text() + "\n")
			if m := runningAt.FindStringSubmatch(sc.Text()); m != nil {
				found <- started{m[1], printed.String()}
			}
		}
	}()
	select {
	case s := <-found:
		require.Contains(t, s.printed, "student@demo.memora.test")
		require.Contains(t, s.printed, "Demo: sign in as "+demo.TourAccount, "the output names a demo account to open the app with")
		return s.addr
	case <-time.After(60 * time.Second):
		t.Fatal("server did not start within a minute")
		return ""
	}
}
