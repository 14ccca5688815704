package app_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/app"
	"memora/internal/clock"
	"memora/internal/config"
	"memora/internal/store"
	"memora/internal/store/storetest"
)

// eachEngine runs fn against a fresh SQLite database and, when configured, a fresh
// PostgreSQL one.
func eachEngine(t *testing.T, fn func(t *testing.T, dbURL string)) {
	t.Run("sqlite", func(t *testing.T) {
		t.Parallel()
		fn(t, "sqlite:"+filepath.Join(t.TempDir(), "m.db"))
	})
	t.Run("postgres", func(t *testing.T) {
		base := os.Getenv(storetest.PostgresURLEnv)
		if base == "" {
			t.Skip(storetest.PostgresURLEnv + " not set")
		}
		t.Parallel()
		fn(t, storetest.NewPostgresDatabase(t, base))
	})
}

// openAt opens an app on dbURL at the fake clock's time, with vars added to the config.
func openAt(t *testing.T, dbURL string, clk clock.Clock, log io.Writer, vars map[string]string) *app.App {
	t.Helper()
	env := map[string]string{"MEMORA_DATABASE_URL": dbURL, "MEMORA_WORKER": "false", "MEMORA_DB_MAX_CONNS": "4"}
	for k, v := range vars {
		env[k] = v
	}
	cfg, err := config.Parse(env)
	require.NoError(t, err)
	a, err := app.Open(context.Background(), cfg, slog.New(slog.NewTextHandler(log, nil)), clk)
	require.NoError(t, err)
	t.Cleanup(func() { a.Close() })
	return a
}

// activeStudents is a database where students were active before a server starts: a, b
// and c seen one, two and three minutes ago, old two hours ago; a and b with a profile on
// a plan, a with a subscription.
type activeStudents struct {
	now                time.Time
	a, b, c, old       store.User
	grade, otherGrade  string
	season, institutID string
}

func token(name string) string { return "token-of-" + name }

func seedActiveStudents(t *testing.T, st store.Store) activeStudents {
	t.Helper()
	ctx := context.Background()
	w := activeStudents{now: time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC), grade: "g1", otherGrade: "g2", season: "S", institutID: "x"}
	require.NoError(t, st.InstitutionUpsert(ctx, store.Institution{ID: w.institutID, Name: "x", TimeZone: "Asia/Amman"}))
	require.NoError(t, st.GradeUpsert(ctx, store.Grade{ID: w.grade, Title: "g1"}))
	require.NoError(t, st.GradeUpsert(ctx, store.Grade{ID: w.otherGrade, Title: "g2"}))
	require.NoError(t, st.SeasonUpsert(ctx, store.Season{ID: w.season, Title: "S", StartDate: w.now.AddDate(0, -3, 0),
		EndDate: w.now.AddDate(0, 6, 0), IsActive: true, Scheduler: store.SchedulerFSRS, DesiredRetention: 0.9,
		GradeMapping: "binary", CreatedAt: w.now}))
	require.NoError(t, st.PlanUpsert(ctx, store.Plan{ID: "p1", GradeID: w.grade, SeasonID: w.season, UpdatedAt: w.now}))
	student := func(name string, seen time.Duration) store.User {
		u, err := st.UserUpsert(ctx, store.UserUpsertParams{InstitutionID: w.institutID, Email: name + "@x.test",
			FullName: name, Enabled: true, CreatedAt: w.now})
		require.NoError(t, err)
		require.NoError(t, st.UserRoleAdd(ctx, u.ID, store.RoleStudent))
		hash := sha256.Sum256([]byte(token(name)))
		require.NoError(t, st.AuthSessionInsert(ctx, store.AuthSession{TokenHash: hash[:], UserID: u.ID, CreatedAt: w.now.Add(-seen),
			LastSeenAt: w.now.Add(-seen), ExpiresAt: w.now.Add(-seen + 720*time.Hour)}))
		return u
	}
	w.a, w.b, w.c, w.old = student("a", time.Minute), student("b", 2*time.Minute), student("c", 3*time.Minute), student("old", 2*time.Hour)
	for _, u := range []store.User{w.a, w.b} {
		require.NoError(t, st.ProfileSetAcademic(ctx, store.ProfileSetAcademicParams{UserID: u.ID, GradeID: w.grade,
			SeasonID: &w.season, Now: w.now}))
	}
	_, err := st.SubscriptionInsert(ctx, store.Subscription{UserID: w.a.ID, SeasonID: w.season, Type: store.SubscriptionGlobal,
		Status: store.SubscriptionActive, CreatedAt: w.now})
	require.NoError(t, err)
	return w
}

