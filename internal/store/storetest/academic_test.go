package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/store"
)

func TestStreamsAndGrades(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		lit := store.Stream{ID: "lit", Title: "أدبي", TitleEN: "Literary", Position: 2}
		sci := store.Stream{ID: "sci", Title: "علمي", TitleEN: "Scientific", Position: 1}
		require.NoError(t, s.StreamUpsert(ctx, lit))
		require.NoError(t, s.StreamUpsert(ctx, lit), "upsert twice")
		require.NoError(t, s.StreamUpsert(ctx, sci))
		streams, err := s.StreamList(ctx)
		require.NoError(t, err)
		require.Equal(t, []store.Stream{sci, lit}, streams, "ordered by position")

		g12 := store.Grade{ID: "g12", Title: "12", TitleEN: "Twelfth", Position: 12, ValidStreams: []string{"sci", "lit"}}
		g1 := store.Grade{ID: "g1", Title: "1", TitleEN: "First", Position: 1}
		require.NoError(t, s.GradeUpsert(ctx, g12))
		require.NoError(t, s.GradeUpsert(ctx, g12), "upsert twice")
		require.NoError(t, s.GradeUpsert(ctx, g1))

		got, err := s.GradeGet(ctx, "g12")
		require.NoError(t, err)
		require.Equal(t, g12, got, "valid streams round-trip in their order")
		got, err = s.GradeGet(ctx, "g1")
		require.NoError(t, err)
		require.Empty(t, got.ValidStreams)

		// Upserting replaces the valid streams.
		g12.ValidStreams = []string{"lit"}
		g12.Title = "الثاني عشر"
		require.NoError(t, s.GradeUpsert(ctx, g12))
		list, err := s.GradeList(ctx)
		require.NoError(t, err)
		require.Len(t, list, 2)
		require.Equal(t, "g1", list[0].ID)
		require.Empty(t, list[0].ValidStreams)
		require.Equal(t, g12, list[1])

		_, err = s.GradeGet(ctx, "nope")
		require.ErrorIs(t, err, store.ErrNotFound)

		// An unknown stream fails the whole upsert: the grade is not created.
		require.Error(t, s.GradeUpsert(ctx, store.Grade{ID: "g2", Title: "2", ValidStreams: []string{"sci", "nope"}}))
		_, err = s.GradeGet(ctx, "g2")
		require.ErrorIs(t, err, store.ErrNotFound)
	})
}

// AcademicTitles names the grades and streams asked for, in one read: a grade and a stream may
// share an id, unknown ids are left out, and nothing asked gives nothing.
func TestAcademicTitles(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		require.NoError(t, s.StreamUpsert(ctx, store.Stream{ID: "sci", Title: "علمي", TitleEN: "Scientific"}))
		require.NoError(t, s.StreamUpsert(ctx, store.Stream{ID: "lit", Title: "أدبي", TitleEN: "Literary"}))
		require.NoError(t, s.StreamUpsert(ctx, store.Stream{ID: "same", Title: "مسار", TitleEN: "Stream"}))
		require.NoError(t, s.GradeUpsert(ctx, store.Grade{ID: "g12", Title: "الثاني عشر", TitleEN: "Twelfth", ValidStreams: []string{"sci", "lit"}}))
		require.NoError(t, s.GradeUpsert(ctx, store.Grade{ID: "g11", Title: "الحادي عشر"}))
		require.NoError(t, s.GradeUpsert(ctx, store.Grade{ID: "same", Title: "صف", TitleEN: "Grade"}))

		got, err := s.AcademicTitles(ctx, []string{"g12", "g11", "same", "nope"}, []string{"sci", "same", "gone"})
		require.NoError(t, err)
		require.ElementsMatch(t, []store.AcademicTitle{
			{Kind: store.AcademicGrade, ID: "g12", Title: "الثاني عشر", TitleEN: "Twelfth"},
			{Kind: store.AcademicGrade, ID: "g11", Title: "الحادي عشر"},
			{Kind: store.AcademicGrade, ID: "same", Title: "صف", TitleEN: "Grade"},
			{Kind: store.AcademicStream, ID: "sci", Title: "علمي", TitleEN: "Scientific"},
			{Kind: store.AcademicStream, ID: "same", Title: "مسار", TitleEN: "Stream"},
		}, got)

		got, err = s.AcademicTitles(ctx, nil, []string{"lit"})
		require.NoError(t, err)
		require.Equal(t, []store.AcademicTitle{{Kind: store.AcademicStream, ID: "lit", Title: "أدبي", TitleEN: "Literary"}}, got)
		got, err = s.AcademicTitles(ctx, nil, nil)
		require.NoError(t, err)
		require.Empty(t, got)
	})
}

