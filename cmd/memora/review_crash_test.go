package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"memora/internal/store"
	"memora/internal/store/engine"
	"memora/internal/store/storetest"
)

// TestReviewsSurviveSIGKILL builds the binary, loads the demo, and has the demo student submit
// review sessions from several goroutines; the server is SIGKILLed right after the 40th
// acknowledgement, with submissions still in flight. Restarted on the same database, every
// acknowledged session is there — its memory state and review log — and retrying it returns
// the first answer. On SQLite always, and on a fresh PostgreSQL database when
// MEMORA_TEST_DATABASE_URL is set.
func TestReviewsSurviveSIGKILL(t *testing.T) {
	t.Parallel()
	bin := memoraBinary(t)
	for _, e := range storetest.Engines() {
		t.Run(string(e), func(t *testing.T) {
			dbURL := "sqlite:" + filepath.Join(t.TempDir(), "memora.db")
			if e == store.Postgres {
				dbURL = storetest.NewPostgresDatabase(t, os.Getenv(storetest.PostgresURLEnv))
			}
			crashAndCheck(t, bin, dbURL)
		})
	}
}

func crashAndCheck(t *testing.T, bin, dbURL string) {
	env := append(os.Environ(), "MEMORA_ADDR=127.0.0.1:0", "MEMORA_DATABASE_URL="+dbURL, "MEMORA_REDIS_URL=",
		"MEMORA_LOG_LEVEL=error")
	load := exec.Command(bin, "demo")
	load.Env = env
	out, err := load.CombinedOutput()
	require.NoError(t, err, string(out))

	srv := startServer(t, bin, env)
	c := loginClient(t, srv.base, "layla@demo.memora.test")
	cards := c.session(t)
	require.NotEmpty(t, cards, "the demo student has reviews due")

	acked := c.submitUntilKilled(t, cards, 40, srv.kill)
	require.GreaterOrEqual(t, len(acked), 40)

	srv = startServer(t, bin, env)
	c = loginClient(t, srv.base, "layla@demo.memora.test")
	for id, first := range acked {
		again, status := c.submit(id, first.card)
		require.Equal(t, 200, status, "retry of %s: %s", id, again)
		require.JSONEq(t, string(first.response), string(again), "a retry returns the acknowledged answer")
	}
	srv.stop(t)
	requireDurable(t, dbURL, acked)
}

type ack struct {
	card     card
	response json.RawMessage
}

// requireDurable opens the database directly: every acknowledged session is stored with
// one review-log row, and its question's memory state was reviewed at or after it.
func requireDurable(t *testing.T, dbURL string, acked map[string]ack) {
	ctx := context.Background()
	st, err := engine.Open(ctx, dbURL, engine.Options{})
	require.NoError(t, err)
	defer st.Close()
	u, err := st.UserGetByEmail(ctx, "layla@demo.memora.test")
	require.NoError(t, err)
	season := "SEASON-2026"
	for id, a := range acked {
		sess, err := st.SessionGetByClientID(ctx, u.ID, id)
		require.NoError(t, err, id)
		require.Equal(t, store.SessionReview, sess.Kind)
		m, err := st.MemoryGet(ctx, u.ID, season, a.card.ID)
		require.NoError(t, err, id)
		require.NotNil(t, m.LastReview)
		require.False(t, m.LastReview.Before(sess.CreatedAt), "%s: memory reviewed at %s, session at %s", id, m.LastReview, sess.CreatedAt)
		require.Equal(t, 1, reviewLogRows(t, st, sess.ID), id)
	}
}

func reviewLogRows(t *testing.T, st store.Store, sessionID int64) int {
	var n int
	query := fmt.Sprintf("SELECT count(*) FROM review_log WHERE session_id = %d", sessionID)
	switch db := st.(type) {
	case interface{ Writer() *sql.DB }:
		require.NoError(t, db.Writer().QueryRow(query).Scan(&n))
	case interface{ Pool() *pgxpool.Pool }:
		require.NoError(t, db.Pool().QueryRow(context.Background(), query).Scan(&n))
	default:
		t.Fatalf("unknown store %T", st)
	}
	return n
}