// rename changes a student's name and grade behind the caches' back (as another server
// would): a cached entry still shows the old ones.
func rename(t *testing.T, st store.Store, w activeStudents, u store.User) {
	t.Helper()
	ctx := context.Background()
	_, err := st.UserUpsert(ctx, store.UserUpsertParams{InstitutionID: u.InstitutionID, Email: u.Email, FullName: "renamed",
		Enabled: true, CreatedAt: u.CreatedAt})
	require.NoError(t, err)
	require.NoError(t, st.ProfileSetAcademic(ctx, store.ProfileSetAcademicParams{UserID: u.ID, GradeID: w.otherGrade,
		SeasonID: &w.season, Now: w.now}))
}

// A primed server answers the first request of a student active before it started from
// its caches: the session with its user and roles, the profile, today's access and the
// plan were loaded by priming (a change made behind the caches' back after it is not
// seen); the students beyond MEMORA_PRIME_SESSIONS or MEMORA_PRIME_WINDOW are loaded on
// their first request, as before.
func TestPrimedServerAnswersARecentStudentsFirstRequestFromItsCaches(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, dbURL string) {
		ctx := context.Background()
		var log bytes.Buffer
		first := openAt(t, dbURL, clock.System{}, io.Discard, nil)
		w := seedActiveStudents(t, first.Store)
		clk := clock.NewFake(w.now)
		a := openAt(t, dbURL, clk, &log, map[string]string{"MEMORA_PRIME_SESSIONS": "2", "MEMORA_PRIME_WINDOW": "1h"})

		a.Prime(ctx)
		require.NotContains(t, log.String(), "primed the recently active students", "not before the listener serves")
		a.PrimeStudentsInBackground(ctx)()
		require.Contains(t, log.String(), "primed the recently active students")
		require.Contains(t, log.String(), "students=2 profiles=2 access=2 plans=1")

		for _, u := range []store.User{w.a, w.b, w.c, w.old} {
			rename(t, a.Store, w, u)
		}
		for _, u := range []store.User{w.a, w.b} {
			who, err := a.Identity.AuthenticateSession(ctx, token(u.FullName))
			require.NoError(t, err)
			require.Equal(t, u.FullName, who.FullName, "the session was primed")
			require.Equal(t, []string{store.RoleStudent}, who.Roles)
			require.Equal(t, "Asia/Amman", who.Zone().String())
			p, err := a.Reads.ProfileGet(ctx, u.ID)
			require.NoError(t, err)
			require.Equal(t, w.grade, *p.GradeID, "the profile was primed")
			access, _, ok := a.Catalog.Cache.Get(u.ID, who.Today(w.now))
			require.True(t, ok, "today's access was primed")
			require.Equal(t, u.ID == w.a.ID, access.Global, "a's global subscription is in it")
		}

		for _, u := range []store.User{w.c, w.old} { // beyond the limit, beyond the window
			who, err := a.Identity.AuthenticateSession(ctx, token(u.FullName))
			require.NoError(t, err)
			require.Equal(t, "renamed", who.FullName, "not primed: loaded now")
		}
	})
}

