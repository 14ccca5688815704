package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/demo"
)

// The crash test's server process and its HTTP client.

// server is a running `memora serve`.
type server struct {
	cmd  *exec.Cmd
	base string
	once sync.Once
}

func startServer(t *testing.T, bin string, env []string) *server {
	cmd := exec.Command(bin, "serve", "--demo") // the demo accounts log in only in demo mode
	cmd.Env = env
	out, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	s := &server{cmd: cmd}
	t.Cleanup(s.kill)
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if m := runningAt.FindStringSubmatch(sc.Text()); m != nil {
				addr <- m[1]
			}
		}
	}()
	select {
	case s.base = <-addr:
	case <-time.After(60 * time.Second):
		t.Fatal("server did not start within a minute")
	}
	return s
}

// kill is SIGKILL: no shutdown, no flush, nothing.
func (s *server) kill() {
	s.once.Do(func() {
		_ = s.cmd.Process.Kill()
		_ = s.cmd.Wait()
	})
}

func (s *server) stop(t *testing.T) {
	require.NoError(t, s.cmd.Process.Signal(os.Interrupt))
	s.once.Do(func() { _ = s.cmd.Wait() })
}

type client struct {
	http *http.Client
	base string
}

func loginClient(t *testing.T, base, email string) *client {
	jar, _ := cookiejar.New(nil)
	c := &client{http: &http.Client{Jar: jar, Timeout: 30 * time.Second}, base: base}
	resp, err := c.http.PostForm(base+"/api/method/login", url.Values{"usr": {email}, "pwd": {demo.Password}})
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, 200, resp.StatusCode)
	return c
}

type card struct {
	ID            string `json:"id"`
	CorrectAnswer string `json:"correct_answer"`
}

func (c *client) session(t *testing.T) []card {
	resp, err := c.http.Get(c.base + "/api/method/memora.api.reviews.get_review_session")
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, 200, resp.StatusCode)
	var body struct {
		Message struct {
			Questions []card `json:"questions"`
		} `json:"message"`
	}
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&body))
	return body.Message.Questions
}

// submit sends one session answering question and returns the message (or the error body)
// and the status; status 0 means no answer came back (the server was killed).
func (c *client) submit(sessionID string, question card) (json.RawMessage, int) {
	body, _ := json.Marshal(map[string]any{"session_data": map[string]any{
		"answers":      []map[string]any{{"question_id": question.ID, "answer": question.CorrectAnswer, "time_spent_ms": 2500}},
		"session_meta": map[string]any{"session_id": sessionID}}})
	resp, err := c.http.Post(c.base+"/api/method/memora.api.reviews.submit_review_session", "application/json", bytes.NewReader(body))
	if err != nil {
		return nil, 0
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, 0
	}
	var msg struct {
		Message json.RawMessage `json:"message"`
	}
	if resp.StatusCode != 200 || json.Unmarshal(raw, &msg) != nil {
		return raw, resp.StatusCode
	}
	return msg.Message, resp.StatusCode
}

// submitUntilKilled keeps eight submitters busy and calls kill as soon as n sessions were
// acknowledged; it returns every acknowledged session.
func (c *client) submitUntilKilled(t *testing.T, cards []card, n int, kill func()) map[string]ack {
	var mu sync.Mutex
	acked := map[string]ack{}
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				id := fmt.Sprintf("crash-%d-%d", w, i)
				q := cards[(w+i)%len(cards)]
				res, status := c.submit(id, q)
				if status != 200 {
					if status != 0 {
						t.Errorf("submit %s: %d %s", id, status, res)
					}
					return
				}
				mu.Lock()
				acked[id] = ack{card: q, response: res}
				done := len(acked) >= n
				mu.Unlock()
				if done {
					kill()
					return
				}
			}
		}()
	}
	wg.Wait()
	return acked
}
