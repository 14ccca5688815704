package season_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/problem"
	"memora/internal/season"
	"memora/internal/store"
)

func ptr[T any](v T) *T { return &v }

func newSeason(id string, active bool) season.Input {
	return season.Input{ID: id, Title: ptr("t"), StartDate: ptr(time.Date(2029, 9, 1, 0, 0, 0, 0, time.UTC)),
		EndDate: ptr(time.Date(2030, 6, 30, 0, 0, 0, 0, time.UTC)), IsActive: ptr(active)}
}

// F.68: a new season gets partition p_season_2029 on PostgreSQL and partition_created;
// creating it twice is a conflict that changes nothing (the partition step itself is
// idempotent: see the store suite). SQLite has no partitions.
func TestCreateSeason(t *testing.T) {
	each(t, false, func(t *testing.T, e *env) {
		ctx := context.Background()
		v, err := e.svc.Create(ctx, season.Actor{UserID: 1, Email: "admin@x.test"}, newSeason("SEASON-2029", false))
		require.NoError(t, err)
		require.Equal(t, "p_season_2029", v.PartitionName)
		require.Equal(t, e.store.Engine() == store.Postgres, v.PartitionCreated)
		require.Equal(t, "fsrs", v.Scheduler)
		require.InDelta(t, 0.9, v.DesiredRetention, 1e-9)
		got, err := e.store.SeasonGet(ctx, "SEASON-2029")
		require.NoError(t, err)
		require.Equal(t, v.PartitionCreated, got.PartitionCreated)
		if e.store.Engine() == store.Postgres {
			require.EqualValues(t, 1, count(t, e.store, `SELECT count(*) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
				WHERE i.inhparent = 'memory_state'::regclass AND c.relname = 'p_season_2029'`))
		}
		_, err = e.svc.Create(ctx, season.Actor{}, newSeason("SEASON-2029", true))
		requireProblem(t, err, problem.Conflict, "Season SEASON-2029 already exists.")
		got, _ = e.store.SeasonGet(ctx, "SEASON-2029")
		require.False(t, got.IsActive, "the refused creation changed nothing")
		require.EqualValues(t, 1, count(t, e.store, "SELECT count(*) FROM audit_log WHERE action = 'season.created'"))
	})
}

func TestCreateSeasonValidates(t *testing.T) {
	each(t, false, func(t *testing.T, e *env) {
		ctx := context.Background()
		bad := map[string]season.Input{
			"Season name must look like SEASON-2026 (or SEASON-2026-suffix).": newSeason("2029", false),
			"end_date must not be before start_date.": func() season.Input {
				in := newSeason("SEASON-2029", false)
				in.EndDate = ptr(time.Date(2029, 1, 1, 0, 0, 0, 0, time.UTC))
				return in
			}(),
			"desired_retention must be between 0.70 and 0.97.": func() season.Input {
				in := newSeason("SEASON-2029", false)
				in.DesiredRetention = ptr(0.99)
				return in
			}(),
			"scheduler must be fsrs or classic.": func() season.Input {
				in := newSeason("SEASON-2029", false)
				in.Scheduler = ptr("sm2")
				return in
			}(),
			"grade_mapping must be binary or speed.": func() season.Input {
				in := newSeason("SEASON-2029", false)
				in.GradeMapping = ptr("x")
				return in
			}(),
			"start_date and end_date are required (YYYY-MM-DD).": {ID: "SEASON-2029"},
		}
		for msg, in := range bad {
			_, err := e.svc.Create(ctx, season.Actor{}, in)
			requireProblem(t, err, problem.Invalid, msg)
		}
		require.Zero(t, count(t, e.store, "SELECT count(*) FROM seasons"))
	})
}

// At most one season is active: activating one (by create, update or activate)
// deactivates the others.
func TestActivateAndEnd(t *testing.T) {
	each(t, false, func(t *testing.T, e *env) {
		ctx := context.Background()
		_, err := e.svc.Create(ctx, season.Actor{}, newSeason("SEASON-2028", true))
		require.NoError(t, err)
		_, err = e.svc.Create(ctx, season.Actor{}, newSeason("SEASON-2029", true))
		require.NoError(t, err)
		require.EqualValues(t, 1, count(t, e.store, "SELECT count(*) FROM seasons WHERE is_active"))

		v, err := e.svc.Activate(ctx, season.Actor{}, "SEASON-2028")
		require.NoError(t, err)
		require.True(t, v.IsActive)
		old, _ := e.store.SeasonGet(ctx, "SEASON-2029")
		require.False(t, old.IsActive)
		_, err = e.svc.Activate(ctx, season.Actor{}, "SEASON-1999")
		requireProblem(t, err, problem.NotFound, "Season 'SEASON-1999' not found.")

		up, err := e.svc.Update(ctx, season.Actor{}, season.Input{ID: "SEASON-2029", IsActive: ptr(true), AutoArchive: ptr(true)})
		require.NoError(t, err)
		require.True(t, up.Season.IsActive)
		require.Len(t, up.Warnings, 1, "auto-archive on the active season warns")
		require.EqualValues(t, 1, count(t, e.store, "SELECT count(*) FROM seasons WHERE is_active"))

		// Ending today (2026-11-25) a season that runs to 2030 moves its end date; it stays
		// after its start when the season has not started yet.
		v, err = e.svc.End(ctx, season.Actor{}, "SEASON-2029")
		require.NoError(t, err)
		require.False(t, v.IsActive)
		require.Equal(t, "2029-09-01", v.EndDate)
	})
}

// Switching Redis caching on starts a rebuild (a job in the same transaction).
func TestUpdateEnablesRedis(t *testing.T) {
	each(t, true, func(t *testing.T, e *env) {
		ctx := context.Background()
		in := newSeason("SEASON-2029", false)
		in.EnableRedis = ptr(false)
		_, err := e.svc.Create(ctx, season.Actor{}, in)
		require.NoError(t, err)
		up, err := e.svc.Update(ctx, season.Actor{}, season.Input{ID: "SEASON-2029", EnableRedis: ptr(true)})
		require.NoError(t, err)
		require.NotNil(t, up.Rebuild)
		require.Equal(t, []int64{up.Rebuild.RebuildID}, e.jobs.rebuilds)
		require.EqualValues(t, 1, count(t, e.store, "SELECT count(*) FROM cache_rebuilds WHERE status = 'queued'"))
	})
}

// Every successful change tells Changed (the app drops its season and access caches); a
// refused one does not.
func TestChangesAreAnnounced(t *testing.T) {
	each(t, false, func(t *testing.T, e *env) {
		ctx := context.Background()
		calls := 0
		e.svc.Changed = func() { calls++ }
		_, err := e.svc.Create(ctx, season.Actor{}, newSeason("SEASON-2029", false))
		require.NoError(t, err)
		require.Equal(t, 1, calls)
		_, err = e.svc.Create(ctx, season.Actor{}, newSeason("SEASON-2029", false))
		require.Error(t, err)
		require.Equal(t, 1, calls, "a refused creation changes nothing")
		in := newSeason("SEASON-2029", false)
		in.Scheduler = ptr("classic")
		_, err = e.svc.Update(ctx, season.Actor{}, in)
		require.NoError(t, err)
		require.Equal(t, 2, calls)
		_, err = e.svc.Activate(ctx, season.Actor{}, "SEASON-2029")
		require.NoError(t, err)
		_, err = e.svc.End(ctx, season.Actor{}, "SEASON-2029")
		require.NoError(t, err)
		require.Equal(t, 4, calls)
	})
}
