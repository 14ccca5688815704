package pgstore

import (
	"context"

	"memora/internal/store"
	"memora/internal/store/pgstore/pgdb"
)

// Exec runs sql through tx, an executor of this store.
func Exec(ctx context.Context, tx store.Executor, sql string) error {
	_, err := tx.(executor).db.Exec(ctx, sql)
	return err
}

// Nested runs an empty nested transaction (a savepoint) in tx.
func Nested(ctx context.Context, tx store.Executor) error {
	return tx.(executor).inWrite(ctx, func(*pgdb.Queries) error { return nil })
}
