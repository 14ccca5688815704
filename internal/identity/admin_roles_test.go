package identity

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"memora/internal/audit"
	"memora/internal/store"
	"memora/internal/store/storetest"
)

// A grant of a role the user holds, or a removal of one they do not, changes nothing: no
// audit entry, and the user's session is left as it was. A real change is audited once.
func TestSetUserRoleChangesNothingWhenTheRoleIsAlreadySo(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st store.Store) {
		ctx := context.Background()
		a, _, _ := twoServers(t, st)
		w := newTwoServersWorld(t, st, a, a)
		u := w.newUser("teacher@example.org", store.RoleTeacher)
		res, err := a.Login(ctx, u.Email, "correct horse 1", "10.0.0.1")
		require.NoError(t, err)
		entries := func(action string) int {
			t.Helper()
			got, err := a.Audit.List(ctx, audit.Query{InstitutionID: "inst", Action: action})
			require.NoError(t, err)
			return len(got)
		}

		v, err := a.SetUserRole(ctx, w.admin, u.ID, store.RoleContentManager, false)
		require.NoError(t, err)
		require.Equal(t, []string{store.RoleTeacher}, v.Roles)
		v, err = a.SetUserRole(ctx, w.admin, u.ID, store.RoleTeacher, true)
		require.NoError(t, err)
		require.Equal(t, []string{store.RoleTeacher}, v.Roles)
		require.Zero(t, entries(audit.RoleRemoved), "a role not held is not removed")
		require.Zero(t, entries(audit.RoleAdded), "a role held is not granted again")
		who, err := a.AuthenticateSession(ctx, res.Token)
		require.NoError(t, err)
		require.Equal(t, []string{store.RoleTeacher}, who.Roles)

		_, err = a.SetUserRole(ctx, w.admin, u.ID, store.RoleTeacher, false)
		require.NoError(t, err)
		require.Equal(t, 1, entries(audit.RoleRemoved))
		who, err = a.AuthenticateSession(ctx, res.Token)
		require.NoError(t, err)
		require.Empty(t, who.Roles, "the removal is seen at once")
	})
}
