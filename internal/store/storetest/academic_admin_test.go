package storetest

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"memora/internal/store"
)

func TestPlansAreListedWithTheirRowsAndDeletedWithThem(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		w := seed(t, s, "")
		rows := []store.PlanSubject{
			{Position: 0, SubjectID: w.Subject, DisplayName: "Maths", IsMandatory: true, SelectionType: store.SelectAllUnits},
			{Position: 1, SubjectID: w.Subject, DisplayName: "Algebra only", SelectionType: store.SelectSpecificUnit, SpecificUnitID: ptr(w.Unit)},
		}
		plan := store.Plan{ID: "p-b", InstitutionID: ptr(w.Inst), GradeID: w.Grade, StreamID: ptr(w.Stream), SeasonID: w.Season,
			UpdatedAt: t0, Subjects: rows}
		require.NoError(t, s.PlanUpsert(ctx, plan))
		require.NoError(t, s.PlanUpsert(ctx, store.Plan{ID: "p-a", GradeID: w.Grade, SeasonID: w.Season, UpdatedAt: t0}))

		all, err := s.PlanListAll(ctx)
		require.NoError(t, err)
		require.Equal(t, []string{"p-a", "p-b"}, ids(all, func(p store.Plan) string { return p.ID }))
		require.Empty(t, all[0].Subjects)
		require.Nil(t, all[0].InstitutionID)
		require.Equal(t, rows, all[1].Subjects)

		got, err := s.PlanGet(ctx, "p-b")
		require.NoError(t, err)
		require.Equal(t, plan.Subjects, got.Subjects)
		require.Equal(t, w.Stream, *got.StreamID)
		_, err = s.PlanGet(ctx, "nope")
		require.ErrorIs(t, err, store.ErrNotFound)

		require.NoError(t, s.PlanDelete(ctx, "p-b"))
		require.ErrorIs(t, s.PlanDelete(ctx, "p-b"), store.ErrNotFound)
		all, err = s.PlanListAll(ctx)
		require.NoError(t, err)
		require.Len(t, all, 1)
	})
}
