package api_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/apitest"
	"memora/internal/audit"
	"memora/internal/store"
)

type storeItem struct {
	Name                 string   `json:"name"`
	ItemName             string   `json:"item_name"`
	Price                float64  `json:"price"`
	DiscountedPrice      *float64 `json:"discounted_price"`
	PriceCents           int64    `json:"price_cents"`
	DiscountedPriceCents *int64   `json:"discounted_price_cents"`
	TargetGrade          *string  `json:"target_grade"`
	TargetStreams        []string `json:"target_streams"`
	Currency             *string  `json:"currency"`
	Bundle               []struct {
		Type    string  `json:"type"`
		Subject *string `json:"subject"`
		Track   *string `json:"track"`
	} `json:"bundle"`
}

type purchaseReply struct {
	Status    string `json:"status"`
	Message   string `json:"message"`
	MessageEN string `json:"message_en"`
	RequestID int64  `json:"request_id"`
}

var (
	itemsPath   = apitest.Method("store", "get_store_items")
	requestPath = apitest.Method("store", "request_purchase")
)

const (
	oldSeason = "S2526"
	gmTrack   = gmMath + "-main"
)

// shopWorld adds the store to a gameWorld: items of the active season (cheapest first
// below), and ones hidden from a G12 scientific student of institution x.
func shopWorld(t *testing.T, env *apitest.Env) *gameWorld {
	t.Helper()
	ctx := context.Background()
	w := newGameWorld(t, env, "x")
	env.Institution("y")
	require.NoError(t, env.Store.SeasonUpsert(ctx, store.Season{ID: oldSeason, Title: "2025/26", StartDate: time.Date(2025, 9, 1, 0, 0, 0, 0, time.UTC),
		EndDate: time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC), Scheduler: store.SchedulerFSRS, DesiredRetention: 0.9,
		GradeMapping: "binary", CreatedAt: apitest.Start}))
	season, old, grade, g10, x, y := gmSeason, oldSeason, gmGrade, "G10", "x", "y"
	subject := func(id string) []store.BundleRow {
		return []store.BundleRow{{Type: store.AccessSubject, SubjectID: &id}}
	}
	track := []store.BundleRow{{Type: store.AccessTrack, TrackID: ptrTo(gmTrack)}}
	items := []store.SalesItem{
		{ID: "math-pack", Name: "رياضيات + فيزياء", NameEN: "Math + Physics", InstitutionID: &x, SeasonID: &season,
			TargetGradeID: &grade, TargetStreams: []string{gmSci}, PriceCents: 2500, DiscountedPriceCents: ptrTo(int64(2000)), Bundle: subject(gmMath)},
		{ID: "phys-pack", Name: "فيزياء", SeasonID: &season, PriceCents: 1500, Bundle: subject(gmPhys)},
		{ID: "math-track", Name: "مسار الرياضيات", SeasonID: &season, PriceCents: 1000, Bundle: track},
		{ID: "free", Name: "مجاني", SeasonID: &season, PriceCents: 900, DiscountedPriceCents: ptrTo(int64(0)), Bundle: subject(gmPhys)},
		{ID: "lit-only", Name: "أدبي", SeasonID: &season, TargetStreams: []string{gmLit}, Bundle: subject(gmPhys)},
		{ID: "g10-only", Name: "العاشر", SeasonID: &season, TargetGradeID: &g10, Bundle: subject(gmPhys)},
		{ID: "old-season", Name: "قديم", SeasonID: &old, Bundle: subject(gmPhys)},
		{ID: "no-season", Name: "بلا موسم", Bundle: subject(gmPhys)},
		{ID: "other-inst", Name: "أخرى", InstitutionID: &y, SeasonID: &season, Bundle: subject(gmPhys)},
		{ID: "inactive", Name: "موقوف", SeasonID: &season, Bundle: subject(gmPhys)},
	}
	for _, it := range items {
		it.IsActive, it.CreatedAt = it.ID != "inactive", apitest.Start
		require.NoError(t, env.Store.SalesItemUpsert(ctx, it))
	}
	return w
}

func ptrTo[T any](v T) *T { return &v }

func storeItems(t *testing.T, c *apitest.Client) []storeItem {
	t.Helper()
	r := c.Get(itemsPath, nil)
	require.Equal(t, 200, r.Status, r.Body)
	var items []storeItem
	r.Message(t, &items)
	return items
}

func itemNames(items []storeItem) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.Name
	}
	return out
}

