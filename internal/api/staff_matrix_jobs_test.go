package api_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"memora/internal/api"
	"memora/internal/apitest"
	"memora/internal/store"
)

// The matrix case of River's dashboard, a page of the authorization table.
func init() {
	addCases(map[string]matrixCase{
		"jobs.ui": {global: true, params: none},
	})
}

// River's dashboard is an operation of the authorization table with the roles of the job
// operations, and its route enforces them: students and teachers are refused, a System
// Manager reads the dashboard.
func TestTheJobsDashboardIsAuthorizedByTheTable(t *testing.T) {
	t.Parallel()
	ops := map[string]api.Operation{}
	for _, op := range api.Table() {
		ops[op.Module+"."+op.Function] = op
	}
	ui, ok := ops["jobs.ui"]
	require.True(t, ok, "River's dashboard is in the authorization table")
	require.Equal(t, "/app/jobs/", ui.Path())
	require.Equal(t, ops["jobs.get_dashboard"].Roles, ui.Roles)
	require.Equal(t, ops["jobs.run_now"].Roles, ui.Roles)
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		for _, role := range []string{store.RoleStudent, store.RoleTeacher, store.RoleContentManager, store.RoleInstitutionAdmin} {
			c, _ := env.LoginAs("jobs-"+strings.ReplaceAll(strings.ToLower(role), " ", "-")+"@x.test", "x", role)
			r := c.Get(ui.Path(), nil)
			require.Equal(t, http.StatusForbidden, r.Status, "%s: %s", role, r.Body)
		}
		require.Equal(t, http.StatusUnauthorized, env.Client().Get(ui.Path(), nil).Status)
		sm, _ := env.LoginAs("jobs-sm@x.test", "x", store.RoleSystemManager)
		r := sm.Get(ui.Path(), nil)
		require.Equal(t, http.StatusOK, r.Status, r.Body)
		require.Contains(t, r.Body, "<html")
	})
}
