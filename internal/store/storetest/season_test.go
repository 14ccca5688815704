package storetest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/store"
)

func TestPartitionName(t *testing.T) {
	t.Parallel()
	cases := map[string]string{
		"SEASON-2029":        "p_season_2029",
		"SEASON-2026-Summer": "p_season_2026_summer",
		"a.b c-d":            "p_a_b_c_d",
		"SEASON-2026-" + "abcdefghijklmnopqrstuvwxyzabcdefghijklmnop": "p_season_2026_abcdefghijklmnopqrstuvwxyzabcdefghij",
	}
	for in, want := range cases {
		got := store.PartitionName(in)
		require.Equal(t, want, got, in)
		require.LessOrEqual(t, len(got), 50)
	}
}

func testSeason(id string, active bool) store.Season {
	return store.Season{
		ID: id, Title: id, StartDate: time.Date(2029, 9, 1, 0, 0, 0, 0, time.UTC),
		EndDate: time.Date(2030, 6, 30, 0, 0, 0, 0, time.UTC), IsActive: active, EnableRedis: true,
		Scheduler: store.SchedulerFSRS, DesiredRetention: 0.9, GradeMapping: "binary", CreatedAt: t0,
	}
}

func TestSeasonInsertAndActivate(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		require.NoError(t, s.SeasonInsert(ctx, testSeason("SEASON-2028", true)))
		require.NoError(t, s.SeasonInsert(ctx, testSeason("SEASON-2029", false)))
		require.ErrorIs(t, s.SeasonInsert(ctx, testSeason("SEASON-2029", false)), store.ErrConflict)

		require.NoError(t, s.SeasonActivate(ctx, "SEASON-2029"))
		require.EqualValues(t, 1, count(t, s, "SELECT count(*) FROM seasons WHERE is_active"))
		got, err := s.SeasonGet(ctx, "SEASON-2029")
		require.NoError(t, err)
		require.True(t, got.IsActive)

		// An unknown id changes nothing.
		require.ErrorIs(t, s.SeasonActivate(ctx, "SEASON-1999"), store.ErrNotFound)
		got, err = s.SeasonGet(ctx, "SEASON-2029")
		require.NoError(t, err)
		require.True(t, got.IsActive)

		require.NoError(t, s.SeasonSetPartitionCreated(ctx, "SEASON-2029", true))
		require.ErrorIs(t, s.SeasonSetPartitionCreated(ctx, "nope", true), store.ErrNotFound)
		got, _ = s.SeasonGet(ctx, "SEASON-2029")
		require.True(t, got.PartitionCreated)
	})
}

func TestSeasonAutoArchiveDue(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		due := testSeason("SEASON-2029", false)
		due.AutoArchive = true
		active := testSeason("SEASON-2030", true)
		active.AutoArchive = true
		running := testSeason("SEASON-2031", false)
		running.AutoArchive, running.EndDate = true, time.Date(2031, 6, 30, 0, 0, 0, 0, time.UTC)
		manual := testSeason("SEASON-2032", false)
		for _, x := range []store.Season{due, active, running, manual} {
			require.NoError(t, s.SeasonInsert(ctx, x))
		}
		list, err := s.SeasonListAutoArchiveDue(ctx, time.Date(2030, 7, 1, 0, 0, 0, 0, time.UTC))
		require.NoError(t, err)
		require.Len(t, list, 1)
		require.Equal(t, "SEASON-2029", list[0].ID)
		// The end date itself is not "before today".
		list, err = s.SeasonListAutoArchiveDue(ctx, time.Date(2030, 6, 30, 0, 0, 0, 0, time.UTC))
		require.NoError(t, err)
		require.Empty(t, list)

		at := t0.Add(time.Hour)
		require.NoError(t, s.SeasonMarkArchived(ctx, "SEASON-2029", at))
		got, _ := s.SeasonGet(ctx, "SEASON-2029")
		require.False(t, got.AutoArchive)
		require.NotNil(t, got.ArchivedAt)
		require.True(t, at.Equal(*got.ArchivedAt))
	})
}

// F.68: a new season gets its own partition on PostgreSQL (named per §4.7), idempotently,
// taking its rows out of the default partition; SQLite has none and says so.
func TestSeasonPartitionEnsure(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		require.NoError(t, s.MemoryUpsert(ctx, seasonRows(1, "SEASON-2029", 3)))
		require.NoError(t, s.MemoryUpsert(ctx, seasonRows(1, "SEASON-2030", 2)))

		partitioned, err := s.SeasonPartitionEnsure(ctx, "SEASON-2029")
		require.NoError(t, err)
		require.Equal(t, s.Engine() == store.Postgres, partitioned)
		again, err := s.SeasonPartitionEnsure(ctx, "SEASON-2029")
		require.NoError(t, err, "creating twice is success")
		require.Equal(t, partitioned, again)

		stats, err := s.SeasonPartitionStats(ctx)
		require.NoError(t, err)
		if !partitioned {
			require.Empty(t, stats)
			return
		}
		require.EqualValues(t, 3, count(t, s, "SELECT count(*) FROM p_season_2029"))
		require.EqualValues(t, 2, count(t, s, "SELECT count(*) FROM memory_state_default"))
		require.EqualValues(t, 5, count(t, s, "SELECT count(*) FROM memory_state"))
		require.EqualValues(t, 1, count(t, s, `SELECT count(*) FROM pg_constraint
			WHERE conrelid = 'p_season_2029'::regclass AND contype = 'c'`), "CHECK constraint for later ATTACH")
		byName := map[string]store.PartitionStat{}
		for _, st := range stats {
			byName[st.Table] = st
		}
		require.Equal(t, "SEASON-2029", byName["p_season_2029"].SeasonID)
		require.Equal(t, "memory_state", byName["p_season_2029"].Parent)
		require.Positive(t, byName["p_season_2029"].TableBytes)
		require.Equal(t, "", byName["memory_state_default"].SeasonID)
		require.Contains(t, byName, "archived_memory_state_default")

		// New rows of the season go to its partition.
		require.NoError(t, s.MemoryUpsert(ctx, seasonRows(2, "SEASON-2029", 1)))
		require.EqualValues(t, 4, count(t, s, "SELECT count(*) FROM p_season_2029"))
	})
}

func TestTxHandle(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		h, ok := store.Executor(s).(store.TxHandle)
		require.True(t, ok)
		require.Nil(t, h.DriverTx(), "no transaction outside InTx")
		require.NoError(t, s.InTx(context.Background(), func(tx store.Executor) error {
			h, ok := tx.(store.TxHandle)
			require.True(t, ok)
			require.NotNil(t, h.DriverTx())
			return nil
		}))
	})
}

// seasonRows makes n live rows of one player in a season, due hour by hour from t0.
func seasonRows(user int64, season string, n int) []store.MemoryState {
	out := make([]store.MemoryState, n)
	for i := range out {
		out[i] = store.MemoryState{
			UserID: user, SeasonID: season, QuestionID: fmt.Sprintf("q%03d", i), Stability: 2, State: 2, Level: 2,
			Due: t0.Add(time.Duration(i+1) * time.Hour), Reps: 1, CreatedAt: t0, UpdatedAt: t0,
		}
	}
	return out
}
