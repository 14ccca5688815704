package pgstore

import (
	"context"

	"memora/internal/store"
)

// Setting reads a run-time setting through tx, an executor of this store: what the
// statements sent through it run under.
func Setting(ctx context.Context, tx store.Executor, name string) (string, error) {
	var v string
	err := tx.(executor).db.QueryRow(ctx, "SELECT current_setting($1)", name).Scan(&v)
	return v, err
}
