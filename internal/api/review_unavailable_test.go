package api_test

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"memora/internal/apitest"
	"memora/internal/store"
	"memora/internal/store/storetest"
)

// Issue 13.4: while PostgreSQL is unavailable, submit_review_session answers 503 with
// Retry-After (clients retry), not 500. The test takes its own database away — it refuses
// new connections and its connections are terminated — and touches no other database.
func TestSubmitReviewSessionWhileThePostgreSQLDatabaseIsUnavailableIs503WithRetryAfter(t *testing.T) {
	t.Parallel()
	base := os.Getenv(storetest.PostgresURLEnv)
	if base == "" {
		t.Skip("needs PostgreSQL: set " + storetest.PostgresURLEnv)
	}
	env := apitest.New(t, store.Postgres)
	w := seedReview(t, env, store.SchedulerFSRS)
	c, u := w.student("s@x.test")
	past := apitest.Start.Add(-time.Hour)
	w.put(w.item(u.ID, "l1-quiz", 1, past, nil))
	ctx := context.Background()
	pool := env.Store.(interface{ Pool() *pgxpool.Pool }).Pool()
	var name string
	require.NoError(t, pool.QueryRow(ctx, "SELECT current_database()").Scan(&name))
	admin, err := pgx.Connect(ctx, base)
	require.NoError(t, err)
	t.Cleanup(func() { _ = admin.Close(ctx) })
	ident := pgx.Identifier{name}.Sanitize()

	path := apitest.Method("reviews", "submit_review_session")
	answer := reviewAnswer{QuestionID: "l1-quiz", Answer: quizCorrect}
	down := func() {
		_, err := admin.Exec(ctx, "ALTER DATABASE "+ident+" ALLOW_CONNECTIONS false")
		require.NoError(t, err)
		_, err = admin.Exec(ctx, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", name)
		require.NoError(t, err)
	}
	up := func() {
		_, err := admin.Exec(ctx, "ALTER DATABASE "+ident+" ALLOW_CONNECTIONS true")
		require.NoError(t, err)
	}
	t.Cleanup(up)
	for i := range 3 {
		down()
		r := c.Post(path, reviewBody("down-"+string(rune('a'+i)), "", answer))
		require.Equal(t, 503, r.Status, r.Body)
		require.NotEmpty(t, r.Header.Get("Retry-After"), "a 503 says when to retry")
		require.NotContains(t, r.Body, name, "no connection details reach the client")
		up()
	}
	// Taken away in the middle of the submission's transaction (waiting for the player's
	// lock, held here).
	holder, err := pgx.Connect(ctx, pool.Config().ConnConfig.ConnString())
	require.NoError(t, err)
	t.Cleanup(func() { _ = holder.Close(ctx) })
	tx, err := holder.Begin(ctx)
	require.NoError(t, err)
	_, err = tx.Exec(ctx, "SELECT user_id FROM player_profiles WHERE user_id = $1 FOR UPDATE", u.ID)
	require.NoError(t, err)
	done := make(chan apitest.Response, 1)
	go func() { done <- c.Post(path, reviewBody("mid-tx", "", answer)) }()
	require.Eventually(t, func() bool {
		var n int
		err := admin.QueryRow(ctx, "SELECT count(*) FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock'", name).Scan(&n)
		return err == nil && n > 0
	}, 10*time.Second, 20*time.Millisecond)
	down()
	r := <-done
	require.Equal(t, 503, r.Status, r.Body)
	require.NotEmpty(t, r.Header.Get("Retry-After"))
	up()

	// Back: the same submission is recorded once.
	res := reviewSubmit(t, c, reviewBody("down-a", "", answer))
	require.Equal(t, 10, res.XPEarned)
}
