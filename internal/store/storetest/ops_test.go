package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/stdlib"
	"github.com/stretchr/testify/require"

	"memora/internal/store"
	"memora/internal/store/litestore"
	"memora/internal/store/migrations"
	"memora/internal/store/pgstore"
)

func TestAuditLog(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		empty, err := s.AuditList(ctx, store.AuditListParams{})
		require.NoError(t, err)
		require.Empty(t, empty)

		entries := []store.AuditEntry{
			{InstitutionID: ptr("a"), ActorUserID: ptr(int64(1)), ActorEmail: "one@example.org", Action: "login", Target: "user:1",
				Detail: json.RawMessage(`{"ip":"10.0.0.1","ok":true}`), RemoteAddr: "10.0.0.1", CreatedAt: t0},
			{InstitutionID: ptr("a"), ActorUserID: ptr(int64(2)), Action: "logout", CreatedAt: t0.Add(time.Minute)},
			{InstitutionID: ptr("b"), Action: "login", CreatedAt: t0.Add(2 * time.Minute)},
			{ActorUserID: ptr(int64(1)), Action: "login", CreatedAt: t0.AddDate(100, 0, 0)},
		}
		for _, e := range entries {
			require.NoError(t, s.AuditInsert(ctx, e))
		}
		list := func(p store.AuditListParams) []int {
			t.Helper()
			got, err := s.AuditList(ctx, p)
			require.NoError(t, err)
			out := make([]int, len(got))
			for i, g := range got {
				require.Positive(t, g.ID)
				out[i] = -1
				for j, e := range entries {
					if g.Action == e.Action && g.CreatedAt.Equal(e.CreatedAt) {
						out[i] = j
					}
				}
			}
			return out
		}
		require.Equal(t, []int{3, 2, 1, 0}, list(store.AuditListParams{}), "newest first, zero Until is no bound")
		require.Equal(t, []int{1, 0}, list(store.AuditListParams{InstitutionID: ptr("a")}))
		require.Equal(t, []int{3, 0}, list(store.AuditListParams{ActorUserID: ptr(int64(1))}))
		require.Equal(t, []int{3, 2, 0}, list(store.AuditListParams{Action: "login"}))
		require.Equal(t, []int{2}, list(store.AuditListParams{Action: "login", InstitutionID: ptr("b")}))
		require.Equal(t, []int{3, 2, 1}, list(store.AuditListParams{Since: t0.Add(time.Minute)}), "Since is inclusive")
		require.Equal(t, []int{1, 0}, list(store.AuditListParams{Until: t0.Add(2 * time.Minute)}), "Until is exclusive")
		require.Equal(t, []int{1}, list(store.AuditListParams{Since: t0.Add(time.Second), Until: t0.Add(2 * time.Minute)}))
		require.Equal(t, []int{3, 2}, list(store.AuditListParams{Limit: 2}))
		require.Empty(t, list(store.AuditListParams{Action: "nope"}))
		require.Empty(t, list(store.AuditListParams{ActorUserID: ptr(int64(99))}))

		got, err := s.AuditList(ctx, store.AuditListParams{ActorUserID: ptr(int64(1)), Until: t0.Add(time.Hour)})
		require.NoError(t, err)
		require.Len(t, got, 1)
		require.JSONEq(t, string(entries[0].Detail), string(got[0].Detail))
		got[0].Detail, got[0].ID = entries[0].Detail, 0
		require.Equal(t, entries[0], got[0])

		got, err = s.AuditList(ctx, store.AuditListParams{InstitutionID: ptr("b")})
		require.NoError(t, err)
		require.Len(t, got, 1)
		require.JSONEq(t, `{}`, string(got[0].Detail), "an empty detail reads back as {}")
		require.Nil(t, got[0].ActorUserID)
	})
}

func TestAuditListLimit(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		require.NoError(t, s.InTx(ctx, func(tx store.Executor) error {
			for i := range 1005 {
				if err := tx.AuditInsert(ctx, store.AuditEntry{Action: "bulk", CreatedAt: t0.Add(time.Duration(i) * time.Millisecond)}); err != nil {
					return err
				}
			}
			return nil
		}))
		for limit, want := range map[int]int{0: 100, -1: 100, 7: 7, 1000: 1000, 1001: 1000, 5000: 1000} {
			got, err := s.AuditList(ctx, store.AuditListParams{Limit: limit})
			require.NoError(t, err)
			require.Len(t, got, want, "limit %d", limit)
			sameTime(t, t0.Add(1004*time.Millisecond), got[0].CreatedAt, "newest first")
		}
	})
}