func subscribe(t *testing.T, env *apitest.Env, userID int64, season, typ string, access ...store.AccessRow) {
	t.Helper()
	_, err := env.Store.SubscriptionInsert(context.Background(), store.Subscription{UserID: userID, SeasonID: season, Type: typ,
		Status: store.SubscriptionActive, Access: access, CreatedAt: apitest.Start})
	require.NoError(t, err)
}

// The store lists the active items of the player's season offered to their institution and
// fitting their grade and stream, cheapest first, with prices in units and cents.
func TestStoreItems(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		shopWorld(t, env)
		w := &gameWorld{env: env, inst: "x"}
		c, _ := w.player(t, "s@x.test", 0)
		items := storeItems(t, c)
		require.Equal(t, []string{"free", "math-track", "phys-pack", "math-pack"}, itemNames(items))
		pack := items[3]
		require.Equal(t, 25.0, pack.Price)
		require.Equal(t, 20.0, *pack.DiscountedPrice)
		require.Equal(t, int64(2000), *pack.DiscountedPriceCents)
		require.Equal(t, []string{gmSci}, pack.TargetStreams)
		require.Len(t, pack.Bundle, 1)
		require.Equal(t, 0.0, *items[0].DiscountedPrice, "a real 0")

		noProfile, _ := env.LoginAs("new@x.test", "x")
		require.Empty(t, storeItems(t, noProfile), "no season chosen yet: nothing to offer")
	})
}

// Every item carries the currency of the player's institution: "" until the institution sets
// one, then its ISO code; the other fields stay as they were.
func TestStoreItemsCarryTheInstitutionsCurrency(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		shopWorld(t, env)
		w := &gameWorld{env: env, inst: "x"}
		c, _ := w.player(t, "s@x.test", 0)
		before := storeItems(t, c)
		require.NotEmpty(t, before)
		for _, it := range before {
			require.NotNil(t, it.Currency, "%s: the field is always there", it.Name)
			require.Empty(t, *it.Currency, "%s: no currency set", it.Name)
		}
		ctx := context.Background()
		set, err := env.Store.InstitutionSettingsGet(ctx, "x")
		require.NoError(t, err)
		set.Currency = "JOD"
		require.NoError(t, env.Store.InstitutionSettingsUpdate(ctx, set))
		after := storeItems(t, c)
		require.Equal(t, itemNames(before), itemNames(after))
		for i, it := range after {
			require.Equal(t, "JOD", *it.Currency, it.Name)
			it.Currency = before[i].Currency
			require.Equal(t, before[i], it, "nothing else changes")
		}
	})
}

// J.84: a subject owned through a subscription valid today hides every item granting it;
// an owned track hides an item granting it; an expired season's subscription hides nothing.
// J.86: Global Access leaves nothing to buy.
func TestStoreHidesOwnedContent(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		shopWorld(t, env)
		w := &gameWorld{env: env, inst: "x"}
		math, track := gmMath, gmTrack

		c1, u1 := w.player(t, "math@x.test", 0)
		subscribe(t, env, u1.ID, gmSeason, store.SubscriptionSpecific, store.AccessRow{Type: store.AccessSubject, SubjectID: &math})
		require.Equal(t, []string{"free", "math-track", "phys-pack"}, itemNames(storeItems(t, c1)))

		c2, u2 := w.player(t, "track@x.test", 0)
		subscribe(t, env, u2.ID, gmSeason, store.SubscriptionSpecific, store.AccessRow{Type: store.AccessTrack, TrackID: &track})
		require.Equal(t, []string{"free", "phys-pack", "math-pack"}, itemNames(storeItems(t, c2)))

		c3, u3 := w.player(t, "old@x.test", 0)
		subscribe(t, env, u3.ID, oldSeason, store.SubscriptionSpecific, store.AccessRow{Type: store.AccessSubject, SubjectID: &math})
		require.Len(t, storeItems(t, c3), 4, "the old season's subscription has ended")

		c4, u4 := w.player(t, "global@x.test", 0)
		subscribe(t, env, u4.ID, gmSeason, store.SubscriptionGlobal, store.AccessRow{Type: store.AccessGlobal})
		require.Empty(t, storeItems(t, c4))
		r := c4.Post(requestPath, map[string]any{"item_id": "phys-pack"})
		expectError(t, r, 409, "ConflictError")
		r = c1.Post(requestPath, map[string]any{"item_id": "math-pack"})
		expectError(t, r, 409, "ConflictError")
	})
}

