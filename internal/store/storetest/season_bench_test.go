package storetest

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"memora/internal/store"
	"memora/internal/store/litestore"
	"memora/internal/store/pgstore"
)

// BenchmarkArchiveSeason archives a season of 1,000 and of 1,000,000 memory rows. On
// PostgreSQL "partition" is the season in its own partition (the normal case: archiving is
// DETACH/ATTACH plus an exact count); "rows" is the same season left in the default
// partition, moved by INSERT…SELECT/DELETE batches of 5,000 (what the archive falls back
// to, and what the original did in one transaction). On SQLite rows always move in
// batches. Every run checks that no row is lost.
//
//	MEMORA_TEST_DATABASE_URL=… go test -run '^$' -bench BenchmarkArchiveSeason -benchtime 3x ./internal/store/storetest/
func BenchmarkArchiveSeason(b *testing.B) {
	for _, e := range Engines() {
		for _, mode := range []string{"partition", "rows"} {
			if e == store.SQLite && mode == "partition" {
				continue
			}
			for _, n := range []int{1000, 1000000} {
				b.Run(fmt.Sprintf("%s/%s/rows=%d", e, mode, n), func(b *testing.B) {
					s := Open(b, e)
					benchArchive(b, s, mode == "partition", n)
				})
			}
		}
	}
}

func benchArchive(b *testing.B, s store.Store, partition bool, n int) {
	ctx := context.Background()
	b.ResetTimer() // opening the database is not the archive
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		id := fmt.Sprintf("SEASON-2030-b%d", i)
		if partition {
			if _, err := s.SeasonPartitionEnsure(ctx, id); err != nil {
				b.Fatal(err)
			}
		}
		loadRows(b, s, id, n)
		before := CountRows(b, s, "SELECT count(*) FROM archived_memory_state")
		b.StartTimer()
		moved, err := s.MemoryArchiveSeason(ctx, store.ArchiveParams{SeasonID: id, ArchivedAt: time.Now(), BatchSize: 5000})
		b.StopTimer()
		if err != nil {
			b.Fatal(err)
		}
		after := CountRows(b, s, "SELECT count(*) FROM archived_memory_state")
		left := CountRows(b, s, fmt.Sprintf("SELECT count(*) FROM memory_state WHERE season_id = '%s'", id))
		if moved != int64(n) || after-before != int64(n) || left != 0 {
			b.Fatalf("moved %d, archive grew by %d, %d left; want %d", moved, after-before, left, n)
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(n), "rows/op")
}

// loadRows writes n rows of a season (1,000 per player) with one INSERT…SELECT.
func loadRows(b *testing.B, s store.Store, seasonID string, n int) {
	b.Helper()
	const pg = `INSERT INTO memory_state (user_id, season_id, question_id, stability, due, created_at, updated_at)
		SELECT g / 1000, $1, 'q' || g, 2, now(), now(), now() FROM generate_series(0, $2 - 1) AS g`
	const lite = `WITH RECURSIVE g(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM g WHERE i + 1 < ?2)
		INSERT INTO memory_state (user_id, season_id, question_id, stability, due, created_at, updated_at)
		SELECT i / 1000, ?1, 'q' || i, 2, 0, 0, 0 FROM g`
	var err error
	switch db := s.(type) {
	case *pgstore.Store:
		_, err = db.Pool().Exec(context.Background(), pg, seasonID, n)
		if err == nil {
			// A season that has ended has long been vacuumed: its visibility map is set.
			_, err = db.Pool().Exec(context.Background(), "VACUUM ANALYZE memory_state")
		}
	case *litestore.Store:
		_, err = db.Writer().Exec(lite, seasonID, n)
	}
	if err != nil {
		b.Fatal(err)
	}
}

// BenchmarkCountSeason is the exact count the partition archive makes after its switch
// (for archived_count): a read of the archived table that holds no lock on live data. It
// is the only part of a partition archive whose cost grows with the season.
func BenchmarkCountSeason(b *testing.B) {
	for _, n := range []int{1000, 1000000} {
		b.Run(fmt.Sprintf("postgres/rows=%d", n), func(b *testing.B) {
			if os.Getenv(PostgresURLEnv) == "" {
				b.Skip("PostgreSQL only")
			}
			s := Open(b, store.Postgres)
			if _, err := s.SeasonPartitionEnsure(context.Background(), "SEASON-2030"); err != nil {
				b.Fatal(err)
			}
			loadRows(b, s, "SEASON-2030", n)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if got := CountRows(b, s, "SELECT count(*) FROM p_season_2030"); got != int64(n) {
					b.Fatalf("count %d, want %d", got, n)
				}
			}
		})
	}
}
