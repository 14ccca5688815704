package api_test

import (
	"context"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"memora/internal/apitest"
	"memora/internal/audit"
	"memora/internal/catalog"
	"memora/internal/store"
	"memora/internal/store/litestore"
	"memora/internal/store/pgstore"
)

type requestRow struct {
	ID            int64   `json:"name"`
	UserID        int64   `json:"user_id"`
	User          string  `json:"user"`
	Item          string  `json:"sales_item"`
	ItemName      string  `json:"item_name"`
	Status        string  `json:"status"`
	Price         float64 `json:"price"`
	TransactionID string  `json:"transaction_id"`
}

type decision struct {
	Status         string `json:"status"`
	RequestID      int64  `json:"request_id"`
	SubscriptionID int64  `json:"subscription_id"`
	Already        bool   `json:"already"`
}

var (
	requestsPath = apitest.Method("store", "get_purchase_requests")
	approvePath  = apitest.Method("store", "approve_purchase_request")
	rejectPath   = apitest.Method("store", "reject_purchase_request")
)

// requestItem has the student ask for item and returns the request id.
func requestItem(t *testing.T, c *apitest.Client, item string) int64 {
	t.Helper()
	r := c.Post(requestPath, map[string]any{"item_id": item, "transaction_id": "TX-" + item})
	require.Equal(t, 200, r.Status, r.Body)
	var rep purchaseReply
	r.Message(t, &rep)
	require.Equal(t, "success", rep.Status)
	return rep.RequestID
}

func decide(t *testing.T, c *apitest.Client, path string, id int64) decision {
	t.Helper()
	r := c.Post(path, map[string]any{"request_id": id})
	require.Equal(t, 200, r.Status, r.Body)
	var d decision
	r.Message(t, &d)
	return d
}

func subscriptions(t *testing.T, env *apitest.Env, userID int64) []store.Subscription {
	t.Helper()
	subs, err := env.Store.SubscriptionsByUser(context.Background(), userID)
	require.NoError(t, err)
	return subs
}

func gmAccessKeys(t *testing.T, c *apitest.Client) catalog.AccessKeys {
	t.Helper()
	r := c.Get(apitest.Method("user_access", "get_user_access_keys"), nil)
	require.Equal(t, 200, r.Status, r.Body)
	var k catalog.AccessKeys
	r.Message(t, &k)
	return k
}

// deleteProfile removes a profile behind the API's back (no endpoint does).
func deleteProfile(t *testing.T, env *apitest.Env, userID int64) {
	t.Helper()
	var err error
	switch db := env.Store.(type) {
	case *litestore.Store:
		_, err = db.Writer().Exec("DELETE FROM player_profiles WHERE user_id = ?", userID)
	case *pgstore.Store:
		_, err = db.Pool().Exec(context.Background(), "DELETE FROM player_profiles WHERE user_id = $1", userID)
	default:
		t.Fatalf("unknown store %T", env.Store)
	}
	require.NoError(t, err)
}

