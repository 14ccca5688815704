package season_test

import (
	"context"
	"fmt"
	"testing"

	"memora/internal/audit"
	"memora/internal/cache/rediscache"
	"memora/internal/clock"
	"memora/internal/season"
	"memora/internal/store"
	"memora/internal/store/litestore"
	"memora/internal/store/pgstore"
	"memora/internal/store/storetest"
)

// BenchmarkReconcile reconciles a sample of 10,000 rows of a season of 100,000 and of
// 1,000,000 rows against Redis: the cost follows the sample, not the table (weak point
// 36: no ORDER BY RANDOM()).
//
//	MEMORA_TEST_DATABASE_URL=… MEMORA_TEST_REDIS_URL=… go test -run '^$' -bench BenchmarkReconcile -benchtime 5x ./internal/season/
func BenchmarkReconcile(b *testing.B) {
	for _, e := range storetest.Engines() {
		for _, n := range []int{100000, 1000000} {
			b.Run(fmt.Sprintf("%s/rows=%d", e, n), func(b *testing.B) {
				s := storetest.Open(b, e)
				ctx := context.Background()
				clk := clock.NewFake(t0)
				svc := &season.Service{Store: s, Clock: clk, Audit: audit.Log{Store: s, Clock: clk},
					Cache: rediscache.NewSeasonCache(rediscacheClient(benchRedis(b)))}
				id := "SEASON-2026-bench"
				if err := s.SeasonInsert(ctx, store.Season{ID: id, StartDate: t0, EndDate: t0, IsActive: true, EnableRedis: true,
					Scheduler: "fsrs", DesiredRetention: 0.9, GradeMapping: "binary", CreatedAt: t0}); err != nil {
					b.Fatal(err)
				}
				loadSeason(b, s, id, n)
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					rep, err := svc.Reconcile(ctx, season.Actor{}, season.DefaultSample, "")
					if err != nil || rep.SampleSize != season.DefaultSample {
						b.Fatalf("%+v %v", rep, err)
					}
				}
			})
		}
	}
}

// loadSeason writes n rows (1,000 per player, written long ago) with one INSERT…SELECT.
func loadSeason(b *testing.B, s store.Store, id string, n int) {
	b.Helper()
	var err error
	switch db := s.(type) {
	case *pgstore.Store:
		_, err = db.Pool().Exec(context.Background(), `INSERT INTO memory_state (user_id, season_id, question_id, due, created_at, updated_at)
			SELECT g / 1000, $1, 'q' || g, now(), '2026-01-01', '2026-01-01' FROM generate_series(0, $2 - 1) AS g`, id, n)
		if err == nil {
			_, err = db.Pool().Exec(context.Background(), "VACUUM ANALYZE memory_state")
		}
	case *litestore.Store:
		_, err = db.Writer().Exec(`WITH RECURSIVE g(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM g WHERE i + 1 < ?2)
			INSERT INTO memory_state (user_id, season_id, question_id, due, created_at, updated_at)
			SELECT i / 1000, ?1, 'q' || i, 0, 0, 0 FROM g`, id, n)
	}
	if err != nil {
		b.Fatal(err)
	}
}
