package api_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"memora/internal/apitest"
	"memora/internal/shop"
	"memora/internal/store"
)

// The purchase list by role: an Institution Admin sees their institution's requests only (and
// naming another institution is "not found"); a System Manager sees every institution's, each
// with its institution, or one institution's when it is named.
func TestASystemManagerListsThePurchasesOfEveryInstitution(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		f := newFixture(t, env)
		own, other := f.purchase(ownInst), f.purchase(otherInst)
		list := apitest.Method("store", "get_purchase_requests")
		ids := func(c *apitest.Client, params map[string]string) map[int64]string {
			t.Helper()
			r := c.Get(list, params)
			require.Equal(t, http.StatusOK, r.Status, r.Body)
			var reqs []shop.RequestView
			r.Message(t, &reqs)
			out := map[int64]string{}
			for _, q := range reqs {
				out[q.ID] = q.Institution
			}
			return out
		}
		admin, _ := env.LoginAs("admin@own.test", ownInst, store.RoleInstitutionAdmin)
		sm, _ := env.LoginAs("sm@own.test", ownInst, store.RoleSystemManager)

		require.Equal(t, map[int64]string{own: ownInst}, ids(admin, nil))
		require.Equal(t, map[int64]string{own: ownInst}, ids(admin, map[string]string{"institution": ownInst}))
		require.Equal(t, http.StatusNotFound, admin.Get(list, map[string]string{"institution": otherInst}).Status)

		require.Equal(t, map[int64]string{own: ownInst, other: otherInst}, ids(sm, nil))
		require.Equal(t, map[int64]string{other: otherInst}, ids(sm, map[string]string{"institution": otherInst}))
		require.Empty(t, ids(sm, map[string]string{"institution": otherInst, "status": store.PurchaseApproved}))

		for _, role := range []string{store.RoleStudent, store.RoleTeacher, store.RoleContentManager} {
			c, _ := env.LoginAs("p-"+f.next()+"@own.test", ownInst, role)
			require.Equal(t, http.StatusForbidden, c.Get(list, nil).Status, role)
		}
	})
}
