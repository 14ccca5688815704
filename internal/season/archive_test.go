package season_test

import (
	"context"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"

	"memora/internal/problem"
	"memora/internal/season"
	"memora/internal/store"
)

// F.63, F.64: an active season is refused; an empty inactive one archives 0 rows; three
// players × two rows archive 6, on both engines, and their Redis schedules go.
func TestArchive(t *testing.T) {
	each(t, true, func(t *testing.T, e *env) {
		ctx := context.Background()
		e.season(t, "SEASON-2025", false)
		e.season(t, "SEASON-2026", true)
		_, err := e.svc.Archive(ctx, season.Actor{}, "SEASON-2026")
		requireProblem(t, err, problem.Conflict, "Cannot archive active season SEASON-2026")
		_, err = e.svc.Archive(ctx, season.Actor{}, "SEASON-1999")
		requireProblem(t, err, problem.NotFound, "Season 'SEASON-1999' not found.")

		empty, err := e.svc.Archive(ctx, season.Actor{}, "SEASON-2025")
		require.NoError(t, err)
		require.Equal(t, season.Archived{Success: true, Season: "SEASON-2025", Message: "No records to archive for SEASON-2025"}, empty)

		if _, err := e.svc.Create(ctx, season.Actor{}, newSeason("SEASON-2029", false)); err != nil {
			t.Fatal(err)
		}
		e.rows(t, "SEASON-2029", []int64{11, 12, 13}, 2)
		e.rows(t, "SEASON-2026", []int64{11}, 3)
		for _, u := range []int64{11, 12, 13} {
			require.NoError(t, e.rdb.ZAdd(ctx, key(u, "SEASON-2029"), redis.Z{Score: 1, Member: "q00000"}).Err())
		}
		require.NoError(t, e.rdb.ZAdd(ctx, key(11, "SEASON-2026"), redis.Z{Score: 1, Member: "q00000"}).Err())
		t.Cleanup(func() { e.rdb.Del(context.Background(), key(11, "SEASON-2026")) })

		_, err = e.store.ReviewPushMany(ctx, store.ReviewPushManyParams{PushedBy: 99, Now: time.Now(), Items: []store.PushItem{
			{UserID: 11, SeasonID: "SEASON-2029", QuestionID: "q00000"}, {UserID: 12, SeasonID: "SEASON-2029", QuestionID: "q00001"},
			{UserID: 11, SeasonID: "SEASON-2026", QuestionID: "q00000"}}})
		require.NoError(t, err)

		out, err := e.svc.Archive(ctx, season.Actor{}, "SEASON-2029")
		require.NoError(t, err)
		require.Zero(t, count(t, e.store, "SELECT count(*) FROM review_pushes WHERE season_id = 'SEASON-2029'"), "the archived season's pushes are dropped")
		require.EqualValues(t, 1, count(t, e.store, "SELECT count(*) FROM review_pushes"), "other seasons' pushes stay")
		require.Equal(t, season.Archived{Success: true, ArchivedCount: 6, Season: "SEASON-2029", CacheKeysRemoved: 3}, out)
		require.Zero(t, e.rdb.Exists(ctx, key(11, "SEASON-2029"), key(12, "SEASON-2029"), key(13, "SEASON-2029")).Val())
		require.EqualValues(t, 1, e.rdb.Exists(ctx, key(11, "SEASON-2026")).Val(), "other seasons' keys stay")

		st, err := e.svc.Status(ctx, "SEASON-2029")
		require.NoError(t, err)
		require.Equal(t, season.ArchiveStatus{Season: "SEASON-2029", EndDate: "2030-06-30", Archived: 6, Total: 6}, st)
		se, _ := e.store.SeasonGet(ctx, "SEASON-2029")
		require.NotNil(t, se.ArchivedAt)
		require.False(t, se.PartitionCreated, "the partition moved to the archive")
		require.EqualValues(t, 3, count(t, e.store, "SELECT count(*) FROM memory_state"), "other seasons untouched")
		require.EqualValues(t, 2, count(t, e.store, "SELECT count(*) FROM audit_log WHERE action = 'season.archived'"))
	})
}

