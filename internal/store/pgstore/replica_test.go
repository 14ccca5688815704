package pgstore_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"memora/internal/clock"
	"memora/internal/httpx"
	"memora/internal/pgtest"
	"memora/internal/store"
	"memora/internal/store/pgstore"
	"memora/internal/store/storetest"
)

// replicaStates records what the store reports of its replica.
type replicaStates struct {
	mu  sync.Mutex
	ups []bool
	log bytes.Buffer
}

func (r *replicaStates) up(v bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.ups = append(r.ups, v)
}

func (r *replicaStates) last() (bool, string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.ups) > 0 && r.ups[len(r.ups)-1], r.log.String()
}

func (r *replicaStates) Write(p []byte) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.log.Write(p)
}

// waitUp waits until the store has reported its replica up.
func (r *replicaStates) waitUp(t *testing.T) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if up, _ := r.last(); up {
			return
		}
	}
	_, log := r.last()
	t.Fatalf("the replica never came into use:\n%s", log)
}

func sqlOn(t *testing.T, dbURL, sql string) {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		t.Fatalf("connect: %v", err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, sql); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}

// The lag-tolerant reads of a marked context go to the replica (proved by pausing its
// replay: it then answers with what it had before a write on the primary), unmarked
// contexts, transactions and a client that just wrote read the primary, a stopped replica
// leaves the primary answering without an error, and a restarted one is used again.
func TestReplicaAnswersLagTolerantReads(t *testing.T) {
	primary := pgtest.StartPrimary(t)
	replica := pgtest.StartReplica(t, primary)
	dbURL := storetest.NewPostgresDatabase(t, primary.URL())
	u, err := url.Parse(dbURL)
	if err != nil {
		t.Fatal(err)
	}
	replicaDB := replica.DatabaseURL(strings.TrimPrefix(u.Path, "/"))

	states := &replicaStates{}
	ctx := context.Background()
	s, err := pgstore.Open(ctx, dbURL, pgstore.Options{MaxConns: 4, ReplicaURL: replicaDB,
		ReplicaCheckEvery: 50 * time.Millisecond, ReplicaMaxLag: time.Hour, // a paused replay is not "too far behind" here
		Logger: slog.New(slog.NewTextHandler(states, nil)), ReplicaUp: states.up})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })

	t0 := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	ids := []string{"math", "physics", "chemistry"}
	count := func(ctx context.Context) int {
		t.Helper()
		got, err := s.SubjectListByIDs(ctx, ids)
		if err != nil {
			t.Fatalf("SubjectListByIDs: %v", err)
		}
		return len(got)
	}
	replicaCtx := store.WithReplicaReads(ctx)
	if err := s.SubjectUpsert(ctx, store.Subject{ID: "math", Title: "Math", CreatedAt: t0}); err != nil {
		t.Fatal(err)
	}
	replica.WaitCaughtUp()
	states.waitUp(t)
	if n := count(replicaCtx); n != 1 {
		t.Fatalf("replica read %d subjects, want 1", n)
	}

	// Freeze the replica's view, then write on the primary.
	sqlOn(t, replicaDB, "SELECT pg_wal_replay_pause()")
	if err := s.SubjectUpsert(ctx, store.Subject{ID: "physics", Title: "Physics", CreatedAt: t0}); err != nil {
		t.Fatal(err)
	}
	if n := count(replicaCtx); n != 1 {
		t.Fatalf("a marked read saw %d subjects, want the replica's 1", n)
	}
	if n := count(ctx); n != 2 {
		t.Fatalf("an unmarked read saw %d subjects, want the primary's 2", n)
	}
	err = s.InTx(replicaCtx, func(tx store.Executor) error {
		got, err := tx.SubjectListByIDs(replicaCtx, ids)
		if len(got) != 2 {
			t.Errorf("a read in a transaction saw %d subjects, want the primary's 2", len(got))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}

	// Read-your-writes over HTTP: after its POST, a client's GETs read the primary.
	clk := clock.NewFake(time.Now())
	var seen int
	h := httpx.ReplicaReads(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen = count(r.Context())
	}), clk, 15*time.Second, false)
	get := func(cookies []*http.Cookie) int {
		req := httptest.NewRequest(http.MethodGet, "/api/method/get_subjects", nil)
		for _, c := range cookies {
			req.AddCookie(c)
		}
		h.ServeHTTP(httptest.NewRecorder(), req)
		return seen
	}
	post := httptest.NewRecorder()
	h.ServeHTTP(post, httptest.NewRequest(http.MethodPost, "/api/method/save_subject", nil))
	if seen != 2 {
		t.Errorf("the writing request read %d subjects, want the primary's 2", seen)
	}
	if n := get(post.Result().Cookies()); n != 2 {
		t.Errorf("the writer's next GET read %d subjects, want the primary's 2", n)
	}
	if n := get(nil); n != 1 {
		t.Errorf("another client's GET read %d subjects, want the replica's 1", n)
	}
	clk.Advance(20 * time.Second)
	if n := get(post.Result().Cookies()); n != 1 {
		t.Errorf("the writer's GET after the window read %d subjects, want the replica's 1", n)
	}

	// A lost replica: the primary answers, at once and without an error — even before a
	// check notices. Stores that check only at open show it for every lag-tolerant read:
	// each finds the replica gone (so it asked the replica first), marks it down and answers.
	routed := lagTolerantReads(ids)
	late := map[string]*replicaStates{}
	lateStores := map[string]*pgstore.Store{}
	for name := range routed {
		st := &replicaStates{}
		ls, err := pgstore.Open(ctx, dbURL, pgstore.Options{MaxConns: 1, ReplicaURL: replicaDB,
			ReplicaCheckEvery: time.Hour, ReplicaMaxLag: time.Hour,
			Logger: slog.New(slog.NewTextHandler(st, nil)), ReplicaUp: st.up})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { ls.Close() })
		if up, log := st.last(); !up {
			t.Fatalf("%s: the replica is not in use after open:\n%s", name, log)
		}
		late[name], lateStores[name] = st, ls
	}
	if got, err := lateStores["SubjectListByIDs"].SubjectListByIDs(replicaCtx, ids); err != nil || len(got) != 1 {
		t.Fatalf("a second store's marked read: %d subjects, %v; want the replica's 1", len(got), err)
	}
	replica.Stop()
	for name, read := range routed {
		if err := read(replicaCtx, lateStores[name]); err != nil {
			t.Errorf("%s with the replica stopped: %v", name, err)
		}
		if up, log := late[name].last(); up || !strings.Contains(log, "database replica not used") {
			t.Errorf("%s did not try the replica: it is reported up=%v; log:\n%s", name, up, log)
		}
	}
	if got, err := lateStores["SubjectListByIDs"].SubjectListByIDs(replicaCtx, ids); err != nil || len(got) != 2 {
		t.Fatalf("with the replica stopped a marked read: %d subjects, %v; want the primary's 2", len(got), err)
	}
	if n := count(replicaCtx); n != 2 {
		t.Fatalf("with the replica stopped a marked read saw %d subjects, want the primary's 2", n)
	}
	if up, log := states.last(); up || !strings.Contains(log, "database replica not used") {
		t.Fatalf("a stopped replica is reported up=%v; log:\n%s", up, log)
	}
	for range 5 { // and it stays that way while it is down
		if n := count(replicaCtx); n != 2 {
			t.Fatalf("with the replica down a marked read saw %d subjects, want 2", n)
		}
		time.Sleep(60 * time.Millisecond)
	}

	// Back: it catches up (a restart resumes replay) and answers again.
	replica.Start()
	replica.WaitStreaming()
	replica.WaitCaughtUp()
	states.waitUp(t)
	sqlOn(t, replicaDB, "SELECT pg_wal_replay_pause()")
	if err := s.SubjectUpsert(ctx, store.Subject{ID: "chemistry", Title: "Chemistry", CreatedAt: t0}); err != nil {
		t.Fatal(err)
	}
	if n := count(replicaCtx); n != 2 {
		t.Fatalf("after the replica's return a marked read saw %d subjects, want the replica's 2", n)
	}
	if n := count(ctx); n != 3 {
		t.Fatalf("an unmarked read saw %d subjects, want the primary's 3", n)
	}
	if _, log := states.last(); strings.Count(log, "database replica in use") != 2 {
		t.Errorf("want the replica's two comings into use logged:\n%s", log)
	}
}

