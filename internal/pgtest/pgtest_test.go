package pgtest_test

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5"

	"memora/internal/pgtest"
)

func exec(t *testing.T, url, sql string) {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatalf("connect %s: %v", url, err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, sql); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}

func count(t *testing.T, url string) int {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatalf("connect %s: %v", url, err)
	}
	defer conn.Close(ctx)
	var n int
	if err := conn.QueryRow(ctx, "SELECT count(*) FROM t").Scan(&n); err != nil {
		t.Fatalf("count: %v", err)
	}
	return n
}

// A primary survives a clean restart and a kill with its committed rows, and a replica
// streams them and refuses writes.
func TestPrimaryAndReplica(t *testing.T) {
	p := pgtest.StartPrimary(t)
	exec(t, p.URL(), "CREATE TABLE t (id int); INSERT INTO t VALUES (1)")

	r := pgtest.StartReplica(t, p)
	if n := count(t, r.URL()); n != 1 {
		t.Fatalf("replica has %d rows after the base backup, want 1", n)
	}
	exec(t, p.URL(), "INSERT INTO t VALUES (2)")
	r.WaitCaughtUp()
	if n := count(t, r.URL()); n != 2 {
		t.Fatalf("replica has %d rows after catching up, want 2", n)
	}
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, r.URL())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(ctx, "INSERT INTO t VALUES (3)"); err == nil {
		t.Fatal("the replica took a write")
	}
	conn.Close(ctx)

	p.Restart()
	exec(t, p.URL(), "INSERT INTO t VALUES (3)")
	p.Kill()
	if p.Running() {
		t.Fatal("killed primary still running")
	}
	p.Start()
	if n := count(t, p.URL()); n != 3 {
		t.Fatalf("primary has %d rows after kill and start, want 3", n)
	}
	r.WaitStreaming()
	r.WaitCaughtUp()
	if n := count(t, r.URL()); n != 3 {
		t.Fatalf("replica has %d rows after the primary's restart, want 3", n)
	}
	r.Stop()
	r.Start()
	r.WaitStreaming()
}
