// Package migrations holds the goose migrations of both engines (same version numbers) and
// applies them.
package migrations

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"

	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"

	"memora/internal/store"
)

//go:embed postgres/*.sql sqlite/*.sql
var files embed.FS

// Apply brings the schema up to date. It is safe to run concurrently from several
// processes on PostgreSQL (advisory lock) and a no-op when nothing is pending.
func Apply(ctx context.Context, db *sql.DB, engine store.Engine) error {
	p, err := provider(db, engine)
	if err != nil {
		return err
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("migrate %s: %w", engine, err)
	}
	return nil
}

// Version reports the current schema version.
func Version(ctx context.Context, db *sql.DB, engine store.Engine) (int64, error) {
	p, err := provider(db, engine)
	if err != nil {
		return 0, err
	}
	return p.GetDBVersion(ctx)
}

func provider(db *sql.DB, engine store.Engine) (*goose.Provider, error) {
	dir, dialect := "sqlite", goose.DialectSQLite3
	var opts []goose.ProviderOption
	if engine == store.Postgres {
		dir, dialect = "postgres", goose.DialectPostgres
		locker, err := lock.NewPostgresSessionLocker()
		if err != nil {
			return nil, fmt.Errorf("migrate: locker: %w", err)
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	}
	sub, err := fs.Sub(files, dir)
	if err != nil {
		return nil, fmt.Errorf("migrate: %w", err)
	}
	p, err := goose.NewProvider(dialect, db, sub, opts...)
	if err != nil {
		return nil, fmt.Errorf("migrate: provider: %w", err)
	}
	return p, nil
}
