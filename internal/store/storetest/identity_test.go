package storetest

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/store"
	"memora/internal/store/litestore"
	"memora/internal/store/pgstore"
)

// Shared fixtures of the conformance suite.

// t0 has microsecond precision, which both engines keep.
var t0 = time.Date(2026, 3, 4, 5, 6, 7, 123456000, time.UTC)

func ptr[T any](v T) *T { return &v }

// sameTime checks two instants are equal whatever their locations.
func sameTime(t *testing.T, want, got time.Time, msg ...any) {
	t.Helper()
	require.Truef(t, want.Equal(got), "want %s, got %s %v", want, got, fmt.Sprint(msg...))
}

// world is a small, consistent data set: one of everything.
type world struct {
	Inst, Stream, Grade, Season, Subject, Track, Unit, Topic, Lesson string
	User                                                             store.User
}

// seed writes a world whose ids all end in sfx (so a test may seed several).
func seed(t *testing.T, s store.Store, sfx string) world {
	t.Helper()
	ctx := context.Background()
	w := world{
		Inst: "inst" + sfx, Stream: "sci" + sfx, Grade: "g12" + sfx, Season: "s2026" + sfx, Subject: "math" + sfx,
		Track: "math-main" + sfx, Unit: "algebra" + sfx, Topic: "linear" + sfx, Lesson: "lesson1" + sfx,
	}
	require.NoError(t, s.InstitutionUpsert(ctx, store.Institution{ID: w.Inst, Name: "مدرسة " + sfx, NameEN: "School " + sfx, TimeZone: "Asia/Amman"}))
	u, err := s.UserUpsert(ctx, store.UserUpsertParams{InstitutionID: w.Inst, Email: "student" + sfx + "@example.org", FullName: "Student", Enabled: true, CreatedAt: t0})
	require.NoError(t, err)
	w.User = u
	require.NoError(t, s.StreamUpsert(ctx, store.Stream{ID: w.Stream, Title: "علمي", TitleEN: "Scientific", Position: 1}))
	require.NoError(t, s.GradeUpsert(ctx, store.Grade{ID: w.Grade, Title: "الثاني عشر", TitleEN: "12th", Position: 12, ValidStreams: []string{w.Stream}}))
	require.NoError(t, s.SeasonUpsert(ctx, season(w.Season)))
	require.NoError(t, s.SubjectUpsert(ctx, store.Subject{ID: w.Subject, Title: "رياضيات", TitleEN: "Math", IsPublished: true, CreatedAt: t0}))
	require.NoError(t, s.TrackUpsert(ctx, store.Track{ID: w.Track, SubjectID: w.Subject, Title: "Main", IsDefault: true, CreatedAt: t0}))
	require.NoError(t, s.UnitUpsert(ctx, store.Unit{ID: w.Unit, SubjectID: w.Subject, TrackID: w.Track, Title: "Algebra", StructureType: store.TopicBased, CreatedAt: t0}))
	require.NoError(t, s.TopicUpsert(ctx, store.Topic{ID: w.Topic, UnitID: w.Unit, Title: "Linear", IsLinear: true, CreatedAt: t0}))
	require.NoError(t, s.LessonUpsert(ctx, store.Lesson{ID: w.Lesson, UnitID: w.Unit, TopicID: &w.Topic, Title: "Lesson 1" + sfx, XPReward: 10, CreatedAt: t0}))
	return w
}

func season(id string) store.Season {
	return store.Season{
		ID: id, Title: "2026", TitleEN: "2026", StartDate: time.Date(2025, 9, 1, 0, 0, 0, 0, time.UTC),
		EndDate: time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC), IsActive: true, EnableRedis: true,
		Scheduler: store.SchedulerFSRS, DesiredRetention: 0.9, GradeMapping: "binary", CreatedAt: t0,
	}
}

// count runs a parameterless SELECT count(*) … directly on the engine's database.
func count(t *testing.T, s store.Store, query string) int64 {
	t.Helper()
	var n int64
	switch db := s.(type) {
	case *litestore.Store:
		require.NoError(t, db.Writer().QueryRow(query).Scan(&n), query)
	case *pgstore.Store:
		require.NoError(t, db.Pool().QueryRow(context.Background(), query).Scan(&n), query)
	default:
		t.Fatalf("count: unknown store %T", s)
	}
	return n
}