func TestSeasons(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		a := season("s2025")
		a.CreatedAt = t0.Add(-time.Hour)
		b := season("s2026")
		b.FSRSWeights = "0.4,0.6"
		require.NoError(t, s.SeasonUpsert(ctx, a))
		require.NoError(t, s.SeasonUpsert(ctx, a), "upsert twice")
		require.NoError(t, s.SeasonUpsert(ctx, b))

		got, err := s.SeasonGet(ctx, "s2026")
		require.NoError(t, err)
		require.Equal(t, b.ID, got.ID)
		require.Equal(t, b.StartDate, got.StartDate, "dates are UTC midnights")
		require.Equal(t, b.EndDate, got.EndDate)
		require.Equal(t, b.FSRSWeights, got.FSRSWeights)
		require.Equal(t, b.DesiredRetention, got.DesiredRetention)
		require.Equal(t, b.Scheduler, got.Scheduler)
		require.True(t, got.IsActive)
		require.Nil(t, got.ArchivedAt)
		sameTime(t, b.CreatedAt, got.CreatedAt)

		b.IsActive, b.DesiredRetention, b.Scheduler = false, 0.85, store.SchedulerClassic
		require.NoError(t, s.SeasonUpsert(ctx, b))
		got, err = s.SeasonGet(ctx, "s2026")
		require.NoError(t, err)
		require.False(t, got.IsActive)
		require.Equal(t, 0.85, got.DesiredRetention)
		require.Equal(t, store.SchedulerClassic, got.Scheduler)

		list, err := s.SeasonList(ctx)
		require.NoError(t, err)
		require.Len(t, list, 2)
		require.Equal(t, "s2026", list[0].ID, "newest first")

		_, err = s.SeasonGet(ctx, "nope")
		require.ErrorIs(t, err, store.ErrNotFound)

		bad := season("bad")
		bad.DesiredRetention = 0.5
		require.Error(t, s.SeasonUpsert(ctx, bad), "retention out of range")
	})
}

func TestPlans(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		w := seed(t, s, "")
		require.NoError(t, s.InstitutionUpsert(ctx, store.Institution{ID: "other", Name: "Other", TimeZone: "UTC"}))
		require.NoError(t, s.SubjectUpsert(ctx, store.Subject{ID: "phys", Title: "Physics", CreatedAt: t0}))

		shared := store.Plan{ID: "shared", GradeID: w.Grade, SeasonID: w.Season, UpdatedAt: t0, Subjects: []store.PlanSubject{
			{Position: 0, SubjectID: w.Subject, DisplayName: "Math", IsMandatory: true, SelectionType: store.SelectAllUnits},
		}}
		sharedSci := store.Plan{ID: "shared-sci", GradeID: w.Grade, StreamID: &w.Stream, SeasonID: w.Season, UpdatedAt: t0, Subjects: []store.PlanSubject{
			{Position: 0, SubjectID: "phys", DisplayName: "Physics", IsMandatory: true, SelectionType: store.SelectAllUnits},
			{Position: 1, SubjectID: w.Subject, DisplayName: "Algebra", SelectionType: store.SelectSpecificUnit, SpecificUnitID: &w.Unit},
		}}
		own := store.Plan{ID: "own", InstitutionID: &w.Inst, GradeID: w.Grade, SeasonID: w.Season, UpdatedAt: t0, Subjects: []store.PlanSubject{
			{Position: 0, SubjectID: "phys", DisplayName: "Physics only", IsMandatory: false, SelectionType: store.SelectAllUnits},
		}}
		for _, p := range []store.Plan{shared, sharedSci, own} {
			require.NoError(t, s.PlanUpsert(ctx, p))
		}
		require.NoError(t, s.PlanUpsert(ctx, own), "upsert twice")

		find := func(inst string, stream *string) store.Plan {
			t.Helper()
			p, err := s.PlanFind(ctx, store.PlanFindParams{InstitutionID: inst, GradeID: w.Grade, StreamID: stream, SeasonID: w.Season})
			require.NoError(t, err)
			return p
		}
		// The institution's own plan beats the shared one; others get the shared one.
		got := find(w.Inst, nil)
		require.Equal(t, "own", got.ID)
		require.Equal(t, own.Subjects, got.Subjects)
		require.Equal(t, &w.Inst, got.InstitutionID)
		require.Nil(t, got.StreamID)
		sameTime(t, t0, got.UpdatedAt)
		require.Equal(t, "shared", find("other", nil).ID)

		// A stream matches only plans of that stream; nil matches only stream-less plans.
		got = find(w.Inst, &w.Stream)
		require.Equal(t, "shared-sci", got.ID)
		require.Equal(t, sharedSci.Subjects, got.Subjects)
		require.Equal(t, &w.Stream, got.StreamID)
		_, err := s.PlanFind(ctx, store.PlanFindParams{InstitutionID: w.Inst, GradeID: w.Grade, StreamID: ptr("lit"), SeasonID: w.Season})
		require.ErrorIs(t, err, store.ErrNotFound)
		_, err = s.PlanFind(ctx, store.PlanFindParams{InstitutionID: w.Inst, GradeID: "nope", SeasonID: w.Season})
		require.ErrorIs(t, err, store.ErrNotFound)

		// Upserting replaces the subjects.
		own.Subjects = own.Subjects[:0]
		require.NoError(t, s.PlanUpsert(ctx, own))
		require.Empty(t, find(w.Inst, nil).Subjects)

		// A second plan with the same (institution, grade, stream, season) is a conflict.
		dup := shared
		dup.ID = "shared-dup"
		require.ErrorIs(t, s.PlanUpsert(ctx, dup), store.ErrConflict)

		gs, err := s.PlanGradeSeasons(ctx, w.Inst)
		require.NoError(t, err)
		require.Equal(t, []store.GradeSeason{{GradeID: w.Grade, SeasonID: w.Season}}, gs)
	})
}
