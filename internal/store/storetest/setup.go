// Package storetest is the conformance suite both engines must pass, and the helpers every
// package's tests use to get a real, empty, migrated database: SQLite always, PostgreSQL
// when MEMORA_TEST_DATABASE_URL is set (and then it must be reachable: tests fail, not skip).
package storetest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"memora/internal/store"
	"memora/internal/store/litestore"
	"memora/internal/store/pgstore"
)

// PostgresURLEnv names the variable holding the test server URL.
const PostgresURLEnv = "MEMORA_TEST_DATABASE_URL"

// Engines lists the engines tests run on here.
func Engines() []store.Engine {
	if os.Getenv(PostgresURLEnv) != "" {
		return []store.Engine{store.SQLite, store.Postgres}
	}
	return []store.Engine{store.SQLite}
}

// Each runs fn as a subtest on a fresh store of every engine.
func Each(t *testing.T, fn func(t *testing.T, s store.Store)) {
	t.Helper()
	for _, e := range Engines() {
		t.Run(string(e), func(t *testing.T) {
			fn(t, Open(t, e))
		})
	}
}

// Open returns a fresh migrated store of the engine, closed (and dropped) at cleanup.
func Open(t testing.TB, e store.Engine) store.Store {
	t.Helper()
	if e == store.Postgres {
		s, _ := OpenPostgres(t)
		return s
	}
	s, err := litestore.Open(context.Background(), filepath.Join(t.TempDir(), "memora.db"), litestore.Options{})
	if err != nil {
		t.Fatalf("open sqlite: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// OpenPostgres returns a fresh, migrated PostgreSQL store and its URL.
func OpenPostgres(t testing.TB) (*pgstore.Store, string) {
	t.Helper()
	base := os.Getenv(PostgresURLEnv)
	if base == "" {
		t.Fatalf("%s is not set", PostgresURLEnv)
	}
	url := NewPostgresDatabase(t, base)
	s, err := pgstore.Open(context.Background(), url, pgstore.Options{MaxConns: 8})
	if err != nil {
		t.Fatalf("open postgres: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s, url
}

// NewPostgresDatabase creates an empty database on the server of base and returns its URL;
// it is dropped at cleanup. Opening it applies the migrations.
func NewPostgresDatabase(t testing.TB, base string) string {
	t.Helper()
	ctx := context.Background()
	name := "memora_t_" + randomSuffix()
	if err := adminExec(ctx, base, "CREATE DATABASE "+name); err != nil {
		t.Fatalf("create test database (is %s reachable?): %v", PostgresURLEnv, err)
	}
	t.Cleanup(func() { _ = adminExec(ctx, base, fmt.Sprintf("DROP DATABASE IF EXISTS %s WITH (FORCE)", name)) })
	return withDatabase(base, name)
}

func adminExec(ctx context.Context, base, sql string) error {
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		return fmt.Errorf("connect %s: %w", redact(base), err)
	}
	defer conn.Close(ctx)
	_, err = conn.Exec(ctx, sql)
	return err
}

// withDatabase replaces the database name in a postgres URL.
func withDatabase(base, name string) string {
	cfg, err := pgx.ParseConfig(base)
	if err != nil {
		return base
	}
	rest := ""
	if i := strings.Index(base, "?"); i >= 0 {
		rest = base[i:]
	}
	user := cfg.User
	if cfg.Password != "" {
		user += ":" + cfg.Password
	}
	return fmt.Sprintf("postgres://%s@%s:%d/%s%s", user, cfg.Host, cfg.Port, name, rest)
}

func redact(url string) string {
	if i := strings.Index(url, "@"); i >= 0 {
		return "postgres://…" + url[i:]
	}
	return url
}

func randomSuffix() string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
