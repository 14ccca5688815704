package storetest

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"memora/internal/store"
)

func TestContentAdminListsEverySubjectAndGetsATrack(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		w := seed(t, s, "")
		require.NoError(t, s.SubjectUpsert(ctx, store.Subject{ID: "draft", InstitutionID: ptr(w.Inst), Title: "Draft",
			Position: -1, CreatedAt: t0}))
		subjects, err := s.SubjectListAll(ctx)
		require.NoError(t, err)
		require.Equal(t, []string{"draft", w.Subject}, ids(subjects, func(x store.Subject) string { return x.ID }),
			"unpublished ones too, by position")
		require.Equal(t, w.Inst, *subjects[0].InstitutionID)

		tr, err := s.TrackGet(ctx, w.Track)
		require.NoError(t, err)
		require.Equal(t, w.Subject, tr.SubjectID)
		require.True(t, tr.IsDefault)
		_, err = s.TrackGet(ctx, "nope")
		require.ErrorIs(t, err, store.ErrNotFound)
	})
}

func TestContentDeleteRefusesARowOthersReferTo(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		w := seed(t, s, "")
		// The unit still has a topic and a lesson: a conflict, and nothing is deleted —
		// inside a transaction too, which stays usable.
		err := s.InTx(ctx, func(tx store.Executor) error {
			require.ErrorIs(t, tx.ContentDelete(ctx, store.KindUnit, w.Unit), store.ErrConflict)
			_, err := tx.UnitGet(ctx, w.Unit)
			return err
		})
		require.NoError(t, err)
		require.ErrorIs(t, s.ContentDelete(ctx, store.KindSubject, w.Subject), store.ErrConflict)
		require.ErrorIs(t, s.ContentDelete(ctx, store.KindLesson, "nope"), store.ErrNotFound)

		// Bottom up, every level goes; the lesson takes its stages with it.
		require.NoError(t, s.StagesReplace(ctx, w.Lesson, []store.Stage{{ID: "st-x", Title: "S", Type: "reading",
			Config: []byte(`{"text":"t"}`)}}))
		require.NoError(t, s.ContentDelete(ctx, store.KindLesson, w.Lesson))
		stages, err := s.StagesByLesson(ctx, w.Lesson)
		require.NoError(t, err)
		require.Empty(t, stages)
		for _, k := range []struct{ kind, id string }{{store.KindTopic, w.Topic}, {store.KindUnit, w.Unit},
			{store.KindTrack, w.Track}} {
			require.NoError(t, s.ContentDelete(ctx, k.kind, k.id), k.kind)
		}
		_, err = s.TrackGet(ctx, w.Track)
		require.ErrorIs(t, err, store.ErrNotFound)
		require.ErrorIs(t, s.ContentDelete(ctx, store.KindTrack, w.Track), store.ErrNotFound)
	})
}
