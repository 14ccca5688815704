package api_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"memora/internal/apitest"
	"memora/internal/config"
	"memora/internal/redistest"
	"memora/internal/review"
	"memora/internal/store"
)

// reviewWorld is one institution's review content: subject "hist", topic "revolt" with lesson
// "l1" (a reveal, a matching, a quiz and a reading stage), an unpublished lesson "l2", and a
// season of its own (so tests sharing a Redis never share keys).
type reviewWorld struct {
	t      testing.TB
	env    *apitest.Env
	season string
	// inst is the students' institution, named after the season so that the season's Redis
	// cleanup (redistest.Season) also drops its leaderboards (lb:{inst}:…) from a shared Redis.
	inst string
	ctx  context.Context
}

const (
	revealSentence = "The Great Arab Revolt began in 1916 in Mecca"
	quizCorrect    = "Sharif Hussein"
)

func seedReview(t testing.TB, env *apitest.Env, scheduler string) *reviewWorld {
	t.Helper()
	season := redistest.Season(t)
	w := &reviewWorld{t: t, env: env, season: season, inst: season, ctx: context.Background()}
	s, ctx := env.Store, w.ctx
	created := apitest.Start.Add(-30 * 24 * time.Hour)
	env.Institution(w.inst)
	require.NoError(t, s.SeasonUpsert(ctx, store.Season{ID: w.season, Title: "2026", StartDate: time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC),
		EndDate: time.Date(2027, 6, 30, 0, 0, 0, 0, time.UTC), IsActive: true, EnableRedis: true, Scheduler: scheduler,
		DesiredRetention: 0.9, GradeMapping: "binary", CreatedAt: created}))
	require.NoError(t, s.SubjectUpsert(ctx, store.Subject{ID: "hist", Title: "تاريخ", IsPublished: true, CreatedAt: created}))
	require.NoError(t, s.TrackUpsert(ctx, store.Track{ID: "hist-main", SubjectID: "hist", Title: "Main", IsDefault: true, IsPublished: true, CreatedAt: created}))
	require.NoError(t, s.UnitUpsert(ctx, store.Unit{ID: "hist-u1", SubjectID: "hist", TrackID: "hist-main", Title: "U1",
		StructureType: store.TopicBased, IsPublished: true, CreatedAt: created}))
	w.topic("revolt")
	w.lesson("l1", "revolt", true,
		store.Stage{ID: "l1-reveal", Title: "Reveal", Type: "reveal", Config: json.RawMessage(fmt.Sprintf(
			`{"sentence":%q,"highlights":[{"word":"Revolt","explanation":"x"},{"word":"1916","explanation":"x"},{"word":"Mecca","explanation":"x"}]}`,
			revealSentence))},
		store.Stage{ID: "l1-match", Title: "Match", Type: "matching", Config: json.RawMessage(
			`{"pairs":[{"id":"p1","left":"A","right":"a"},{"id":"p2","left":"B","right":"b"},{"id":"p3","left":"C","right":"c"}]}`)},
		store.Stage{ID: "l1-quiz", Title: "Quiz", Type: "quiz", Config: json.RawMessage(
			`{"question":"Who led the revolt?","options":["Sharif Hussein","Napoleon","Caesar"],"correct_index":0}`)},
		store.Stage{ID: "l1-read", Title: "Read", Type: "reading", Config: json.RawMessage(`{"body":"text"}`)})
	w.lesson("l2", "revolt", false, store.Stage{ID: "l2-quiz", Title: "Quiz", Type: "quiz", Config: json.RawMessage(
		`{"question":"?","options":["a","b"],"correct_index":1}`)})
	return w
}

func (w *reviewWorld) topic(id string) {
	w.t.Helper()
	require.NoError(w.t, w.env.Store.TopicUpsert(w.ctx, store.Topic{ID: id, UnitID: "hist-u1", Title: id, IsPublished: true,
		CreatedAt: apitest.Start.Add(-30 * 24 * time.Hour)}))
}

func (w *reviewWorld) lesson(id, topic string, published bool, stages ...store.Stage) {
	w.t.Helper()
	require.NoError(w.t, w.env.Store.LessonUpsert(w.ctx, store.Lesson{ID: id, UnitID: "hist-u1", TopicID: &topic, Title: "Lesson " + id,
		XPReward: 10, IsPublished: published, CreatedAt: apitest.Start.Add(-30 * 24 * time.Hour)}))
	require.NoError(w.t, w.env.Store.StagesReplace(w.ctx, id, stages))
}

