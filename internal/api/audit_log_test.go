package api_test

import (
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/apitest"
	"memora/internal/store"
)

type auditRecord struct {
	Institution *string `json:"institution"`
	Actor       string  `json:"actor"`
	Action      string  `json:"action"`
}

func auditLog(t *testing.T, c *apitest.Client, params map[string]string) []auditRecord {
	t.Helper()
	r := c.Get(apitest.Method("audit", "get_audit_log"), params)
	require.Equal(t, 200, r.Status, r.Body)
	var out []auditRecord
	r.Message(t, &out)
	return out
}

// Logins (and failures) are in the audit log; System Managers read every institution and
// filter by institution, actor, action and time; Institution Admins read only their own;
// others are refused.
func TestAuditLogAPI(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		sm, smUser := env.LoginAs("sm@x.test", "hq", store.RoleSystemManager)
		ia, _ := env.LoginAs("ia@a.test", "a", store.RoleInstitutionAdmin)
		env.LoginAs("s@b.test", "b")
		require.Equal(t, 401, env.Client().Post("/api/method/login", map[string]any{"usr": "s@b.test", "pwd": "wrong"}).Status)

		all := auditLog(t, sm, nil)
		require.GreaterOrEqual(t, len(all), 4)
		require.Len(t, auditLog(t, sm, map[string]string{"institution": "b", "action": "login.failed"}), 1)
		mine := auditLog(t, sm, map[string]string{"actor": "sm@x.test"})
		require.NotEmpty(t, mine)
		for _, e := range mine {
			require.Equal(t, "sm@x.test", e.Actor)
		}
		require.Equal(t, mine, auditLog(t, sm, map[string]string{"actor": strconv.FormatInt(smUser.ID, 10)}))
		require.Empty(t, auditLog(t, sm, map[string]string{"actor": "nobody@x.test"}))
		require.Len(t, auditLog(t, sm, map[string]string{"limit": "1"}), 1)
		require.Empty(t, auditLog(t, sm, map[string]string{"since": apitest.Start.Add(time.Minute).Format(time.RFC3339)}))
		require.Len(t, auditLog(t, sm, map[string]string{"until": "2026-11-25"}), len(all), "an until date includes that day")

		own := auditLog(t, ia, nil)
		require.NotEmpty(t, own)
		for _, e := range own {
			require.Equal(t, "a", *e.Institution)
		}
		expectMessage(t, ia.Get(apitest.Method("audit", "get_audit_log"), map[string]string{"institution": "b"}), 403,
			"You can only view the audit log of your own institution.")
		student, _ := env.LoginAs("s2@b.test", "b")
		expectMessage(t, student.Get(apitest.Method("audit", "get_audit_log"), nil), 403,
			"You don't have permission to view the audit log.")
		expectMessage(t, sm.Get(apitest.Method("audit", "get_audit_log"), map[string]string{"limit": "5000"}), 400,
			"limit must be between 1 and 1000")
		expectMessage(t, sm.Get(apitest.Method("audit", "get_audit_log"), map[string]string{"since": "yesterday"}), 400,
			"Invalid value for since: expected YYYY-MM-DD or an RFC 3339 time")
	})
}
