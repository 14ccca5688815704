package storetest

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/store"
)

func TestJoinCodesAreInsertedListedDisabledAndUsedUpToTheirLimits(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		w := seed(t, s, "")
		require.NoError(t, s.InstitutionUpsert(ctx, store.Institution{ID: "other", Name: "O", TimeZone: "UTC"}))

		open := store.JoinCode{Code: "OPEN2345", InstitutionID: w.Inst, Role: store.RoleStudent, CreatedBy: "cli", CreatedAt: t0}
		limited := store.JoinCode{Code: "TWICE234", InstitutionID: w.Inst, Role: store.RoleStudent, MaxUses: ptr(int64(2)),
			ExpiresAt: ptr(t0.Add(time.Hour)), CreatedBy: "admin@example.org", CreatedAt: t0.Add(time.Minute)}
		require.NoError(t, s.JoinCodeInsert(ctx, open))
		require.NoError(t, s.JoinCodeInsert(ctx, limited))
		require.NoError(t, s.JoinCodeInsert(ctx, store.JoinCode{Code: "ELSEWHER", InstitutionID: "other", Role: store.RoleStudent, CreatedAt: t0}))
		require.ErrorIs(t, s.JoinCodeInsert(ctx, open), store.ErrConflict, "a code exists once")
		err := s.JoinCodeInsert(ctx, store.JoinCode{Code: "TEACHER1", InstitutionID: w.Inst, Role: store.RoleTeacher, CreatedAt: t0})
		require.Error(t, err, "codes grant Student only")

		got, err := s.JoinCodeGet(ctx, "TWICE234")
		require.NoError(t, err)
		sameTime(t, *limited.ExpiresAt, *got.ExpiresAt)
		sameTime(t, limited.CreatedAt, got.CreatedAt)
		got.ExpiresAt, got.CreatedAt = limited.ExpiresAt, limited.CreatedAt
		require.Equal(t, limited, got)
		_, err = s.JoinCodeGet(ctx, "MISSING1")
		require.ErrorIs(t, err, store.ErrNotFound)

		list, err := s.JoinCodeList(ctx, w.Inst)
		require.NoError(t, err)
		require.Len(t, list, 2)
		require.Equal(t, []string{"TWICE234", "OPEN2345"}, []string{list[0].Code, list[1].Code}, "newest first, own institution only")

		// Uses are counted while uses are left, and never past the expiry.
		require.NoError(t, s.JoinCodeUse(ctx, "TWICE234", t0))
		require.NoError(t, s.JoinCodeUse(ctx, "TWICE234", t0))
		require.ErrorIs(t, s.JoinCodeUse(ctx, "TWICE234", t0), store.ErrNotFound, "used up")
		got, err = s.JoinCodeGet(ctx, "TWICE234")
		require.NoError(t, err)
		require.EqualValues(t, 2, got.Uses)
		require.NoError(t, s.JoinCodeUpsert(ctx, store.JoinCode{Code: "TWICE234", InstitutionID: w.Inst, Role: store.RoleStudent,
			MaxUses: ptr(int64(5)), ExpiresAt: ptr(t0.Add(time.Hour)), CreatedBy: "import", CreatedAt: t0.Add(time.Hour)}))
		got, err = s.JoinCodeGet(ctx, "TWICE234")
		require.NoError(t, err)
		require.EqualValues(t, 2, got.Uses, "an upsert keeps the uses")
		require.EqualValues(t, 5, *got.MaxUses)
		require.Equal(t, "import", got.CreatedBy)
		sameTime(t, limited.CreatedAt, got.CreatedAt, "an upsert keeps the creation time")
		require.NoError(t, s.JoinCodeUse(ctx, "TWICE234", t0.Add(59*time.Minute)))
		require.ErrorIs(t, s.JoinCodeUse(ctx, "TWICE234", t0.Add(time.Hour)), store.ErrNotFound, "expired")
		require.ErrorIs(t, s.JoinCodeUse(ctx, "MISSING1", t0), store.ErrNotFound)

		// A disabled code cannot be used; disabling twice keeps the first time.
		require.NoError(t, s.JoinCodeUse(ctx, "OPEN2345", t0.Add(1000*time.Hour)), "no expiry, no limit")
		require.NoError(t, s.JoinCodeDisable(ctx, "OPEN2345", t0.Add(time.Hour)))
		require.NoError(t, s.JoinCodeDisable(ctx, "OPEN2345", t0.Add(2*time.Hour)))
		got, err = s.JoinCodeGet(ctx, "OPEN2345")
		require.NoError(t, err)
		sameTime(t, t0.Add(time.Hour), *got.DisabledAt)
		require.EqualValues(t, 1, got.Uses)
		require.ErrorIs(t, s.JoinCodeUse(ctx, "OPEN2345", t0), store.ErrNotFound, "disabled")
		require.ErrorIs(t, s.JoinCodeDisable(ctx, "MISSING1", t0), store.ErrNotFound)

		// An upsert that disables keeps the first disabling time (re-imports change nothing);
		// one without a disabling time enables the code again.
		again := open
		again.DisabledAt = ptr(t0.Add(5 * time.Hour))
		require.NoError(t, s.JoinCodeUpsert(ctx, again))
		got, err = s.JoinCodeGet(ctx, "OPEN2345")
		require.NoError(t, err)
		sameTime(t, t0.Add(time.Hour), *got.DisabledAt)
		require.NoError(t, s.JoinCodeUpsert(ctx, open))
		got, err = s.JoinCodeGet(ctx, "OPEN2345")
		require.NoError(t, err)
		require.Nil(t, got.DisabledAt)
		require.NoError(t, s.JoinCodeUse(ctx, "OPEN2345", t0))
	})
}

