package catalog

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"memora/internal/clock"
	"memora/internal/store"
	"memora/internal/store/litestore"
)

// replicaSpy records whether the content reads were allowed on a read replica.
type replicaSpy struct {
	store.Store
	replica []bool
}

func (s *replicaSpy) SubjectListByIDs(ctx context.Context, ids []string) ([]store.Subject, error) {
	s.replica = append(s.replica, store.ReplicaReads(ctx))
	return s.Store.SubjectListByIDs(ctx, ids)
}

// A content tree outlives the request that loads it: it is read from the primary even in a
// request whose reads may go to the replica, so a tree loaded just after an edit's
// invalidation is never one a lagging replica still had.
func TestContentTreesAreReadFromThePrimary(t *testing.T) {
	st, err := litestore.Open(context.Background(), filepath.Join(t.TempDir(), "m.db"), litestore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	spy := &replicaSpy{Store: st}
	svc := NewService(spy, clock.NewFake(time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)))
	if _, err := svc.loadTree(store.WithReplicaReads(context.Background()), "school", []string{"math"}); err != nil {
		t.Fatal(err)
	}
	if len(spy.replica) != 1 || spy.replica[0] {
		t.Fatalf("content reads allowed on the replica: %v", spy.replica)
	}
}
