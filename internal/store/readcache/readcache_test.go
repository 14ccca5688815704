package readcache_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/clock"
	"memora/internal/demo"
	"memora/internal/importer"
	"memora/internal/store"
	"memora/internal/store/readcache"
	"memora/internal/store/storetest"
)

func TestReadsAreCachedForTTL(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s store.Store) {
		ctx := context.Background()
		clk := clock.NewFake(time.Date(2026, 11, 25, 7, 0, 0, 0, time.UTC))
		require.NoError(t, s.InstitutionUpsert(ctx, store.Institution{ID: "x", Name: "x", TimeZone: "UTC"}))
		u, err := s.UserUpsert(ctx, store.UserUpsertParams{InstitutionID: "x", Email: "u@x.test", Enabled: true})
		require.NoError(t, err)
		require.NoError(t, s.GradeUpsert(ctx, store.Grade{ID: "g1", Title: "g1"}))
		require.NoError(t, s.GradeUpsert(ctx, store.Grade{ID: "g2", Title: "g2"}))
		require.NoError(t, s.ProfileSetAcademic(ctx, store.ProfileSetAcademicParams{UserID: u.ID, GradeID: "g1", Now: clk.Now()}))

		c := readcache.New(s, clk)
		_, err = c.ProfileGet(ctx, 999)
		require.ErrorIs(t, err, store.ErrNotFound, "a missing row is not cached as found")
		p, err := c.ProfileGet(ctx, u.ID)
		require.NoError(t, err)
		require.Equal(t, "g1", *p.GradeID)

		require.NoError(t, s.ProfileSetAcademic(ctx, store.ProfileSetAcademicParams{UserID: u.ID, GradeID: "g2", Now: clk.Now()}))
		p, _ = c.ProfileGet(ctx, u.ID)
		require.Equal(t, "g1", *p.GradeID, "served from the cache within the TTL")
		c.Forget(u.ID)
		p, _ = c.ProfileGet(ctx, u.ID)
		require.Equal(t, "g2", *p.GradeID, "Forget drops the entry")

		require.NoError(t, s.ProfileSetAcademic(ctx, store.ProfileSetAcademicParams{UserID: u.ID, GradeID: "g1", Now: clk.Now()}))
		clk.Advance(readcache.TTL)
		p, _ = c.ProfileGet(ctx, u.ID)
		require.Equal(t, "g1", *p.GradeID, "read again once the TTL has passed")
	})
}

// Plans are cached by value of the lookup, not by the identity of its stream pointer.
func TestPlanKeyIsByValue(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s store.Store) {
		ctx := context.Background()
		clk := clock.NewFake(time.Date(2026, 11, 25, 7, 0, 0, 0, time.UTC))
		require.NoError(t, s.StreamUpsert(ctx, store.Stream{ID: "sci", Title: "sci"}))
		require.NoError(t, s.GradeUpsert(ctx, store.Grade{ID: "g", Title: "g", ValidStreams: []string{"sci"}}))
		require.NoError(t, s.SeasonUpsert(ctx, store.Season{ID: "SEASON-2026", StartDate: clk.Now(), EndDate: clk.Now().AddDate(1, 0, 0),
			Scheduler: "fsrs", DesiredRetention: 0.9, GradeMapping: "binary"}))
		sci := "sci"
		require.NoError(t, s.PlanUpsert(ctx, store.Plan{ID: "p1", GradeID: "g", StreamID: &sci, SeasonID: "SEASON-2026", UpdatedAt: clk.Now()}))
		c := readcache.New(s, clk)
		find := func() (store.Plan, error) {
			stream := "sci" // a fresh pointer each time, as callers pass
			return c.PlanFind(ctx, store.PlanFindParams{GradeID: "g", StreamID: &stream, SeasonID: "SEASON-2026"})
		}
		p, err := find()
		require.NoError(t, err)
		require.Equal(t, "p1", p.ID)
		require.NoError(t, s.PlanUpsert(ctx, store.Plan{ID: "p1", GradeID: "g", StreamID: &sci, SeasonID: "SEASON-2026",
			UpdatedAt: clk.Now().Add(time.Hour)}))
		p, err = find()
		require.NoError(t, err)
		require.True(t, p.UpdatedAt.Equal(clk.Now()), "the second lookup hits the cache")
		_, err = c.PlanFind(ctx, store.PlanFindParams{GradeID: "g", SeasonID: "SEASON-2026"})
		require.ErrorIs(t, err, store.ErrNotFound, "no stream is a different key")
	})
}

// A lesson, its unit and its stages are served from the cache within the TTL; a caller
// changing its slice of stages does not change the cached one.
func TestContentIsCachedForTTL(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s store.Store) {
		ctx := context.Background()
		now := time.Date(2026, 11, 25, 7, 0, 0, 0, time.UTC)
		f, err := demo.Load(now)
		require.NoError(t, err)
		_, err = importer.Apply(ctx, s, f, now)
		require.NoError(t, err)
		clk := clock.NewFake(now)
		c := readcache.New(s, clk)
		lessonID := f.Lessons[0].ID

		l, err := c.LessonGet(ctx, lessonID)
		require.NoError(t, err)
		u, err := c.UnitGet(ctx, l.UnitID)
		require.NoError(t, err)
		stages, err := c.StagesByLesson(ctx, lessonID)
		require.NoError(t, err)
		require.NotEmpty(t, stages)
		stages[0].Title = "changed by a caller"

		renamed := l
		renamed.Title = "renamed"
		require.NoError(t, s.LessonUpsert(ctx, renamed))
		l2, _ := c.LessonGet(ctx, lessonID)
		require.Equal(t, l.Title, l2.Title, "served from the cache within the TTL")
		u2, _ := c.UnitGet(ctx, l.UnitID)
		require.Equal(t, u, u2)
		again, _ := c.StagesByLesson(ctx, lessonID)
		require.NotEqual(t, "changed by a caller", again[0].Title)

		clk.Advance(readcache.TTL)
		l2, _ = c.LessonGet(ctx, lessonID)
		require.Equal(t, "renamed", l2.Title, "read again once the TTL has passed")
	})
}