// lagTolerantReads calls each read the replica may answer (docs/deploy.md lists them).
func lagTolerantReads(ids []string) map[string]func(context.Context, *pgstore.Store) error {
	day := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	subject := "math"
	board := store.BoardScope{InstitutionID: "school"}
	ignore := func(_ any, err error) error { return err }
	return map[string]func(context.Context, *pgstore.Store) error{
		"LeaderboardTop": func(ctx context.Context, s *pgstore.Store) error {
			return ignore(s.LeaderboardTop(ctx, board, 10))
		},
		"LeaderboardCountAbove": func(ctx context.Context, s *pgstore.Store) error {
			return ignore(s.LeaderboardCountAbove(ctx, board, 5))
		},
		"LeaderboardDisabled": func(ctx context.Context, s *pgstore.Store) error {
			return ignore(s.LeaderboardDisabled(ctx, "school"))
		},
		"LeaderboardPlayers": func(ctx context.Context, s *pgstore.Store) error {
			return ignore(s.LeaderboardPlayers(ctx, []int64{1, 2}, &subject))
		},
		"LeaderboardUserScores": func(ctx context.Context, s *pgstore.Store) error {
			return ignore(s.LeaderboardUserScores(ctx, 1, day, day.AddDate(0, 0, 6)))
		},
		"SubjectListByIDs": func(ctx context.Context, s *pgstore.Store) error {
			return ignore(s.SubjectListByIDs(ctx, ids))
		},
		"TrackListBySubjects": func(ctx context.Context, s *pgstore.Store) error {
			return ignore(s.TrackListBySubjects(ctx, ids))
		},
		"UnitListBySubjects": func(ctx context.Context, s *pgstore.Store) error {
			return ignore(s.UnitListBySubjects(ctx, ids))
		},
		"TopicListBySubjects": func(ctx context.Context, s *pgstore.Store) error {
			return ignore(s.TopicListBySubjects(ctx, ids))
		},
		"LessonListBySubjects": func(ctx context.Context, s *pgstore.Store) error {
			return ignore(s.LessonListBySubjects(ctx, ids))
		},
		"LessonCompletedIDs": func(ctx context.Context, s *pgstore.Store) error {
			return ignore(s.LessonCompletedIDs(ctx, 1))
		},
		"SubjectScoreGet": func(ctx context.Context, s *pgstore.Store) error {
			_, err := s.SubjectScoreGet(ctx, 1, subject)
			if errors.Is(err, store.ErrNotFound) {
				return nil
			}
			return err
		},
		"ProgressActivityDays": func(ctx context.Context, s *pgstore.Store) error {
			return ignore(s.ProgressActivityDays(ctx, 1, day, 10))
		},
		"ProgressXPByDay": func(ctx context.Context, s *pgstore.Store) error {
			return ignore(s.ProgressXPByDay(ctx, 1, day, day.AddDate(0, 0, 6)))
		},
		"ProgressMastery": func(ctx context.Context, s *pgstore.Store) error {
			return ignore(s.ProgressMastery(ctx, store.ProgressScope{UserID: 1, SeasonID: "s1"}))
		},
	}
}

