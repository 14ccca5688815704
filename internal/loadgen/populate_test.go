package loadgen

import (
	"context"
	"testing"
	"time"

	"memora/internal/identity"
	"memora/internal/store"
	"memora/internal/store/storetest"
)

var testNow = time.Date(2026, 11, 25, 7, 0, 0, 0, time.UTC)

func TestPopulateWritesEveryRowOfEveryStudent(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st store.Store) {
		ctx := context.Background()
		shape := Shape{Students: 12, Records: 30, Sessions: 5, Seed: 7}
		res, err := Populate(ctx, st, PopulateOptions{Shape: shape, Now: testNow})
		if err != nil {
			t.Fatal(err)
		}
		if res.Students != 12 || res.Rows == 0 || res.RowsPerSecond <= 0 {
			t.Fatalf("result %+v", res)
		}
		if n := tableRows(t, res, "memory_state"); n != 12*30 {
			t.Fatalf("memory_state has %d rows, want 360", n)
		}
		if n := tableRows(t, res, "users"); n != 12 {
			t.Fatalf("users has %d rows, want 12", n)
		}
		cat, err := CatalogFor(shape.Records, testNow)
		if err != nil {
			t.Fatal(err)
		}
		gen := newGenerator(shape, cat, testNow, institutionZone())
		for n := 1; n <= shape.Students; n++ {
			checkStudent(t, st, gen.student(n, res.FirstUserID+int64(n-1)))
		}
	})
}

// checkStudent compares what the database holds with what the generator makes.
func checkStudent(t *testing.T, st store.Store, want Student) {
	t.Helper()
	ctx := context.Background()
	u, err := st.UserGetByEmail(ctx, want.Email)
	if err != nil || u.ID != want.UserID || u.InstitutionID != Institution {
		t.Fatalf("user %s: %+v %v (want id %d)", want.Email, u, err, want.UserID)
	}
	if ok, err := identity.CheckPassword(u.PasswordHash, Password); !ok || err != nil {
		t.Fatalf("user %s does not take the loadgen password: %v", want.Email, err)
	}
	prof, err := st.ProfileGet(ctx, u.ID)
	if err != nil || prof.TotalXP != want.TotalXP || prof.SeasonID == nil {
		t.Fatalf("profile %+v %v, want %d XP", prof, err, want.TotalXP)
	}
	ids := make([]string, len(want.Memory))
	for i, m := range want.Memory {
		ids[i] = m.QuestionID
	}
	got, err := st.MemoryGetMany(ctx, u.ID, *prof.SeasonID, ids)
	if err != nil || len(got) != len(want.Memory) {
		t.Fatalf("memory of %s: %d rows, %v", want.Email, len(got), err)
	}
	overdue := 0
	for _, m := range got {
		if !m.Due.After(testNow) {
			overdue++
		}
		if m.LastReview == nil || m.LastReview.After(testNow) || m.Level < 1 || m.Level > 4 {
			t.Fatalf("implausible state %+v", m)
		}
	}
	if overdue != 3 { // 10 % of 30
		t.Fatalf("%s has %d overdue records, want 3", want.Email, overdue)
	}
}

func tableRows(t *testing.T, res PopulateResult, table string) int64 {
	t.Helper()
	for _, ts := range res.Tables {
		if ts.Table == table {
			return ts.Rows
		}
	}
	t.Fatalf("no size of %s in %+v", table, res.Tables)
	return 0
}

func TestPopulateResetReplacesThePopulation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st store.Store) {
		ctx := context.Background()
		rdb := testRedis(t)
		opt := PopulateOptions{Shape: Shape{Students: 5, Records: 10, Sessions: 3, Seed: 1}, Now: testNow,
			Redis: rdb, WarmRedis: rdb != nil, IndexMode: IndexRebuild}
		if _, err := Populate(ctx, st, opt); err != nil {
			t.Fatal(err)
		}
		if _, err := Populate(ctx, st, opt); err == nil {
			t.Fatal("a second population without --reset was accepted over the first")
		}
		opt.Reset = true
		opt.Seed = 2 // other questions: a schedule left over would hold more than 10
		second, err := Populate(ctx, st, opt)
		if err != nil {
			t.Fatal(err)
		}
		if n := tableRows(t, second, "memory_state"); n != 50 {
			t.Fatalf("after reset memory_state has %d rows, want 50", n)
		}
		if n := tableRows(t, second, "users"); n != 5 {
			t.Fatalf("after reset users has %d rows, want 5", n)
		}
		if len(second.RebuiltIndexes) == 0 {
			t.Fatal("rebuild mode rebuilt no index")
		}
		if rdb == nil {
			return
		}
		if second.RedisItems != 50 {
			t.Fatalf("warmed %d items, want 50", second.RedisItems)
		}
		key := ScheduleKey(second.FirstUserID+1, "SEASON-2026")
		if n := rdb.ZCard(ctx, key).Val(); n != 10 {
			t.Fatalf("%s holds %d items, want 10", key, n)
		}
		if ttl := rdb.TTL(ctx, key).Val(); ttl <= 0 || ttl > ScheduleTTL {
			t.Fatalf("%s TTL %v", key, ttl)
		}
	})
}