func TestInstitutions(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		in := store.Institution{ID: "a", Name: "أ", NameEN: "A", TimeZone: "UTC"}
		require.NoError(t, s.InstitutionUpsert(ctx, in))
		require.NoError(t, s.InstitutionUpsert(ctx, in), "upsert twice")
		in.Name, in.TimeZone = "ألف", "Asia/Amman"
		require.NoError(t, s.InstitutionUpsert(ctx, in))
		require.NoError(t, s.InstitutionUpsert(ctx, store.Institution{ID: "b", Name: "ب", TimeZone: "UTC"}))

		got, err := s.InstitutionGet(ctx, "a")
		require.NoError(t, err)
		require.Equal(t, in, got)
		list, err := s.InstitutionList(ctx)
		require.NoError(t, err)
		require.Len(t, list, 2)
		require.Equal(t, []string{"a", "b"}, []string{list[0].ID, list[1].ID})

		_, err = s.InstitutionGet(ctx, "missing")
		require.ErrorIs(t, err, store.ErrNotFound)
	})
}

func TestUsers(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		require.NoError(t, s.InstitutionUpsert(ctx, store.Institution{ID: "a", Name: "A", TimeZone: "UTC"}))
		require.NoError(t, s.InstitutionUpsert(ctx, store.Institution{ID: "b", Name: "B", TimeZone: "UTC"}))
		n, err := s.UserCount(ctx)
		require.NoError(t, err)
		require.Zero(t, n)

		p := store.UserUpsertParams{InstitutionID: "a", Email: "x@example.org", FullName: "X", AvatarURL: "http://a/x.png", Enabled: true, CreatedAt: t0}
		u1, err := s.UserUpsert(ctx, p)
		require.NoError(t, err)
		require.Positive(t, u1.ID)
		require.Equal(t, "x@example.org", u1.Email)
		require.True(t, u1.Enabled)
		sameTime(t, t0, u1.CreatedAt)

		// The same email updates the same user, keeping its id, creation time and password.
		require.NoError(t, s.UserSetPassword(ctx, u1.ID, "hash"))
		p2 := p
		p2.InstitutionID, p2.FullName, p2.Enabled, p2.CreatedAt = "b", "X2", false, t0.Add(time.Hour)
		u2, err := s.UserUpsert(ctx, p2)
		require.NoError(t, err)
		require.Equal(t, u1.ID, u2.ID)
		require.Equal(t, "b", u2.InstitutionID)
		require.Equal(t, "X2", u2.FullName)
		require.False(t, u2.Enabled)
		require.Equal(t, "hash", u2.PasswordHash)
		sameTime(t, t0, u2.CreatedAt, "created_at is kept")

		other, err := s.UserUpsert(ctx, store.UserUpsertParams{InstitutionID: "a", Email: "y@example.org", Enabled: true, CreatedAt: t0})
		require.NoError(t, err)
		require.NotEqual(t, u1.ID, other.ID)
		n, err = s.UserCount(ctx)
		require.NoError(t, err)
		require.EqualValues(t, 2, n)

		got, err := s.UserGet(ctx, u1.ID)
		require.NoError(t, err)
		require.Equal(t, u2.Email, got.Email)
		require.Equal(t, u2.FullName, got.FullName)
		got, err = s.UserGetByEmail(ctx, "y@example.org")
		require.NoError(t, err)
		require.Equal(t, other.ID, got.ID)

		require.NoError(t, s.UserSetEnabled(ctx, u1.ID, true))
		got, err = s.UserGet(ctx, u1.ID)
		require.NoError(t, err)
		require.True(t, got.Enabled)

		_, err = s.UserGet(ctx, 999999)
		require.ErrorIs(t, err, store.ErrNotFound)
		_, err = s.UserGetByEmail(ctx, "nobody@example.org")
		require.ErrorIs(t, err, store.ErrNotFound)
		require.ErrorIs(t, s.UserSetPassword(ctx, 999999, "h"), store.ErrNotFound)
		require.ErrorIs(t, s.UserSetEnabled(ctx, 999999, true), store.ErrNotFound)

		// A missing institution breaks a foreign key: an error, but neither sentinel.
		_, err = s.UserUpsert(ctx, store.UserUpsertParams{InstitutionID: "nope", Email: "z@example.org", CreatedAt: t0})
		require.Error(t, err)
		require.False(t, errors.Is(err, store.ErrNotFound) || errors.Is(err, store.ErrConflict), err)
	})
}

