package pgstore_test

import (
	"context"
	"testing"

	"memora/internal/store"
	"memora/internal/store/pgstore"
	"memora/internal/store/storetest"
)

// A player's transaction runs generic plans from its lock on (PlayerLock, or SessionOpen,
// which starts with it), and only it: the setting ends with the transaction, so the next
// one on the same connection plans as usual.
func TestThePlayersLockMakesTheRestOfItsTransactionRunGenericPlans(t *testing.T) {
	s, _ := storetest.OpenPostgres(t)
	ctx := context.Background()
	setting := func(tx store.Executor) string {
		t.Helper()
		v, err := pgstore.Setting(ctx, tx, "plan_cache_mode")
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	var before, after string
	err := s.InTx(ctx, func(tx store.Executor) error {
		before = setting(tx)
		// No profile: the lock finds no row, but the batch's first statement has run.
		_, err := tx.SessionOpen(ctx, store.SessionOpen{UserID: 1, SeasonID: "none", QuestionIDs: []string{"q"}})
		after = setting(tx)
		return err
	})
	if err == nil {
		t.Fatal("the lock of a player without a profile succeeded")
	}
	if before != "auto" || after != "force_generic_plan" {
		t.Fatalf("plan_cache_mode before/after SessionOpen = %q/%q, want auto/force_generic_plan", before, after)
	}
	err = s.InTx(ctx, func(tx store.Executor) error {
		before = setting(tx)
		err := tx.PlayerLock(ctx, 1)
		after = setting(tx)
		return err
	})
	if err == nil {
		t.Fatal("the lock of a player without a profile succeeded")
	}
	if before != "auto" || after != "force_generic_plan" {
		t.Fatalf("plan_cache_mode before/after PlayerLock = %q/%q, want auto/force_generic_plan", before, after)
	}
	var next string
	for range 8 { // every connection of the pool (MaxConns 8)
		if err := s.InTx(ctx, func(tx store.Executor) error { next = setting(tx); return nil }); err != nil {
			t.Fatal(err)
		}
		if next != "auto" {
			t.Fatalf("plan_cache_mode in a later transaction = %q, want auto", next)
		}
	}
}