// Priming the students is bounded: past its deadline it stops, logs why and start-up goes
// on (the students' first requests load what it did not); with MEMORA_PRIME_SESSIONS=0
// it loads nothing.
func TestPrimingTheStudentsIsBounded(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, dbURL string) {
		ctx := context.Background()
		first := openAt(t, dbURL, clock.System{}, io.Discard, nil)
		w := seedActiveStudents(t, first.Store)

		var log bytes.Buffer
		late := openAt(t, dbURL, clock.NewFake(w.now), &log, nil)
		expired, cancel := context.WithDeadline(ctx, time.Now().Add(-time.Second))
		defer cancel()
		got, err := late.PrimeStudents(expired)
		require.ErrorContains(t, err, "context deadline exceeded") // pgstore says it as ErrUnavailable
		require.Zero(t, got.Students)
		late.PrimeStudentsInBackground(expired)()
		require.Contains(t, log.String(), "priming the recently active students stopped")
		require.Contains(t, log.String(), "context deadline exceeded")

		off := openAt(t, dbURL, clock.NewFake(w.now), io.Discard, map[string]string{"MEMORA_PRIME_SESSIONS": "0"})
		got, err = off.PrimeStudents(ctx)
		require.NoError(t, err)
		require.Zero(t, got)

		rename(t, first.Store, w, w.a)
		for _, a := range []*app.App{late, off} {
			who, err := a.Identity.AuthenticateSession(ctx, token("a"))
			require.NoError(t, err, "the server serves all the same")
			require.Equal(t, "renamed", who.FullName, "not primed: loaded on the first request")
		}
	})
}

// serveApp runs a.Serve until the test ends and returns its address.
func serveApp(t *testing.T, a *app.App) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	addrc, done := make(chan string, 1), make(chan error, 1)
	go func() { done <- a.Serve(ctx, func(addr string) { addrc <- addr }) }()
	t.Cleanup(func() {
		cancel()
		require.NoError(t, <-done)
	})
	select {
	case addr := <-addrc:
		return addr
	case err := <-done:
		t.Fatalf("serve: %v", err)
	}
	return ""
}

// Serve primes the students in the background once its listener serves: requests are
// answered while priming is held back, a student whose request loaded its session and
// profile meanwhile keeps what it loaded (priming stores only what is missing), and the
// other recent students are primed all the same.
func TestServeAnswersWhileTheStudentsArePrimed(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, dbURL string) {
		ctx := context.Background()
		first := openAt(t, dbURL, clock.System{}, io.Discard, nil)
		w := seedActiveStudents(t, first.Store)
		log := &syncBuffer{}
		a := openAt(t, dbURL, clock.NewFake(w.now), log, map[string]string{"MEMORA_PRIME_SESSIONS": "2",
			"MEMORA_PRIME_WINDOW": "1h", "MEMORA_ADDR": "127.0.0.1:0"})
		held, release := make(chan struct{}), make(chan struct{})
		a.SetBeforePrimeStudents(func(context.Context) { close(held); <-release })
		addr := serveApp(t, a)
		<-held

		res, err := http.Get("http://" + addr + "/healthz")
		require.NoError(t, err)
		res.Body.Close()
		require.Equal(t, http.StatusOK, res.StatusCode, "served while the students are not primed yet")
		require.NotContains(t, log.String(), "primed the recently active students")

		rename(t, a.Store, w, w.a) // a's first request loads the renamed session and profile itself
		who, err := a.Identity.AuthenticateSession(ctx, token("a"))
		require.NoError(t, err)
		require.Equal(t, "renamed", who.FullName)
		_, err = a.Reads.ProfileGet(ctx, w.a.ID)
		require.NoError(t, err)
		_, err = a.Store.UserUpsert(ctx, store.UserUpsertParams{InstitutionID: w.a.InstitutionID, Email: w.a.Email,
			FullName: "third", Enabled: true, CreatedAt: w.a.CreatedAt})
		require.NoError(t, err)

		close(release)
		require.Eventually(t, func() bool { return strings.Contains(log.String(), "primed the recently active students") },
			10*time.Second, 10*time.Millisecond)
		require.Contains(t, log.String(), "students=2 profiles=2 access=2 plans=1")

		who, err = a.Identity.AuthenticateSession(ctx, token("a"))
		require.NoError(t, err)
		require.Equal(t, "renamed", who.FullName, "priming did not replace the entry a's request loaded")
		p, err := a.Reads.ProfileGet(ctx, w.a.ID)
		require.NoError(t, err)
		require.Equal(t, w.otherGrade, *p.GradeID)

		rename(t, a.Store, w, w.b)
		who, err = a.Identity.AuthenticateSession(ctx, token("b"))
		require.NoError(t, err)
		require.Equal(t, "b", who.FullName, "b was primed in the background")
		p, err = a.Reads.ProfileGet(ctx, w.b.ID)
		require.NoError(t, err)
		require.Equal(t, w.grade, *p.GradeID)
	})
}
