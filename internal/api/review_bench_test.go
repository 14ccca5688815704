package api_test

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"memora/internal/apitest"
	"memora/internal/config"
	"memora/internal/redistest"
	"memora/internal/store"
	"memora/internal/store/storetest"
)

// benchLessons is the size of the benchmark content: 100 lessons of a reveal (3 highlights),
// a matching (3 pairs) and a quiz stage — 700 memory items per student, 175 of them due.
const benchLessons = 100

// benchReviews starts a server (with Redis when redisURL is set) and a student with a
// realistic schedule, through the real HTTP stack.
func benchReviews(b *testing.B, e store.Engine, redisURL string) (*reviewWorld, *apitest.Client, []string) {
	b.Helper()
	var opts []func(*config.Config)
	if redisURL != "" {
		opts = append(opts, reviewRedis(redisURL))
	}
	env := apitest.New(b, e, opts...)
	w := seedReview(b, env, store.SchedulerFSRS)
	c, u := w.student("bench@x.test")
	var items []store.MemoryState
	var questions []string
	for l := range benchLessons {
		id := fmt.Sprintf("b%03d", l)
		w.lesson(id, "revolt", true,
			store.Stage{ID: id + "-r", Title: "R", Type: "reveal", Config: json.RawMessage(
				`{"sentence":"one two three four","highlights":[{"word":"one","explanation":"x"},{"word":"two","explanation":"x"},{"word":"three","explanation":"x"}]}`)},
			store.Stage{ID: id + "-m", Title: "M", Type: "matching", Config: json.RawMessage(
				`{"pairs":[{"id":"1","left":"A","right":"a"},{"id":"2","left":"B","right":"b"},{"id":"3","left":"C","right":"c"}]}`)},
			store.Stage{ID: id + "-q", Title: "Q", Type: "quiz", Config: json.RawMessage(
				`{"question":"?","options":["x","y","z"],"correct_index":1}`)})
		for _, q := range []string{id + "-r:0", id + "-r:1", id + "-r:2", id + "-m:0", id + "-m:1", id + "-m:2", id + "-q"} {
			due := apitest.Start.Add(time.Duration(len(items)-175) * time.Hour) // the first 175 are due
			items = append(items, w.item(u.ID, q, 2, due, nil))
			questions = append(questions, q)
		}
	}
	w.put(items...)
	return w, c, questions
}

func benchGetSession(b *testing.B, e store.Engine, redisURL string) {
	_, c, _ := benchReviews(b, e, redisURL)
	path := apitest.Method("reviews", "get_review_session")
	if r := c.Get(path, nil); r.Status != 200 || (redisURL != "" && strings.Contains(r.Body, `"is_degraded":true`)) {
		b.Fatalf("warm-up: %d %s", r.Status, r.Body)
	}
	b.ResetTimer()
	for b.Loop() {
		if r := c.Get(path, nil); r.Status != 200 {
			b.Fatalf("%d %s", r.Status, r.Body)
		}
	}
}

// BenchmarkReviewGetSession is one get_review_session over HTTP on loopback: 15 due cards of a
// student with 700 items. "db" reads the indexed due query (the embedded mode); "redis"
// reads the cached schedule (ZRANGEBYSCORE + TTL refresh) and fetches the rows by key.
func BenchmarkReviewGetSession(b *testing.B) {
	for _, e := range storetest.Engines() {
		b.Run(string(e)+"/db", func(b *testing.B) { benchGetSession(b, e, "") })
		if url := os.Getenv(redistest.URLEnv); url != "" {
			b.Run(string(e)+"/redis", func(b *testing.B) { benchGetSession(b, e, url) })
		}
	}
}

// BenchmarkReviewSubmit is one submit_review_session of 10 answers over HTTP: grading, one
// transaction (session, 10 memory states, 10 review-log rows, XP) and, with Redis, the
// schedule update after the commit.
func BenchmarkReviewSubmit(b *testing.B) {
	for _, e := range storetest.Engines() {
		b.Run(string(e)+"/db", func(b *testing.B) { benchSubmit(b, e, "") })
		if url := os.Getenv(redistest.URLEnv); url != "" {
			b.Run(string(e)+"/redis", func(b *testing.B) { benchSubmit(b, e, url) })
		}
	}
}

func benchSubmit(b *testing.B, e store.Engine, redisURL string) {
	_, c, questions := benchReviews(b, e, redisURL)
	path := apitest.Method("reviews", "submit_review_session")
	i := 0
	for b.Loop() {
		answers := make([]reviewAnswer, 10)
		for j := range answers {
			answers[j] = reviewAnswer{QuestionID: questions[(i*10+j)%len(questions)], Answer: "A", TimeSpentMs: reviewMs(2500)}
		}
		if r := c.Post(path, reviewBody(fmt.Sprintf("bench-%d", i), "", answers...)); r.Status != 200 {
			b.Fatalf("%d %s", r.Status, r.Body)
		}
		i++
	}
}
