// Package engine opens the store named by a database URL: PostgreSQL for postgres:// URLs,
// SQLite for anything else (a file path or sqlite: URL), the embedded default.
package engine

import (
	"context"
	"log/slog"
	"strings"

	"memora/internal/store"
	"memora/internal/store/litestore"
	"memora/internal/store/pgstore"
)

// DefaultSQLitePath is where the embedded database lives when no URL is configured.
const DefaultSQLitePath = "./data/memora.db"

// Options tunes both engines' pools. PostgresReplicaURL, Logger and ReplicaUp are
// PostgreSQL's read replica (pgstore.Options).
type Options struct {
	PostgresMaxConns   int32
	PostgresMinConns   int32 // connections kept open even when idle (pgstore.Options.MinConns)
	SQLiteReaders      int
	PostgresReplicaURL string
	Logger             *slog.Logger
	ReplicaUp          func(up bool)
}

// Open opens the store and applies migrations.
func Open(ctx context.Context, url string, opts Options) (store.Store, error) {
	if IsPostgres(url) {
		return pgstore.Open(ctx, url, pgstore.Options{MaxConns: opts.PostgresMaxConns, MinConns: opts.PostgresMinConns,
			ReplicaURL: opts.PostgresReplicaURL, Logger: opts.Logger, ReplicaUp: opts.ReplicaUp})
	}
	return litestore.Open(ctx, SQLitePath(url), litestore.Options{Readers: opts.SQLiteReaders})
}

// IsPostgres reports whether url names a PostgreSQL database.
func IsPostgres(url string) bool {
	return strings.HasPrefix(url, "postgres://") || strings.HasPrefix(url, "postgresql://")
}

// SQLitePath turns "", "sqlite:path", "sqlite://path", "file:path" or a plain path into a
// file path. Driver options in a query string are dropped: the store sets its own pragmas.
func SQLitePath(url string) string {
	if url == "" {
		return DefaultSQLitePath
	}
	for _, prefix := range []string{"sqlite://", "sqlite:", "file://", "file:"} {
		if strings.HasPrefix(url, prefix) {
			url = strings.TrimPrefix(url, prefix)
			break
		}
	}
	path, _, _ := strings.Cut(url, "?")
	return path
}