func TestUserInsertNeverTakesOverAnExistingEmail(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		w := seed(t, s, "")
		u, err := s.UserInsert(ctx, store.UserUpsertParams{InstitutionID: w.Inst, Email: "new@example.org", FullName: "New", Enabled: true, CreatedAt: t0})
		require.NoError(t, err)
		require.Positive(t, u.ID)
		require.Equal(t, "New", u.FullName)
		sameTime(t, t0, u.CreatedAt)

		_, err = s.UserInsert(ctx, store.UserUpsertParams{InstitutionID: w.Inst, Email: w.User.Email, FullName: "Thief", Enabled: true, CreatedAt: t0})
		require.ErrorIs(t, err, store.ErrConflict)
		got, err := s.UserGet(ctx, w.User.ID)
		require.NoError(t, err)
		require.Equal(t, "Student", got.FullName, "the existing account is unchanged")
	})
}

func TestPasswordResetTokensWorkOnceBeforeTheyExpire(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		w := seed(t, s, "")
		r := store.PasswordReset{TokenHash: []byte("hash-1"), UserID: w.User.ID, CreatedAt: t0, ExpiresAt: t0.Add(time.Hour)}
		require.NoError(t, s.PasswordResetInsert(ctx, r))
		require.NoError(t, s.PasswordResetInsert(ctx, store.PasswordReset{TokenHash: []byte("hash-2"), UserID: w.User.ID, CreatedAt: t0, ExpiresAt: t0.Add(time.Hour)}))
		got, err := s.PasswordResetGet(ctx, []byte("hash-1"))
		require.NoError(t, err)
		require.Equal(t, w.User.ID, got.UserID)
		sameTime(t, t0.Add(time.Hour), got.ExpiresAt)
		require.Nil(t, got.UsedAt)

		require.ErrorIs(t, s.PasswordResetUse(ctx, []byte("hash-1"), t0.Add(time.Hour)), store.ErrNotFound, "expired")
		require.NoError(t, s.PasswordResetUse(ctx, []byte("hash-1"), t0.Add(time.Minute)))
		require.ErrorIs(t, s.PasswordResetUse(ctx, []byte("hash-1"), t0.Add(2*time.Minute)), store.ErrNotFound, "used")
		got, err = s.PasswordResetGet(ctx, []byte("hash-1"))
		require.NoError(t, err)
		sameTime(t, t0.Add(time.Minute), *got.UsedAt)
		_, err = s.PasswordResetGet(ctx, []byte("nope"))
		require.ErrorIs(t, err, store.ErrNotFound)

		n, err := s.PasswordResetDeleteExpired(ctx, t0.Add(time.Hour))
		require.NoError(t, err)
		require.EqualValues(t, 2, n)
	})
}

