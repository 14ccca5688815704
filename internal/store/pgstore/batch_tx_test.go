package pgstore_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"memora/internal/store"
	"memora/internal/store/pgstore"
	"memora/internal/store/storetest"
)

// A batched transaction's BEGIN goes with its first batch (or alone before a first single
// statement): what follows is in the transaction, committed together or not at all, and a
// failed one leaves its connection usable.
func TestInTxBatched(t *testing.T) {
	s, _ := storetest.OpenPostgres(t)
	ctx := context.Background()
	require.NoError(t, s.InTx(ctx, func(tx store.Executor) error {
		return pgstore.Exec(ctx, tx, "CREATE TABLE batched (n int)")
	}))
	rows := func() int {
		t.Helper()
		var n int
		require.NoError(t, s.Pool().QueryRow(ctx, "SELECT count(*) FROM batched").Scan(&n))
		return n
	}
	firstBatch := func(tx store.Executor) error { // one statement, sent as a batch
		_, err := tx.SessionWrite(ctx, store.SessionWrite{Scores: &store.ScoresRead{UserID: 1, From: time.Now(), To: time.Now()}})
		return err
	}
	failed := errors.New("failed")

	// Led by a batch: committed together, or rolled back together.
	require.NoError(t, s.InTxBatched(ctx, func(tx store.Executor) error {
		return errors.Join(firstBatch(tx), pgstore.Exec(ctx, tx, "INSERT INTO batched VALUES (1)"))
	}))
	require.Equal(t, 1, rows())
	err := s.InTxBatched(ctx, func(tx store.Executor) error {
		require.NoError(t, firstBatch(tx))
		require.NoError(t, pgstore.Exec(ctx, tx, "INSERT INTO batched VALUES (2)"))
		return failed
	})
	require.ErrorIs(t, err, failed)
	require.Equal(t, 1, rows(), "the batch began the transaction")

	// Led by a single statement.
	err = s.InTxBatched(ctx, func(tx store.Executor) error {
		require.NoError(t, pgstore.Exec(ctx, tx, "INSERT INTO batched VALUES (3)"))
		return failed
	})
	require.ErrorIs(t, err, failed)
	require.Equal(t, 1, rows())

	// A statement that failed on the server, its error swallowed: the commit reports it.
	err = s.InTxBatched(ctx, func(tx store.Executor) error {
		_ = firstBatch(tx)
		_ = pgstore.Exec(ctx, tx, "INSERT INTO batched VALUES ('x')")
		return nil
	})
	require.ErrorIs(t, err, pgx.ErrTxCommitRollback)

	// No savepoints; nothing sent, nothing to commit.
	require.Error(t, s.InTxBatched(ctx, func(tx store.Executor) error { return pgstore.Nested(ctx, tx) }))
	require.NoError(t, s.InTxBatched(ctx, func(store.Executor) error { return nil }))

	// A failure inside the first batch (no profile to lock; a statement the server refuses),
	// on every connection of the pool (MaxConns 8): each is left usable.
	bad := store.ReviewLogEntry{UserID: 1, SeasonID: "s", QuestionID: "q", Source: store.XPFromReview, Rating: 5,
		DueAfter: time.Now(), ReviewedAt: time.Now()}
	for range 10 {
		err := s.InTxBatched(ctx, func(tx store.Executor) error { return tx.PlayerLock(ctx, 1) })
		require.ErrorIs(t, err, store.ErrNotFound)
		err = s.InTxBatched(ctx, func(tx store.Executor) error {
			_, err := tx.SessionWrite(ctx, store.SessionWrite{Log: []store.ReviewLogEntry{bad}})
			return err
		})
		require.ErrorContains(t, err, "rating")
	}
	for range 10 {
		require.NoError(t, s.InTxBatched(ctx, func(tx store.Executor) error {
			return errors.Join(firstBatch(tx), pgstore.Exec(ctx, tx, "INSERT INTO batched VALUES (4)"))
		}))
	}
	require.Equal(t, 11, rows())
}
