package main

import (
	"bufio"
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// In JSON mode every line serve writes is JSON, the start banner included; requests are logged
// with the client address and duration_ms, e-mail addresses are not, and health checks stay at
// debug.
func TestInJSONModeEveryLineServeWritesIsJSON(t *testing.T) {
	t.Parallel()
	cmd := exec.Command(memoraBinary(t), "serve")
	cmd.Env = append(os.Environ(), "MEMORA_ADDR=127.0.0.1:0", "MEMORA_DATABASE_URL=sqlite:"+filepath.Join(t.TempDir(), "m.db"),
		"MEMORA_REDIS_URL=", "MEMORA_LOG_FORMAT=json", "MEMORA_LOG_LEVEL=info", "MEMORA_WORKER=false")
	pr, pw, err := os.Pipe()
	require.NoError(t, err)
	cmd.Stdout, cmd.Stderr = pw, pw
	require.NoError(t, cmd.Start())
	pw.Close()
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })

	var mu sync.Mutex
	var lines []string
	addrc := make(chan string, 1)
	done := make(chan struct{})
	go func() {
		defer close(done)
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			mu.Lock()
			lines = append(lines, sc.Text())
			mu.Unlock()
			if m := regexp.MustCompile(`running at (http://[^/ ]+)/`).FindStringSubmatch(sc.Text()); m != nil {
				addrc <- m[1]
			}
		}
	}()
	var base string
	select {
	case base = <-addrc:
	case <-time.After(60 * time.Second):
		t.Fatal("serve did not start")
	}
	res, err := http.Get(base + "/healthz")
	require.NoError(t, err)
	res.Body.Close()
	res, err = http.Post(base+"/api/method/login", "application/json", strings.NewReader(`{"usr":"pupil@school.example","pwd":"not-the-password"}`))
	require.NoError(t, err)
	res.Body.Close()
	require.NoError(t, cmd.Process.Signal(os.Interrupt))
	<-done
	require.NoError(t, cmd.Wait())

	mu.Lock()
	defer mu.Unlock()
	all := strings.Join(lines, "\n")
	for _, line := range lines {
		var rec map[string]any
		require.NoError(t, json.Unmarshal([]byte(line), &rec), "not JSON: %s", line)
	}
	require.Contains(t, all, `"msg":"No System Manager yet.`)
	require.Regexp(t, `"path":"/api/method/login".*"duration_ms":[0-9.]+.*"client":"127.0.0.1"`, all)
	require.NotContains(t, all, `"path":"/healthz"`, "health checks are logged at info")
	require.NotContains(t, all, "pupil@school.example", "an e-mail address is logged")
}
