package catalog_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/catalog"
	"memora/internal/problem"
	"memora/internal/store"
	"memora/internal/store/storetest"
)

func requireProblem(t *testing.T, err error, kind problem.Kind, msg string) {
	t.Helper()
	p, ok := problem.As(err)
	require.True(t, ok, "%v", err)
	require.Equal(t, kind, p.Kind)
	require.Equal(t, msg, p.Message)
}

// N.119, N.120 and stage configs validated on save.
func TestSaveLesson(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st store.Store) {
		t.Parallel()
		ctx := context.Background()
		at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		require.NoError(t, st.SubjectUpsert(ctx, store.Subject{ID: "s", Title: "s", CreatedAt: at}))
		require.NoError(t, st.TrackUpsert(ctx, store.Track{ID: "t", SubjectID: "s", Title: "t", CreatedAt: at}))
		for id, typ := range map[string]string{"topics": store.TopicBased, "topics2": store.TopicBased, "path": store.LessonBased} {
			require.NoError(t, st.UnitUpsert(ctx, store.Unit{ID: id, SubjectID: "s", TrackID: "t", Title: id, StructureType: typ, CreatedAt: at}))
		}
		require.NoError(t, st.TopicUpsert(ctx, store.Topic{ID: "tp", UnitID: "topics", Title: "tp", CreatedAt: at}))
		require.NoError(t, st.TopicUpsert(ctx, store.Topic{ID: "tp2", UnitID: "topics2", Title: "tp2", CreatedAt: at}))
		quiz := store.Stage{ID: "st-1", Title: "q", Type: catalog.StageQuiz, Config: json.RawMessage(`{"question":"q","options":["a","b"],"correct_index":0}`)}
		tp, tp2 := "tp", "tp2"

		_, err := catalog.SaveLesson(ctx, st, store.Lesson{ID: "l1", Title: "L1", UnitID: "topics", IsPublished: true}, []store.Stage{quiz})
		requireProblem(t, err, problem.Invalid, "A lesson of a topic-based unit needs a topic")
		_, err = catalog.SaveLesson(ctx, st, store.Lesson{ID: "l1", Title: "L1", UnitID: "topics", TopicID: &tp2}, []store.Stage{quiz})
		requireProblem(t, err, problem.Invalid, "The topic does not belong to the unit")
		_, err = catalog.SaveLesson(ctx, st, store.Lesson{ID: "l1", Title: "L1", TopicID: &tp}, []store.Stage{quiz})
		requireProblem(t, err, problem.Invalid, "Choose the unit first")
		_, err = catalog.SaveLesson(ctx, st, store.Lesson{ID: "l1", Title: "L1", UnitID: "nope"}, nil)
		requireProblem(t, err, problem.Invalid, "Unit not found")
		_, err = catalog.SaveLesson(ctx, st, store.Lesson{ID: "l1", Title: "L1", UnitID: "path", IsPublished: true}, nil)
		requireProblem(t, err, problem.Invalid, "A published lesson needs at least one stage")
		bad := quiz
		bad.Config = json.RawMessage(`{"question":"q","options":["a","b"],"correct_index":7}`)
		_, err = catalog.SaveLesson(ctx, st, store.Lesson{ID: "l1", Title: "L1", UnitID: "path"}, []store.Stage{bad})
		requireProblem(t, err, problem.Invalid, "stages[0]: st-1: quiz config: correct_index 7 is out of range (2 options)")
		_, err = catalog.SaveLesson(ctx, st, store.Lesson{ID: "l1", Title: "L1", UnitID: "path"}, []store.Stage{quiz, quiz})
		requireProblem(t, err, problem.Invalid, `stages[1]: id "st-1" repeats`)
		colon := quiz
		colon.ID = "a:b"
		_, err = catalog.SaveLesson(ctx, st, store.Lesson{ID: "l1", Title: "L1", UnitID: "path"}, []store.Stage{colon})
		requireProblem(t, err, problem.Invalid, "stages[0]: id is empty or contains ':'")
		_, err = st.LessonGet(ctx, "l1")
		require.ErrorIs(t, err, store.ErrNotFound, "nothing was written")

		// A lesson-based unit clears the topic.
		saved, err := catalog.SaveLesson(ctx, st, store.Lesson{ID: "l1", Title: "L1", UnitID: "path", TopicID: &tp, IsPublished: true,
			XPReward: 10, CreatedAt: at}, []store.Stage{quiz})
		require.NoError(t, err)
		require.Nil(t, saved.TopicID)
		got, err := st.LessonGet(ctx, "l1")
		require.NoError(t, err)
		require.Nil(t, got.TopicID)
		stages, err := st.StagesByLesson(ctx, "l1")
		require.NoError(t, err)
		require.Len(t, stages, 1)

		_, err = catalog.SaveLesson(ctx, st, store.Lesson{ID: "l2", Title: "L2", UnitID: "topics", TopicID: &tp, CreatedAt: at}, nil)
		require.NoError(t, err)
		// N.120: the title is unique.
		_, err = catalog.SaveLesson(ctx, st, store.Lesson{ID: "l3", Title: "L1", UnitID: "path", CreatedAt: at}, nil)
		requireProblem(t, err, problem.Conflict, "A lesson with this title or a stage with this id already exists.")
		// A stage id belongs to one lesson.
		_, err = catalog.SaveLesson(ctx, st, store.Lesson{ID: "l2", Title: "L2", UnitID: "topics", TopicID: &tp, CreatedAt: at}, []store.Stage{quiz})
		requireProblem(t, err, problem.Conflict, "A lesson with this title or a stage with this id already exists.")
	})
}