func TestSpendingAUsersResetLinksLeavesOtherUsersLinks(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		w := seed(t, s, "")
		other, err := s.UserInsert(ctx, store.UserUpsertParams{InstitutionID: w.Inst, Email: "other@example.org", Enabled: true, CreatedAt: t0})
		require.NoError(t, err)
		for i, uid := range []int64{w.User.ID, w.User.ID, w.User.ID, other.ID} {
			require.NoError(t, s.PasswordResetInsert(ctx, store.PasswordReset{TokenHash: []byte{byte(i)}, UserID: uid, CreatedAt: t0, ExpiresAt: t0.Add(time.Hour)}))
		}
		require.NoError(t, s.PasswordResetUse(ctx, []byte{0}, t0.Add(time.Minute)))

		n, err := s.PasswordResetSpendByUser(ctx, w.User.ID, t0.Add(2*time.Minute))
		require.NoError(t, err)
		require.EqualValues(t, 2, n, "the unused ones")
		first, err := s.PasswordResetGet(ctx, []byte{0})
		require.NoError(t, err)
		sameTime(t, t0.Add(time.Minute), *first.UsedAt)
		require.ErrorIs(t, s.PasswordResetUse(ctx, []byte{1}, t0.Add(3*time.Minute)), store.ErrNotFound)
		require.NoError(t, s.PasswordResetUse(ctx, []byte{3}, t0.Add(3*time.Minute)), "another user's link still works")
	})
}

func TestSessionsOfOneUserAreDeletedTogether(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		w := seed(t, s, "")
		other, err := s.UserInsert(ctx, store.UserUpsertParams{InstitutionID: w.Inst, Email: "o@example.org", Enabled: true, CreatedAt: t0})
		require.NoError(t, err)
		for i, id := range []int64{w.User.ID, w.User.ID, other.ID} {
			require.NoError(t, s.AuthSessionInsert(ctx, store.AuthSession{TokenHash: []byte{byte(i)}, UserID: id,
				CreatedAt: t0, ExpiresAt: t0.Add(time.Hour), LastSeenAt: t0}))
		}
		n, err := s.AuthSessionDeleteByUser(ctx, w.User.ID)
		require.NoError(t, err)
		require.EqualValues(t, 2, n)
		_, err = s.AuthSessionGet(ctx, []byte{0})
		require.ErrorIs(t, err, store.ErrNotFound)
		_, err = s.AuthSessionGet(ctx, []byte{2})
		require.NoError(t, err, "another user's session stays")
	})
}

// Items are counted per quarter hour of their due time; overdue ones at From; retired ones,
// other seasons, other players and items due at or after Until not at all.
func TestMemoryDueQuarterHoursCountsLiveItemsFromNowUntilTheEnd(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		from := time.Date(2026, 3, 4, 22, 0, 0, 0, time.UTC)
		until := from.Add(48 * time.Hour)
		item := func(user int64, season, q string, due time.Time, retired bool) store.MemoryState {
			return store.MemoryState{UserID: user, SeasonID: season, QuestionID: q, Level: 1, Due: due, Retired: retired,
				CreatedAt: t0, UpdatedAt: t0}
		}
		items := []store.MemoryState{
			item(7, "s1", "overdue-1", from.Add(-72*time.Hour), false),
			item(7, "s1", "overdue-2", from.Add(-time.Second), false),
			item(7, "s1", "now", from, false),
			item(7, "s1", "q1", from.Add(14*time.Minute), false), // same quarter as from
			item(7, "s1", "q2", from.Add(15*time.Minute), false),
			item(7, "s1", "q3", from.Add(47*time.Hour+59*time.Minute), false),
			item(7, "s1", "late", until, false),
			item(7, "s1", "retired", from.Add(time.Hour), true),
			item(7, "s2", "other-season", from.Add(time.Hour), false),
			item(8, "s1", "other-player", from.Add(time.Hour), false),
		}
		require.NoError(t, s.MemoryUpsert(ctx, items))
		got, err := s.MemoryDueQuarterHours(ctx, store.DueCountParams{UserID: 7, SeasonID: "s1", From: from, Until: until})
		require.NoError(t, err)
		require.Len(t, got, 3, "%v", got)
		for i, want := range []store.DueCount{{At: from, Count: 4}, {At: from.Add(15 * time.Minute), Count: 1},
			{At: from.Add(47*time.Hour + 45*time.Minute), Count: 1}} {
			sameTime(t, want.At, got[i].At)
			require.Equal(t, want.Count, got[i].Count, "bucket %d", i)
		}
		none, err := s.MemoryDueQuarterHours(ctx, store.DueCountParams{UserID: 9, SeasonID: "s1", From: from, Until: until})
		require.NoError(t, err)
		require.Empty(t, none)
		require.False(t, errors.Is(err, store.ErrNotFound))
	})
}