// bigReveal adds a published lesson in topic with one reveal stage of n highlights, whose
// questions are "<stage>:0" … "<stage>:n-1"; it returns the stage id.
func (w *reviewWorld) bigReveal(topic string, n int) string {
	w.t.Helper()
	words := make([]string, n)
	highlights := make([]string, n)
	for i := range words {
		words[i] = fmt.Sprintf("w%d", i)
		highlights[i] = fmt.Sprintf(`{"word":"w%d","explanation":"e"}`, i)
	}
	stage := topic + "-reveal"
	w.topic(topic)
	w.lesson(topic+"-lesson", topic, true, store.Stage{ID: stage, Title: "Reveal", Type: "reveal", Config: json.RawMessage(
		fmt.Sprintf(`{"sentence":%q,"highlights":[%s]}`, strings.Join(words, " "), strings.Join(highlights, ",")))})
	return stage
}

// student logs a new student in with a profile in the world's season.
func (w *reviewWorld) student(email string) (*apitest.Client, store.User) {
	w.t.Helper()
	c, u := w.env.LoginAs(email, w.inst)
	require.NoError(w.t, w.env.Store.ProfileUpsert(w.ctx, store.PlayerProfile{UserID: u.ID, SeasonID: &w.season, Hearts: 5,
		CreatedAt: apitest.Start, UpdatedAt: apitest.Start}))
	return c, u
}

// item is a memory row of the world's season in subject hist and topic revolt.
func (w *reviewWorld) item(userID int64, question string, level int, due time.Time, lastReview *time.Time) store.MemoryState {
	subject, topic := "hist", "revolt"
	return store.MemoryState{UserID: userID, SeasonID: w.season, QuestionID: question, SubjectID: &subject, TopicID: &topic,
		Level: level, State: 2, Stability: 5, Difficulty: 5, Due: due, LastReview: lastReview, Reps: 1,
		CreatedAt: apitest.Start.Add(-10 * 24 * time.Hour), UpdatedAt: apitest.Start.Add(-10 * 24 * time.Hour)}
}

func (w *reviewWorld) put(items ...store.MemoryState) {
	w.t.Helper()
	require.NoError(w.t, w.env.Store.MemoryUpsert(w.ctx, items))
}

func (w *reviewWorld) memory(userID int64, question string) store.MemoryState {
	w.t.Helper()
	m, err := w.env.Store.MemoryGet(w.ctx, userID, w.season, question)
	require.NoError(w.t, err)
	return m
}

func reviewGet(t *testing.T, c *apitest.Client, params map[string]string) review.Session {
	t.Helper()
	r := c.Get(apitest.Method("reviews", "get_review_session"), params)
	require.Equal(t, 200, r.Status, r.Body)
	var s review.Session
	r.Message(t, &s)
	return s
}

func reviewCardIDs(s review.Session) []string {
	out := make([]string, len(s.Questions))
	for i, c := range s.Questions {
		out[i] = c.ID
	}
	return out
}

// answer is one submitted answer; a nil duration is left out.
type reviewAnswer struct {
	QuestionID  string `json:"question_id"`
	Answer      any    `json:"answer,omitempty"`
	IsCorrect   *bool  `json:"is_correct,omitempty"`
	TimeSpentMs *int   `json:"time_spent_ms,omitempty"`
}

func reviewMs(v int) *int { return &v }

func reviewBody(sessionID, topic string, answers ...reviewAnswer) map[string]any {
	meta := map[string]any{"session_id": sessionID, "subject": "hist"}
	if topic != "" {
		meta["topic"] = topic
	}
	return map[string]any{"session_data": map[string]any{"answers": answers, "session_meta": meta, "total_combo": 99,
		"completion_time_ms": 12000}}
}

func reviewSubmit(t *testing.T, c *apitest.Client, body map[string]any) review.Result {
	t.Helper()
	r := c.Post(apitest.Method("reviews", "submit_review_session"), body)
	require.Equal(t, 200, r.Status, r.Body)
	var res review.Result
	r.Message(t, &res)
	return res
}

// withRedis points the app at a Redis (the shared test server unless url is given).
func reviewRedis(url string) func(*config.Config) {
	return func(c *config.Config) {
		c.RedisURL = url
		c.Redis = config.Redis{Addrs: []string{url}}
		c.RedisFailures = 3 // the outage tests count the calls that open the breaker
	}
}

// count runs a SELECT count(*) with one user-id argument on either engine.
func reviewCount(t *testing.T, env *apitest.Env, query string, userID int64) int {
	t.Helper()
	var n int
	switch db := env.Store.(type) {
	case interface{ Writer() *sql.DB }:
		require.NoError(t, db.Writer().QueryRow(strings.ReplaceAll(query, "$1", "?"), userID).Scan(&n))
	case interface{ Pool() *pgxpool.Pool }:
		require.NoError(t, db.Pool().QueryRow(context.Background(), query, userID).Scan(&n))
	default:
		t.Fatalf("unknown store %T", env.Store)
	}
	return n
}