func purchaseCount(t *testing.T, env *apitest.Env, status string) int {
	t.Helper()
	list, err := env.Store.PurchaseRequestList(context.Background(), store.PurchaseListParams{InstitutionID: "x", Status: status, Limit: 500})
	require.NoError(t, err)
	return len(list)
}

// J.85 and pricing: a request records the discounted price (0 too); while pending the item
// is hidden and asking again answers "pending" without a second request, also when ten
// requests race.
func TestRequestPurchase(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		ctx := context.Background()
		shopWorld(t, env)
		w := &gameWorld{env: env, inst: "x"}
		c, u := w.player(t, "s@x.test", 0)

		r := c.Post(requestPath, map[string]any{"item_id": "phys-pack", "transaction_id": "TX-77"})
		require.Equal(t, 200, r.Status, r.Body)
		var rep purchaseReply
		r.Message(t, &rep)
		require.Equal(t, "success", rep.Status)
		require.Equal(t, "تم إرسال طلبك! سيتم تفعيل الاشتراك بعد مراجعة الإدارة.", rep.Message)
		require.NotZero(t, rep.RequestID)
		require.Equal(t, []string{"free", "math-track", "math-pack"}, itemNames(storeItems(t, c)))

		r = c.Post(requestPath, map[string]any{"item_id": "phys-pack"})
		require.Equal(t, 200, r.Status, r.Body)
		r.Message(t, &rep)
		require.Equal(t, "pending", rep.Status)
		require.Equal(t, "لديك طلب قيد المراجعة لهذه الباقة بالفعل.", rep.Message)
		require.Equal(t, 1, purchaseCount(t, env, store.PurchasePending))

		var wg sync.WaitGroup
		replies := make(chan purchaseReply, 10)
		for range 10 {
			wg.Go(func() {
				r := c.Post(requestPath, map[string]any{"item_id": "math-track"})
				var rep purchaseReply
				if r.Status == 200 {
					r.Message(t, &rep)
				}
				replies <- rep
			})
		}
		wg.Wait()
		close(replies)
		statuses := map[string]int{}
		for rep := range replies {
			statuses[rep.Status]++
		}
		require.Equal(t, map[string]int{"success": 1, "pending": 9}, statuses)
		require.Equal(t, 2, purchaseCount(t, env, store.PurchasePending))

		for item, cents := range map[string]int64{"free": 0, "math-pack": 2000} {
			r = c.Post(requestPath, map[string]any{"item_id": item})
			require.Equal(t, 200, r.Status, r.Body)
			r.Message(t, &rep)
			got, err := env.Store.PurchaseRequestGet(ctx, rep.RequestID)
			require.NoError(t, err)
			require.Equal(t, cents, got.PriceCents, item)
			require.Equal(t, u.ID, got.UserID)
		}
		audits, err := env.Store.AuditList(ctx, store.AuditListParams{Action: audit.PurchaseRequest, Limit: 10})
		require.NoError(t, err)
		require.Len(t, audits, 4)
	})
}

// Bad requests get a clear 4xx and create nothing.
func TestRequestPurchaseRefusals(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		shopWorld(t, env)
		w := &gameWorld{env: env, inst: "x"}
		c, _ := w.player(t, "s@x.test", 0)
		for item, want := range map[string]int{
			"nope": 404, "inactive": 404, "other-inst": 404, "old-season": 400, "no-season": 400,
			"g10-only": 400, "lit-only": 400, "": 400,
		} {
			r := c.Post(requestPath, map[string]any{"item_id": item})
			require.Equal(t, want, r.Status, "%s: %s", item, r.Body)
		}
		r := c.Post(requestPath, map[string]any{"item_id": "phys-pack", "transaction_id": strings.Repeat("x", 141)})
		expectError(t, r, 400, "ValidationError")
		require.Equal(t, 405, c.Get(requestPath, map[string]string{"item_id": "phys-pack"}).Status, "a mutation is POST only")
		noProfile, _ := env.LoginAs("new@x.test", "x")
		expectError(t, noProfile.Post(requestPath, map[string]any{"item_id": "phys-pack"}), 400, "ValidationError")
		expectError(t, env.Client().Post(requestPath, map[string]any{"item_id": "phys-pack"}), 401, "AuthenticationError")
		require.Zero(t, purchaseCount(t, env, store.PurchasePending))
	})
}
