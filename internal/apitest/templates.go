package apitest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"

	"memora/internal/app"
	"memora/internal/clock"
	"memora/internal/config"
	"memora/internal/identity"
	"memora/internal/store"
	"memora/internal/store/storetest"
)

// fixtures are what a test process prepares once and every test copies: a migrated database
// per engine (a SQLite file, a PostgreSQL template database) and the hash of Password.
// Templates are used only under Main, which removes them when the tests are done.
type fixtures struct {
	enabled bool
	dir     string // holds the SQLite template

	sqliteOnce sync.Once
	sqliteFile string
	sqliteErr  error

	pgOnce sync.Once
	pgBase string // server URL
	pgName string // template database
	pgErr  error
	pgMu   sync.Mutex // one CREATE DATABASE … TEMPLATE at a time

	hashOnce sync.Once
	hash     string
	hashErr  error
}

var shared fixtures

// Main runs a package's tests with the shared templates and prints how many responses were
// checked against the OpenAPI document. Call it from TestMain: os.Exit(apitest.Main(m)).
func Main(m *testing.M) int {
	dir, err := os.MkdirTemp("", "memora-apitest-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "apitest:", err)
		return 1
	}
	shared.enabled, shared.dir = true, dir
	code := m.Run()
	if n := Validated(); n > 0 {
		fmt.Printf("apitest: %d responses validated against the OpenAPI document\n", n)
	}
	if shared.pgName != "" {
		_ = adminExec(context.Background(), shared.pgBase, "DROP DATABASE IF EXISTS "+shared.pgName+" WITH (FORCE)")
	}
	_ = os.RemoveAll(dir)
	return code
}

// databaseURL is a fresh database of engine e for one test: a copy of the migrated template
// under Main, else an empty database that opening migrates.
func databaseURL(t testing.TB, e store.Engine) string {
	t.Helper()
	if e == store.Postgres {
		return postgresURL(t)
	}
	path := filepath.Join(t.TempDir(), "memora.db")
	if !shared.enabled {
		return "sqlite:" + path
	}
	shared.sqliteOnce.Do(func() { shared.sqliteFile, shared.sqliteErr = sqliteTemplate() })
	if shared.sqliteErr != nil {
		t.Fatalf("sqlite template: %v", shared.sqliteErr)
	}
	for _, suffix := range []string{"", "-wal"} {
		if err := copyFile(shared.sqliteFile+suffix, path+suffix); err != nil && !os.IsNotExist(err) {
			t.Fatalf("copy sqlite template: %v", err)
		}
	}
	return "sqlite:" + path
}

func sqliteTemplate() (string, error) {
	path := filepath.Join(shared.dir, "template.db")
	return path, migrate("sqlite:" + path)
}

// migrate opens the app once over url, which applies every migration, and closes it.
func migrate(url string) error {
	cfg, err := config.Parse(map[string]string{"MEMORA_DATABASE_URL": url, "MEMORA_LOG_LEVEL": "error", "MEMORA_PRIME": "false"})
	if err != nil {
		return err
	}
	a, err := app.Open(context.Background(), cfg, slog.New(slog.NewTextHandler(io.Discard, nil)), clock.NewFake(Start))
	if err != nil {
		return err
	}
	a.Close()
	return nil
}

func postgresURL(t testing.TB) string {
	t.Helper()
	base := os.Getenv(storetest.PostgresURLEnv)
	if base == "" {
		t.Fatalf("%s is not set", storetest.PostgresURLEnv)
	}
	if !shared.enabled {
		return storetest.NewPostgresDatabase(t, base)
	}
	shared.pgOnce.Do(func() {
		shared.pgBase, shared.pgName = base, "memora_tpl_"+randomSuffix()
		shared.pgErr = adminExec(context.Background(), base, "CREATE DATABASE "+shared.pgName)
		if shared.pgErr == nil {
			shared.pgErr = migrate(withDatabase(base, shared.pgName))
		}
	})
	if shared.pgErr != nil {
		t.Fatalf("postgres template (is %s reachable?): %v", storetest.PostgresURLEnv, shared.pgErr)
	}
	name := "memora_t_" + randomSuffix()
	shared.pgMu.Lock()
	err := adminExec(context.Background(), base, "CREATE DATABASE "+name+" TEMPLATE "+shared.pgName)
	shared.pgMu.Unlock()
	if err != nil {
		t.Fatalf("copy postgres template: %v", err)
	}
	t.Cleanup(func() {
		_ = adminExec(context.Background(), base, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
	})
	return withDatabase(base, name)
}

// passwordHash is the hash of Password, computed once: argon2id is slow on purpose.
func passwordHash(t testing.TB) string {
	t.Helper()
	shared.hashOnce.Do(func() { shared.hash, shared.hashErr = identity.HashPassword(Password) })
	if shared.hashErr != nil {
		t.Fatalf("hash password: %v", shared.hashErr)
	}
	return shared.hash
}

func adminExec(ctx context.Context, base, sql string) error {
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	_, err = conn.Exec(ctx, sql)
	return err
}

// withDatabase is base with its database name replaced.
func withDatabase(base, name string) string {
	u, err := url.Parse(base)
	if err != nil {
		return base
	}
	u.Path = "/" + name
	return u.String()
}

func copyFile(from, to string) error {
	src, err := os.Open(from)
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := os.Create(to)
	if err != nil {
		return err
	}
	if _, err := io.Copy(dst, src); err != nil {
		dst.Close()
		return err
	}
	return dst.Close()
}

func randomSuffix() string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