func TestUserRoles(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		w := seed(t, s, "")
		roles, err := s.UserRoles(ctx, w.User.ID)
		require.NoError(t, err)
		require.Empty(t, roles)

		require.NoError(t, s.UserRoleAdd(ctx, w.User.ID, store.RoleTeacher))
		require.NoError(t, s.UserRoleAdd(ctx, w.User.ID, store.RoleTeacher), "adding twice is a no-op")
		require.NoError(t, s.UserRoleAdd(ctx, w.User.ID, store.RoleStudent))
		roles, err = s.UserRoles(ctx, w.User.ID)
		require.NoError(t, err)
		require.Equal(t, []string{store.RoleStudent, store.RoleTeacher}, roles)

		require.NoError(t, s.UserRoleRemove(ctx, w.User.ID, store.RoleTeacher))
		require.NoError(t, s.UserRoleRemove(ctx, w.User.ID, store.RoleTeacher), "removing twice is a no-op")
		roles, err = s.UserRoles(ctx, w.User.ID)
		require.NoError(t, err)
		require.Equal(t, []string{store.RoleStudent}, roles)

		require.Error(t, s.UserRoleAdd(ctx, w.User.ID, "Wizard"), "unknown roles are refused")
	})
}

func TestAuthSessions(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		w := seed(t, s, "")
		a := store.AuthSession{TokenHash: []byte("hash-a"), UserID: w.User.ID, CreatedAt: t0, ExpiresAt: t0.Add(time.Hour), LastSeenAt: t0}
		b := store.AuthSession{TokenHash: []byte("hash-b"), UserID: w.User.ID, CreatedAt: t0, ExpiresAt: t0.Add(3 * time.Hour), LastSeenAt: t0}
		require.NoError(t, s.AuthSessionInsert(ctx, a))
		require.NoError(t, s.AuthSessionInsert(ctx, b))
		require.ErrorIs(t, s.AuthSessionInsert(ctx, a), store.ErrConflict)

		got, err := s.AuthSessionGet(ctx, a.TokenHash)
		require.NoError(t, err)
		require.Equal(t, a.TokenHash, got.TokenHash)
		require.Equal(t, a.UserID, got.UserID)
		sameTime(t, a.ExpiresAt, got.ExpiresAt)

		seen := t0.Add(30 * time.Minute)
		require.NoError(t, s.AuthSessionTouch(ctx, a.TokenHash, seen, seen.Add(time.Hour)))
		got, err = s.AuthSessionGet(ctx, a.TokenHash)
		require.NoError(t, err)
		sameTime(t, seen, got.LastSeenAt)
		sameTime(t, seen.Add(time.Hour), got.ExpiresAt)
		sameTime(t, t0, got.CreatedAt)

		// At t0+2h, a (expires t0+1h30) is expired and b (t0+3h) is not.
		n, err := s.AuthSessionDeleteExpired(ctx, t0.Add(2*time.Hour))
		require.NoError(t, err)
		require.EqualValues(t, 1, n)
		_, err = s.AuthSessionGet(ctx, a.TokenHash)
		require.ErrorIs(t, err, store.ErrNotFound)
		_, err = s.AuthSessionGet(ctx, b.TokenHash)
		require.NoError(t, err)

		require.NoError(t, s.AuthSessionDelete(ctx, b.TokenHash))
		require.NoError(t, s.AuthSessionDelete(ctx, b.TokenHash), "deleting twice is a no-op")
		_, err = s.AuthSessionGet(ctx, b.TokenHash)
		require.ErrorIs(t, err, store.ErrNotFound)
	})
}

func TestAPIKeys(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		w := seed(t, s, "")
		k := store.APIKey{Key: "k1", UserID: w.User.ID, SecretHash: []byte{1, 2, 3}, Label: "ci", CreatedAt: t0}
		require.NoError(t, s.APIKeyInsert(ctx, k))
		require.ErrorIs(t, s.APIKeyInsert(ctx, k), store.ErrConflict)

		got, err := s.APIKeyGet(ctx, "k1")
		require.NoError(t, err)
		require.Equal(t, k.Key, got.Key)
		require.Equal(t, k.UserID, got.UserID)
		require.Equal(t, k.SecretHash, got.SecretHash)
		require.Equal(t, k.Label, got.Label)
		sameTime(t, k.CreatedAt, got.CreatedAt)

		_, err = s.APIKeyGet(ctx, "nope")
		require.ErrorIs(t, err, store.ErrNotFound)
	})
}