// Approval creates one Specific Access subscription in the item's season with the bundle's
// rows (J.89: the bundle, not the name, decides), the student's access changes at once
// (J.91: the cached access keys are dropped) and approving again changes nothing.
func TestApprovePurchase(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		ctx := context.Background()
		shopWorld(t, env)
		w := &gameWorld{env: env, inst: "x"}
		c, u := w.player(t, "s@x.test", 0)
		admin, _ := env.LoginAs("admin@x.test", "x", store.RoleInstitutionAdmin)

		// The access keys are cached; a subscription written behind the cache's back stays
		// invisible until something invalidates the player's entry.
		require.Empty(t, gmAccessKeys(t, c).Subjects)
		phys := gmPhys
		subscribe(t, env, u.ID, gmSeason, store.SubscriptionSpecific, store.AccessRow{Type: store.AccessSubject, SubjectID: &phys})
		require.Empty(t, gmAccessKeys(t, c).Subjects, "served from the cache")

		id := requestItem(t, c, "math-pack") // "Math + Physics" by name, Math only in its bundle
		r := admin.Get(requestsPath, nil)
		require.Equal(t, 200, r.Status, r.Body)
		var rows []requestRow
		r.Message(t, &rows)
		require.Equal(t, []requestRow{{ID: id, UserID: u.ID, User: "s@x.test", Item: "math-pack", ItemName: "رياضيات + فيزياء",
			Status: "pending", Price: 20, TransactionID: "TX-math-pack"}}, rows)

		d := decide(t, admin, approvePath, id)
		require.Equal(t, "approved", d.Status)
		require.False(t, d.Already)
		sub, err := env.Store.SubscriptionByPurchase(ctx, id)
		require.NoError(t, err)
		require.Equal(t, d.SubscriptionID, sub.ID)
		math := gmMath
		require.Equal(t, []store.AccessRow{{Type: store.AccessSubject, SubjectID: &math}}, sub.Access)
		require.Equal(t, []any{u.ID, gmSeason, store.SubscriptionSpecific, store.SubscriptionActive},
			[]any{sub.UserID, sub.SeasonID, sub.Type, sub.Status})
		require.ElementsMatch(t, []string{gmMath, gmPhys}, gmAccessKeys(t, c).Subjects, "access changes at once")
		require.NotContains(t, itemNames(storeItems(t, c)), "math-pack", "owned now")

		again := decide(t, admin, approvePath, id)
		require.True(t, again.Already)
		require.Equal(t, d.SubscriptionID, again.SubscriptionID)
		require.Len(t, subscriptions(t, env, u.ID), 2, "the approval's and the one written directly")
		expectError(t, admin.Post(rejectPath, map[string]any{"request_id": id}), 409, "ConflictError")

		approved, err := env.Store.AuditList(ctx, store.AuditListParams{Action: audit.PurchaseApproved, Limit: 10})
		require.NoError(t, err)
		require.Len(t, approved, 1)
		require.Equal(t, "admin@x.test", approved[0].ActorEmail)
	})
}

// Two admins approving at once create exactly one subscription.
func TestApprovePurchaseConcurrently(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		shopWorld(t, env)
		w := &gameWorld{env: env, inst: "x"}
		c, u := w.player(t, "s@x.test", 0)
		admins := []*apitest.Client{}
		for _, email := range []string{"a1@x.test", "a2@x.test"} {
			a, _ := env.LoginAs(email, "x", store.RoleInstitutionAdmin)
			admins = append(admins, a)
		}
		for round, item := range []string{"phys-pack", "math-track", "math-pack"} {
			id := requestItem(t, c, item)
			var wg sync.WaitGroup
			results := make(chan decision, 4)
			for i := range 4 {
				wg.Go(func() {
					r := admins[i%2].Post(approvePath, map[string]any{"request_id": id})
					var d decision
					if r.Status == 200 {
						r.Message(t, &d)
					}
					results <- d
				})
			}
			wg.Wait()
			close(results)
			fresh, subID := 0, int64(0)
			for d := range results {
				require.Equal(t, "approved", d.Status)
				if !d.Already {
					fresh++
				}
				if subID == 0 {
					subID = d.SubscriptionID
				}
				require.Equal(t, subID, d.SubscriptionID, "every answer names the one subscription")
			}
			require.Equal(t, 1, fresh)
			require.Len(t, subscriptions(t, env, u.ID), round+1)
		}
	})
}