// F.65 and deletion: rows archived 1100 days ago are flagged, rows archived 365 days ago
// are not; deleting needs confirmation and removes only flagged rows.
func TestRetentionAndDeletion(t *testing.T) {
	each(t, false, func(t *testing.T, e *env) {
		ctx := context.Background()
		e.season(t, "SEASON-2020", false)
		e.season(t, "SEASON-2023", false)
		e.rows(t, "SEASON-2020", []int64{1}, 2)
		e.rows(t, "SEASON-2023", []int64{1}, 1)
		e.clock.Set(t0.AddDate(0, 0, -1100))
		_, err := e.svc.Archive(ctx, season.Actor{}, "SEASON-2020")
		require.NoError(t, err)
		e.clock.Set(t0.AddDate(0, 0, -365))
		_, err = e.svc.Archive(ctx, season.Actor{}, "SEASON-2023")
		require.NoError(t, err)
		e.clock.Set(t0)

		f, err := e.svc.FlagEligible(ctx)
		require.NoError(t, err)
		require.Equal(t, season.Flagged{Success: true, FlaggedCount: 2, CutoffDate: t0.Add(-season.Retention).Format(time.DateOnly)}, f)
		st, _ := e.svc.Status(ctx, "SEASON-2023")
		require.Zero(t, st.Eligible)

		_, err = e.svc.DeleteEligible(ctx, season.Actor{}, "", false)
		requireProblem(t, err, problem.Invalid, "Confirmation required. Set confirm=True to proceed with deletion.")
		_, err = e.svc.DeleteEligible(ctx, season.Actor{}, "SEASON-1999", true)
		requireProblem(t, err, problem.NotFound, "Season 'SEASON-1999' not found.")
		require.EqualValues(t, 3, count(t, e.store, "SELECT count(*) FROM archived_memory_state"))
		d, err := e.svc.DeleteEligible(ctx, season.Actor{}, "", true)
		require.NoError(t, err)
		require.Equal(t, season.Deleted{Success: true, DeletedCount: 2}, d)
		require.EqualValues(t, 1, count(t, e.store, "SELECT count(*) FROM archived_memory_state"))
	})
}

// The daily job archives inactive seasons with auto_archive whose end date has passed and
// resets the flag; an active one and one still running wait.
func TestAutoArchive(t *testing.T) {
	each(t, false, func(t *testing.T, e *env) {
		ctx := context.Background()
		for id, active := range map[string]bool{"SEASON-2024": false, "SEASON-2025": true} {
			in := newSeason(id, active)
			in.StartDate, in.EndDate = ptr(time.Date(2025, 9, 1, 0, 0, 0, 0, time.UTC)), ptr(time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC))
			in.AutoArchive = ptr(true)
			_, err := e.svc.Create(ctx, season.Actor{}, in)
			require.NoError(t, err)
		}
		running := newSeason("SEASON-2027", false)
		running.AutoArchive = ptr(true)
		_, err := e.svc.Create(ctx, season.Actor{}, running)
		require.NoError(t, err)
		e.rows(t, "SEASON-2024", []int64{5, 6}, 2)

		out, err := e.svc.AutoArchive(ctx)
		require.NoError(t, err)
		require.Equal(t, season.AutoArchived{Success: true, Archived: []string{"SEASON-2024"}, Failed: []string{}}, out)
		se, _ := e.store.SeasonGet(ctx, "SEASON-2024")
		require.False(t, se.AutoArchive)
		require.EqualValues(t, 4, count(t, e.store, "SELECT count(*) FROM archived_memory_state"))
		again, err := e.svc.AutoArchive(ctx)
		require.NoError(t, err)
		require.Empty(t, again.Archived)
	})
}

// The partition maintenance gives seasons made without one (an import, say) their
// partition, and records partition_created only where one exists.
func TestEnsurePartitions(t *testing.T) {
	each(t, false, func(t *testing.T, e *env) {
		ctx := context.Background()
		e.season(t, "SEASON-2030", false)
		e.rows(t, "SEASON-2030", []int64{1}, 2)
		out, err := e.svc.EnsurePartitions(ctx)
		require.NoError(t, err)
		se, _ := e.store.SeasonGet(ctx, "SEASON-2030")
		stats, err := e.svc.PartitionStats(ctx)
		require.NoError(t, err)
		if !out.Partitioned {
			require.False(t, se.PartitionCreated)
			require.False(t, stats.Partitioned)
			return
		}
		require.Equal(t, []string{"SEASON-2030"}, out.Ensured)
		require.True(t, se.PartitionCreated)
		require.EqualValues(t, 2, count(t, e.store, "SELECT count(*) FROM p_season_2030"))
		found := false
		for _, p := range stats.Partitions {
			found = found || (p.Table == "p_season_2030" && p.Season == "SEASON-2030")
		}
		require.True(t, found, "%+v", stats)
	})
}