// TestInTxRollback: a transaction whose function fails leaves nothing behind, including
// the multi-statement writes (which nest inside it), and returns the function's error.
func TestInTxRollback(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		boom := errors.New("boom")
		err := s.InTx(ctx, func(tx store.Executor) error {
			w := seed(t, txStore{tx, s}, "")
			require.NoError(t, tx.StagesReplace(ctx, w.Lesson, []store.Stage{{ID: "st", Title: "s", Type: "reading"}}))
			_, err := tx.SubscriptionInsert(ctx, store.Subscription{UserID: w.User.ID, SeasonID: w.Season, Type: store.SubscriptionGlobal,
				Status: store.SubscriptionActive, Access: []store.AccessRow{{Type: store.AccessGlobal}}, CreatedAt: t0})
			require.NoError(t, err)
			require.NoError(t, tx.MemoryUpsert(ctx, []store.MemoryState{memoryItem(w.User.ID, w.Season, 1)}))
			require.NoError(t, tx.AuditInsert(ctx, store.AuditEntry{Action: "x", CreatedAt: t0}))
			_, err = tx.InstitutionGet(ctx, w.Inst)
			require.NoError(t, err, "visible inside")
			return boom
		})
		require.ErrorIs(t, err, boom)
		for _, table := range []string{"institutions", "users", "grades", "grade_streams", "subjects", "lessons", "stages",
			"subscriptions", "subscription_access", "memory_state", "audit_log"} {
			require.Zero(t, count(t, s, "SELECT count(*) FROM "+table), table)
		}
		_, err = s.InstitutionGet(ctx, "inst")
		require.ErrorIs(t, err, store.ErrNotFound)

		// A failing statement inside the function, its error returned: also rolled back.
		err = s.InTx(ctx, func(tx store.Executor) error {
			require.NoError(t, tx.InstitutionUpsert(ctx, store.Institution{ID: "a", Name: "A", TimeZone: "UTC"}))
			return tx.APIKeyInsert(ctx, store.APIKey{Key: "k", UserID: 12345, CreatedAt: t0}) // no such user
		})
		require.Error(t, err)
		require.Zero(t, count(t, s, "SELECT count(*) FROM institutions"))

		// The store is usable afterwards, and a transaction returning nil commits.
		require.NoError(t, s.InTx(ctx, func(tx store.Executor) error {
			return tx.InstitutionUpsert(ctx, store.Institution{ID: "a", Name: "A", TimeZone: "UTC"})
		}))
		_, err = s.InstitutionGet(ctx, "a")
		require.NoError(t, err)
	})
}

// txStore lets seed write through a transaction's executor.
type txStore struct {
	store.Executor
	s store.Store
}

func (x txStore) InTx(ctx context.Context, fn func(tx store.Executor) error) error {
	return fn(x.Executor)
}
func (x txStore) Engine() store.Engine           { return x.s.Engine() }
func (x txStore) Ping(ctx context.Context) error { return x.s.Ping(ctx) }
func (x txStore) Close() error                   { return nil }

func TestMigrationsTwiceSQLite(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "twice.db")
	s1, err := litestore.Open(ctx, path, litestore.Options{})
	require.NoError(t, err)
	v1, err := migrations.Version(ctx, s1.Writer(), store.SQLite)
	require.NoError(t, err)
	require.Positive(t, v1)
	applied := count(t, s1, "SELECT count(*) FROM goose_db_version")
	require.NoError(t, s1.InstitutionUpsert(ctx, store.Institution{ID: "kept", Name: "Kept", TimeZone: "UTC"}))
	require.NoError(t, s1.Close())

	s2, err := litestore.Open(ctx, path, litestore.Options{})
	require.NoError(t, err)
	defer s2.Close()
	v2, err := migrations.Version(ctx, s2.Writer(), store.SQLite)
	require.NoError(t, err)
	require.Equal(t, v1, v2)
	require.Equal(t, applied, count(t, s2, "SELECT count(*) FROM goose_db_version"), "nothing applied again")
	_, err = s2.InstitutionGet(ctx, "kept")
	require.NoError(t, err, "data survives")
}

func TestMigrationsTwicePostgres(t *testing.T) {
	t.Parallel()
	if os.Getenv(PostgresURLEnv) == "" {
		t.Skipf("%s is not set", PostgresURLEnv)
	}
	ctx := context.Background()
	s1, url := OpenPostgres(t)
	v1 := pgVersion(t, s1)
	require.Positive(t, v1)
	applied := count(t, s1, "SELECT count(*) FROM goose_db_version")
	require.NoError(t, s1.InstitutionUpsert(ctx, store.Institution{ID: "kept", Name: "Kept", TimeZone: "UTC"}))

	s2, err := pgstore.Open(ctx, url, pgstore.Options{MaxConns: 2})
	require.NoError(t, err)
	defer s2.Close()
	require.Equal(t, v1, pgVersion(t, s2))
	require.Equal(t, applied, count(t, s2, "SELECT count(*) FROM goose_db_version"), "nothing applied again")
	_, err = s2.InstitutionGet(ctx, "kept")
	require.NoError(t, err, "data survives")
}

// TestMigrationsConcurrentPostgres: several processes starting at once on an empty
// database migrate it once (goose's advisory lock).
func TestMigrationsConcurrentPostgres(t *testing.T) {
	t.Parallel()
	if os.Getenv(PostgresURLEnv) == "" {
		t.Skipf("%s is not set", PostgresURLEnv)
	}
	ctx := context.Background()
	url := NewPostgresDatabase(t, os.Getenv(PostgresURLEnv))
	var wg sync.WaitGroup
	stores := make([]*pgstore.Store, 3)
	errs := make([]error, len(stores))
	for i := range stores {
		wg.Add(1)
		go func() {
			defer wg.Done()
			stores[i], errs[i] = pgstore.Open(ctx, url, pgstore.Options{MaxConns: 2})
		}()
	}
	wg.Wait()
	for i, s := range stores {
		require.NoError(t, errs[i])
		defer s.Close()
	}
	v := pgVersion(t, stores[0])
	require.Positive(t, v)
	require.Equal(t, v, pgVersion(t, stores[2]))
}

func pgVersion(t *testing.T, s *pgstore.Store) int64 {
	t.Helper()
	db := stdlib.OpenDBFromPool(s.Pool())
	defer db.Close()
	v, err := migrations.Version(context.Background(), db, store.Postgres)
	require.NoError(t, err)
	return v
}