// A replica that falls behind by more than ReplicaMaxLag is not used until it catches up.
func TestReplicaTooFarBehindIsNotUsed(t *testing.T) {
	primary := pgtest.StartPrimary(t)
	replica := pgtest.StartReplica(t, primary)
	dbURL := storetest.NewPostgresDatabase(t, primary.URL())
	u, err := url.Parse(dbURL)
	if err != nil {
		t.Fatal(err)
	}
	replicaDB := replica.DatabaseURL(strings.TrimPrefix(u.Path, "/"))
	states := &replicaStates{}
	ctx := context.Background()
	s, err := pgstore.Open(ctx, dbURL, pgstore.Options{MaxConns: 2, ReplicaURL: replicaDB,
		ReplicaCheckEvery: 50 * time.Millisecond, ReplicaMaxLag: 200 * time.Millisecond,
		Logger: slog.New(slog.NewTextHandler(states, nil)), ReplicaUp: states.up})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	replica.WaitCaughtUp()
	states.waitUp(t)

	sqlOn(t, replicaDB, "SELECT pg_wal_replay_pause()")
	t0 := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	if err := s.SubjectUpsert(ctx, store.Subject{ID: "math", Title: "Math", CreatedAt: t0}); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if up, _ := states.last(); !up {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("a replica whose replay is paused behind a write stays in use")
		}
	}
	if _, log := states.last(); !strings.Contains(log, "behind the primary") {
		t.Errorf("the log does not say the replica is behind:\n%s", log)
	}
	got, err := s.SubjectListByIDs(store.WithReplicaReads(ctx), []string{"math"})
	if err != nil || len(got) != 1 {
		t.Fatalf("a marked read while the replica lags: %d subjects, %v; want the primary's 1", len(got), err)
	}
	sqlOn(t, replicaDB, "SELECT pg_wal_replay_resume()")
	states.waitUp(t)
}
