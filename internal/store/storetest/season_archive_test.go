package storetest

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/store"
)

// archiveFixture holds 3 players × 2 rows of SEASON-2029 (F.64) beside rows of another
// season, optionally with SEASON-2029 in a partition of its own.
func archiveFixture(t *testing.T, s store.Store, partition bool) {
	t.Helper()
	ctx := context.Background()
	if partition {
		_, err := s.SeasonPartitionEnsure(ctx, "SEASON-2029")
		require.NoError(t, err)
	}
	for _, u := range []int64{3, 1, 2} {
		require.NoError(t, s.MemoryUpsert(ctx, seasonRows(u, "SEASON-2029", 2)))
		require.NoError(t, s.MemoryUpsert(ctx, seasonRows(u, "SEASON-2030", 3)))
	}
}

func TestMemoryArchiveSeason(t *testing.T) {
	t.Parallel()
	for _, partition := range []bool{false, true} {
		t.Run(map[bool]string{false: "rows", true: "partition"}[partition], func(t *testing.T) {
			t.Parallel()
			Each(t, func(t *testing.T, s store.Store) {
				t.Parallel()
				ctx := context.Background()
				archiveFixture(t, s, partition)
				before, err := s.MemoryGet(ctx, 2, "SEASON-2029", "q001")
				require.NoError(t, err)

				at := t0.Add(24 * time.Hour)
				n, err := s.MemoryArchiveSeason(ctx, store.ArchiveParams{SeasonID: "SEASON-2029", ArchivedAt: at, BatchSize: 4})
				require.NoError(t, err)
				require.EqualValues(t, 6, n)
				require.EqualValues(t, 9, count(t, s, "SELECT count(*) FROM memory_state"))
				require.EqualValues(t, 0, count(t, s, "SELECT count(*) FROM memory_state WHERE season_id = 'SEASON-2029'"))
				require.EqualValues(t, 6, count(t, s, "SELECT count(*) FROM archived_memory_state WHERE season_id = 'SEASON-2029' AND NOT eligible_for_deletion"))
				require.EqualValues(t, 6, count(t, s, "SELECT count(*) FROM (SELECT DISTINCT user_id, question_id FROM archived_memory_state) AS k"))
				requireArchivedAt(t, s, at)
				if partition && s.Engine() == store.Postgres {
					require.EqualValues(t, 6, count(t, s, "SELECT count(*) FROM archived_p_season_2029"), "the partition itself moved")
					require.Zero(t, count(t, s, "SELECT count(*) FROM pg_class WHERE relname = 'p_season_2029'"))
				}

				counts, err := s.ArchiveCountsGet(ctx, "SEASON-2029")
				require.NoError(t, err)
				require.Equal(t, store.ArchiveCounts{Active: 0, Archived: 6, Eligible: 0}, counts)
				_, err = s.MemoryGet(ctx, before.UserID, before.SeasonID, before.QuestionID)
				require.ErrorIs(t, err, store.ErrNotFound)

				// Archiving again finds nothing; rows written later (a straggler) follow.
				n, err = s.MemoryArchiveSeason(ctx, store.ArchiveParams{SeasonID: "SEASON-2029", ArchivedAt: at, BatchSize: 4})
				require.NoError(t, err)
				require.Zero(t, n)
				require.NoError(t, s.MemoryUpsert(ctx, seasonRows(9, "SEASON-2029", 1)))
				n, err = s.MemoryArchiveSeason(ctx, store.ArchiveParams{SeasonID: "SEASON-2029", ArchivedAt: at.Add(time.Hour)})
				require.NoError(t, err)
				require.EqualValues(t, 1, n)
				require.EqualValues(t, 7, count(t, s, "SELECT count(*) FROM archived_memory_state"))
			})
		})
	}
}

func requireArchivedAt(t *testing.T, s store.Store, at time.Time) {
	t.Helper()
	if s.Engine() == store.Postgres {
		require.EqualValues(t, 6, count(t, s, "SELECT count(*) FROM archived_memory_state WHERE archived_at = '"+
			at.Format(time.RFC3339Nano)+"'"))
		return
	}
	require.EqualValues(t, 6, count(t, s, "SELECT count(*) FROM archived_memory_state WHERE archived_at = "+
		strconv.FormatInt(at.UnixMicro(), 10)))
}

// F.65: rows archived 1100 days ago are flagged after the 1095-day retention, rows
// archived 365 days ago are not; deletion removes flagged rows only, per season or all.
func TestArchiveRetention(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		now := t0
		old, recent := now.AddDate(0, 0, -1100), now.AddDate(0, 0, -365)
		require.NoError(t, s.MemoryUpsert(ctx, seasonRows(1, "SEASON-2020", 1)))
		_, err := s.MemoryArchiveSeason(ctx, store.ArchiveParams{SeasonID: "SEASON-2020", ArchivedAt: old})
		require.NoError(t, err)
		require.NoError(t, s.MemoryUpsert(ctx, seasonRows(1, "SEASON-2023", 1)))
		_, err = s.MemoryArchiveSeason(ctx, store.ArchiveParams{SeasonID: "SEASON-2023", ArchivedAt: recent})
		require.NoError(t, err)

		flagged, err := s.ArchiveFlagEligible(ctx, now.AddDate(0, 0, -1095))
		require.NoError(t, err)
		require.EqualValues(t, 1, flagged)
		c, err := s.ArchiveCountsGet(ctx, "SEASON-2020")
		require.NoError(t, err)
		require.EqualValues(t, 1, c.Eligible)
		flagged, err = s.ArchiveFlagEligible(ctx, now.AddDate(0, 0, -1095))
		require.NoError(t, err)
		require.Zero(t, flagged, "already flagged")

		deleted, err := s.ArchiveDeleteEligible(ctx, "SEASON-2023", 10)
		require.NoError(t, err)
		require.Zero(t, deleted, "nothing of that season is eligible")
		deleted, err = s.ArchiveDeleteEligible(ctx, "", 10)
		require.NoError(t, err)
		require.EqualValues(t, 1, deleted)
		require.EqualValues(t, 1, count(t, s, "SELECT count(*) FROM archived_memory_state"))
	})
}

func TestArchiveDeleteEligibleInBatches(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		require.NoError(t, s.MemoryUpsert(ctx, seasonRows(1, "SEASON-2020", 7)))
		_, err := s.MemoryArchiveSeason(ctx, store.ArchiveParams{SeasonID: "SEASON-2020", ArchivedAt: t0.AddDate(-4, 0, 0)})
		require.NoError(t, err)
		_, err = s.ArchiveFlagEligible(ctx, t0.AddDate(-3, 0, 0))
		require.NoError(t, err)
		deleted, err := s.ArchiveDeleteEligible(ctx, "SEASON-2020", 3)
		require.NoError(t, err)
		require.EqualValues(t, 7, deleted)
		require.Zero(t, count(t, s, "SELECT count(*) FROM archived_memory_state"))
	})
}
