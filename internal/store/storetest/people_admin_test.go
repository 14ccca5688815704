package storetest

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"memora/internal/store"
)

func TestPeopleAdminListsAnInstitutionsUsersWithTheirRoles(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		w := seed(t, s, "")
		other := seed(t, s, "-other")
		teacher, err := s.UserUpsert(ctx, store.UserUpsertParams{InstitutionID: w.Inst, Email: "amal@example.org",
			FullName: "Amal Teacher", Enabled: true, CreatedAt: t0})
		require.NoError(t, err)
		require.NoError(t, s.UserRoleAdd(ctx, teacher.ID, store.RoleTeacher))
		require.NoError(t, s.UserRoleAdd(ctx, teacher.ID, store.RoleContentManager))
		require.NoError(t, s.UserRoleAdd(ctx, other.User.ID, store.RoleStudent))

		users, err := s.UserListByInstitution(ctx, store.UserListParams{InstitutionID: w.Inst, Limit: 10})
		require.NoError(t, err)
		require.Equal(t, []string{"amal@example.org", w.User.Email}, ids(users, func(u store.User) string { return u.Email }),
			"own institution only, by e-mail")
		found, err := s.UserListByInstitution(ctx, store.UserListParams{InstitutionID: w.Inst, Search: "TEACH", Limit: 10})
		require.NoError(t, err)
		require.Len(t, found, 1, "the name matches, case-insensitively")
		one, err := s.UserListByInstitution(ctx, store.UserListParams{InstitutionID: w.Inst, Limit: 1})
		require.NoError(t, err)
		require.Len(t, one, 1)

		roles, err := s.UserRolesByInstitution(ctx, w.Inst)
		require.NoError(t, err)
		require.Equal(t, map[int64][]string{teacher.ID: {store.RoleContentManager, store.RoleTeacher}}, roles)
	})
}

func TestInstitutionSettingsAreReadAndWrittenWhole(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		w := seed(t, s, "")
		got, err := s.InstitutionSettingsGet(ctx, w.Inst)
		require.NoError(t, err)
		require.Equal(t, "Asia/Amman", got.TimeZone)
		require.Empty(t, got.LogoURL)
		want := store.InstitutionSettings{ID: w.Inst, Name: "مدرسة", NameEN: "School", TimeZone: "Europe/Paris",
			LogoURL: "https://cdn.example.org/logo.png"}
		require.NoError(t, s.InstitutionSettingsUpdate(ctx, want))
		got, err = s.InstitutionSettingsGet(ctx, w.Inst)
		require.NoError(t, err)
		require.Equal(t, want, got)
		inst, err := s.InstitutionGet(ctx, w.Inst)
		require.NoError(t, err)
		require.Equal(t, "Europe/Paris", inst.TimeZone)
		require.ErrorIs(t, s.InstitutionSettingsUpdate(ctx, store.InstitutionSettings{ID: "nope", Name: "x", TimeZone: "UTC"}), store.ErrNotFound)
		_, err = s.InstitutionSettingsGet(ctx, "nope")
		require.ErrorIs(t, err, store.ErrNotFound)
	})
}

func TestInstitutionSettingsKeepTheCurrencyAndThePaymentNotes(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		w := seed(t, s, "")
		got, err := s.InstitutionSettingsGet(ctx, w.Inst)
		require.NoError(t, err)
		require.Empty(t, got.Currency, "an institution starts without a currency")
		require.Empty(t, got.PaymentNote)
		require.Empty(t, got.PaymentNoteEN)
		got.Currency = "JOD"
		got.PaymentNote = "البنك العربي\nIBAN: JO00 DEMO 0000 0000 0000 0000 0000 00\nاكتب بريدك في المرجع"
		got.PaymentNoteEN = "Arab Bank\nIBAN: JO00 DEMO 0000 0000 0000 0000 0000 00\nWrite your e-mail as the reference"
		require.NoError(t, s.InstitutionSettingsUpdate(ctx, got))
		back, err := s.InstitutionSettingsGet(ctx, w.Inst)
		require.NoError(t, err)
		require.Equal(t, got, back, "the line breaks and both languages come back as written")
		got.Currency, got.PaymentNote, got.PaymentNoteEN = "", "", ""
		require.NoError(t, s.InstitutionSettingsUpdate(ctx, got))
		back, err = s.InstitutionSettingsGet(ctx, w.Inst)
		require.NoError(t, err)
		require.Equal(t, got, back, "an update clears them as it clears the logo")
	})
}
