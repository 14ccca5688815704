package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/store"
)

// The recent sessions are the unexpired ones of enabled users seen since the bound, the
// latest first, at most the limit, each with its user.
func TestAuthSessionsRecentAreTheLatestSeenOfEnabledUsers(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		w := seed(t, s, "")
		require.NoError(t, s.UserSetPassword(ctx, w.User.ID, "argon2id-hash"))
		w.User.PasswordHash = "argon2id-hash"
		off, err := s.UserUpsert(ctx, store.UserUpsertParams{InstitutionID: w.Inst, Email: "off@example.org", Enabled: false, CreatedAt: t0})
		require.NoError(t, err)
		now := t0.Add(time.Hour)
		session := func(tag byte, userID int64, seen time.Time, ttl time.Duration) {
			require.NoError(t, s.AuthSessionInsert(ctx, store.AuthSession{TokenHash: []byte{tag, 1, 2}, UserID: userID,
				CreatedAt: t0, LastSeenAt: seen, ExpiresAt: seen.Add(ttl)}))
		}
		session('a', w.User.ID, now.Add(-50*time.Minute), 24*time.Hour)
		session('b', w.User.ID, now.Add(-10*time.Minute), 24*time.Hour)
		session('c', w.User.ID, now.Add(-5*time.Minute), 24*time.Hour)
		session('d', w.User.ID, now.Add(-2*time.Hour), 24*time.Hour)   // seen before the bound
		session('e', w.User.ID, now.Add(-20*time.Minute), time.Minute) // expired
		session('f', off.ID, now.Add(-time.Minute), 24*time.Hour)      // a disabled user

		recent := func(limit int) []store.RecentSession {
			got, err := s.AuthSessionsRecent(ctx, store.AuthSessionsRecentParams{Since: now.Add(-time.Hour), Now: now, Limit: limit})
			require.NoError(t, err)
			return got
		}
		got := recent(10)
		require.Len(t, got, 3)
		for i, tag := range []byte{'c', 'b', 'a'} {
			require.Equal(t, []byte{tag, 1, 2}, got[i].Session.TokenHash, "the latest seen first")
			require.Equal(t, w.User.ID, got[i].Session.UserID)
			u := w.User
			u.PasswordHash = "" // not read
			require.Equal(t, u, got[i].User)
		}
		sameTime(t, now.Add(-5*time.Minute), got[0].Session.LastSeenAt)
		sameTime(t, now.Add(-5*time.Minute+24*time.Hour), got[0].Session.ExpiresAt)
		got = recent(2)
		require.Len(t, got, 2, "at most the limit")
		require.Equal(t, []byte{'c', 1, 2}, got[0].Session.TokenHash)
		require.Empty(t, recent(0))
	})
}

// Roles, profiles and access grants are read for many users in one query each.
func TestPerStudentRowsByUsers(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		w := seed(t, s, "")
		other, err := s.UserUpsert(ctx, store.UserUpsertParams{InstitutionID: w.Inst, Email: "other@example.org", Enabled: true, CreatedAt: t0})
		require.NoError(t, err)
		bare, err := s.UserUpsert(ctx, store.UserUpsertParams{InstitutionID: w.Inst, Email: "bare@example.org", Enabled: true, CreatedAt: t0})
		require.NoError(t, err)
		ids := []int64{w.User.ID, other.ID, bare.ID}

		require.NoError(t, s.UserRoleAdd(ctx, w.User.ID, store.RoleStudent))
		require.NoError(t, s.UserRoleAdd(ctx, other.ID, store.RoleTeacher))
		require.NoError(t, s.UserRoleAdd(ctx, other.ID, store.RoleStudent))
		roles, err := s.UserRolesByUsers(ctx, ids)
		require.NoError(t, err)
		want := []store.UserRole{{UserID: w.User.ID, Role: store.RoleStudent}, {UserID: other.ID, Role: store.RoleStudent}, {UserID: other.ID, Role: store.RoleTeacher}}
		if w.User.ID > other.ID {
			want = append(want[1:], want[0])
		}
		require.Equal(t, want, roles)

		require.NoError(t, s.ProfileSetAcademic(ctx, store.ProfileSetAcademicParams{UserID: w.User.ID, GradeID: w.Grade,
			StreamID: &w.Stream, SeasonID: &w.Season, Now: t0}))
		require.NoError(t, s.ProfileSetAcademic(ctx, store.ProfileSetAcademicParams{UserID: other.ID, GradeID: w.Grade, Now: t0}))
		profiles, err := s.ProfileListByUsers(ctx, ids)
		require.NoError(t, err)
		require.Len(t, profiles, 2, "a user without a profile has none")
		for _, p := range profiles {
			one, err := s.ProfileGet(ctx, p.UserID)
			require.NoError(t, err)
			require.Equal(t, one.UserID, p.UserID)
			require.Equal(t, one.GradeID, p.GradeID)
			require.Equal(t, one.StreamID, p.StreamID)
			require.Equal(t, one.SeasonID, p.SeasonID)
			require.Equal(t, one.Hearts, p.Hearts)
			sameTime(t, one.UpdatedAt, p.UpdatedAt)
		}

		sub := func(userID int64, typ string, access ...store.AccessRow) {
			_, err := s.SubscriptionInsert(ctx, store.Subscription{UserID: userID, SeasonID: w.Season, Type: typ,
				Status: store.SubscriptionActive, Access: access, CreatedAt: t0})
			require.NoError(t, err)
		}
		sub(w.User.ID, store.SubscriptionSpecific, store.AccessRow{Type: store.AccessSubject, SubjectID: &w.Subject})
		sub(other.ID, store.SubscriptionGlobal)
		day := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		grants, err := s.AccessGrantsActiveByUsers(ctx, ids, day)
		require.NoError(t, err)
		require.Len(t, grants, 2)
		for _, g := range grants {
			one, err := s.AccessGrantsActive(ctx, g.UserID, day)
			require.NoError(t, err)
			require.Equal(t, one, []store.AccessGrant{g.AccessGrant}, "the same grants as one user's query")
		}
		none, err := s.AccessGrantsActiveByUsers(ctx, ids, time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC))
		require.NoError(t, err)
		require.Empty(t, none, "an ended season grants nothing")
		empty, err := s.UserRolesByUsers(ctx, nil)
		require.NoError(t, err)
		require.Empty(t, empty)
	})
}
