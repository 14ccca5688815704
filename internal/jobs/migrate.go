// Package jobs runs background work on River, on the same database as the data it concerns.
package jobs

import (
	"context"
	"fmt"

	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"

	"memora/internal/store"
	"memora/internal/store/litestore"
	"memora/internal/store/pgstore"
)

// Migrate applies River's own migrations to the store's database.
func Migrate(ctx context.Context, s store.Store) error {
	switch db := s.(type) {
	case *pgstore.Store:
		m, err := rivermigrate.New(riverpgxv5.New(db.Pool()), nil)
		if err != nil {
			return fmt.Errorf("river migrate: %w", err)
		}
		_, err = m.Migrate(ctx, rivermigrate.DirectionUp, nil)
		return wrapMigrate(err)
	case *litestore.Store:
		m, err := rivermigrate.New(riversqlite.New(db.Writer()), nil)
		if err != nil {
			return fmt.Errorf("river migrate: %w", err)
		}
		_, err = m.Migrate(ctx, rivermigrate.DirectionUp, nil)
		return wrapMigrate(err)
	default:
		return fmt.Errorf("river migrate: unsupported store %T", s)
	}
}

func wrapMigrate(err error) error {
	if err != nil {
		return fmt.Errorf("river migrate: %w", err)
	}
	return nil
}