// J.88: a rejected request creates nothing and its item returns to the store (and may be
// requested again). J.90: an item without a season cannot be approved; nothing changes. A
// student without a profile cannot be approved either.
func TestRejectAndRefusedApprovals(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		ctx := context.Background()
		shopWorld(t, env)
		w := &gameWorld{env: env, inst: "x"}
		c, u := w.player(t, "s@x.test", 0)
		admin, _ := env.LoginAs("admin@x.test", "x", store.RoleInstitutionAdmin)

		id := requestItem(t, c, "phys-pack")
		require.NotContains(t, itemNames(storeItems(t, c)), "phys-pack")
		d := decide(t, admin, rejectPath, id)
		require.Equal(t, decision{Status: "rejected", RequestID: id}, d)
		require.True(t, decide(t, admin, rejectPath, id).Already)
		require.Empty(t, subscriptions(t, env, u.ID))
		require.Contains(t, itemNames(storeItems(t, c)), "phys-pack", "back in the store")
		expectError(t, admin.Post(approvePath, map[string]any{"request_id": id}), 409, "ConflictError")
		requestItem(t, c, "phys-pack")

		// The item lost its season after the request was made.
		id = requestItem(t, c, "math-track")
		it, err := env.Store.ShopItemGet(ctx, "math-track")
		require.NoError(t, err)
		it.SeasonID = nil
		require.NoError(t, env.Store.SalesItemUpsert(ctx, it))
		r := admin.Post(approvePath, map[string]any{"request_id": id})
		expectError(t, r, 400, "ValidationError")
		require.Contains(t, r.Body, "is not linked to a season")
		require.Empty(t, subscriptions(t, env, u.ID))
		got, err := env.Store.PurchaseRequestGet(ctx, id)
		require.NoError(t, err)
		require.Equal(t, store.PurchasePending, got.Status, "nothing changed")

		// A request whose student has no profile (it was made, then the profile went away).
		other, ou := w.player(t, "o@x.test", 0)
		oid := requestItem(t, other, "free")
		deleteProfile(t, env, ou.ID)
		expectError(t, admin.Post(approvePath, map[string]any{"request_id": oid}), 400, "ValidationError")
		require.Empty(t, subscriptions(t, env, ou.ID))

		rejected, err := env.Store.AuditList(ctx, store.AuditListParams{Action: audit.PurchaseRejected, Limit: 10})
		require.NoError(t, err)
		require.Len(t, rejected, 1)
	})
}

// Only Institution Admins (and System Managers) decide, and only for their institution.
func TestPurchaseAdminAccess(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		shopWorld(t, env)
		w := &gameWorld{env: env, inst: "x"}
		c, _ := w.player(t, "s@x.test", 0)
		id := requestItem(t, c, "phys-pack")
		teacher, _ := env.LoginAs("t@x.test", "x", store.RoleTeacher)
		foreign, _ := env.LoginAs("admin@y.test", "y", store.RoleInstitutionAdmin)

		for _, path := range []string{approvePath, rejectPath} {
			expectError(t, c.Post(path, map[string]any{"request_id": id}), 403, "PermissionError")
			expectError(t, teacher.Post(path, map[string]any{"request_id": id}), 403, "PermissionError")
			expectError(t, foreign.Post(path, map[string]any{"request_id": id}), 404, "DoesNotExistError")
		}
		expectError(t, c.Get(requestsPath, nil), 403, "PermissionError")
		r := foreign.Get(requestsPath, nil)
		require.Equal(t, 200, r.Status, r.Body)
		var rows []requestRow
		r.Message(t, &rows)
		require.Empty(t, rows, "another institution's requests are not listed")

		sysman, _ := env.LoginAs("root@x.test", "x", store.RoleSystemManager)
		expectError(t, sysman.Post(approvePath, map[string]any{"request_id": "abc"}), 400, "ValidationError")
		expectError(t, sysman.Post(approvePath, map[string]any{}), 400, "ValidationError")
		expectError(t, sysman.Post(approvePath, map[string]any{"request_id": 999999}), 404, "DoesNotExistError")
		expectError(t, sysman.Get(requestsPath, map[string]string{"status": "lost"}), 400, "ValidationError")
		expectError(t, sysman.Get(requestsPath, map[string]string{"limit": "100000"}), 400, "ValidationError")
		require.Equal(t, "approved", decide(t, sysman, approvePath, id).Status)
	})
}
