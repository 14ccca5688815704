package api_test

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"memora/internal/apitest"
	"memora/internal/authoring"
	"memora/internal/store"
)

// A Content Manager authors a subject down to a lesson through the API alone, publishes it
// and a student of the institution sees it in get_subjects; order, validation, deletion
// and imports behave as the desk needs.
func TestAContentManagerAuthorsAndPublishesALessonThroughTheAPI(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		cm, _ := env.LoginAs("cm@own.test", ownInst, store.RoleContentManager)
		m := func(fn string) string { return apitest.Method("content", fn) }
		save := func(fn string, doc map[string]any, out any) {
			t.Helper()
			r := cm.Post(m(fn), map[string]any{"doc": doc})
			require.Equal(t, 200, r.Status, r.Body)
			r.Message(t, out)
		}
		var sub authoring.SubjectView
		var track authoring.TrackView
		var unit authoring.UnitView
		var topic authoring.TopicView
		var lesson, second authoring.LessonView
		step(t, "every level is created with generated ids, unpublished and in order", func(t *testing.T) {
			save("save_subject", map[string]any{"title": "علوم", "title_en": "Science"}, &sub)
			require.True(t, strings.HasPrefix(sub.ID, "subject-"), sub.ID)
			require.Equal(t, ownInst, *sub.Institution, "the caller's institution")
			require.True(t, sub.Editable)
			require.False(t, sub.IsPublished)
			save("save_track", map[string]any{"subject": sub.ID, "title": "Main", "is_default": true}, &track)
			save("save_unit", map[string]any{"subject": sub.ID, "track": track.ID, "title": "Cells", "structure_type": "topic_based"}, &unit)
			save("save_topic", map[string]any{"unit": unit.ID, "title": "The cell"}, &topic)
			require.True(t, topic.IsLinear, "linear unless said otherwise, as in imports")
			quiz := map[string]any{"id": "cell-q1", "title": "Q", "type": "quiz",
				"config": map[string]any{"question": "Smallest unit of life?", "options": []string{"cell", "atom"}, "correct_index": 0}}
			save("save_lesson", map[string]any{"unit": unit.ID, "topic": topic.ID, "title": "Cells 1", "stages": []any{quiz}}, &lesson)
			save("save_lesson", map[string]any{"unit": unit.ID, "topic": topic.ID, "title": "Cells 2", "stages": []any{}}, &second)
			require.Equal(t, []int{0, 1}, []int{lesson.Position, second.Position})
			require.Len(t, lesson.Stages, 1)
		})

		step(t, "a bad stage config is refused naming the field, and changes nothing", func(t *testing.T) {
			bad := map[string]any{"id": lesson.ID, "unit": unit.ID, "topic": topic.ID, "title": "Cells 1", "stages": []any{
				map[string]any{"id": "cell-q1", "title": "Q", "type": "quiz",
					"config": map[string]any{"question": "?", "options": []string{"a", "b"}, "correct_index": 5}}}}
			r := cm.Post(m("save_lesson"), map[string]any{"doc": bad})
			require.Equal(t, 400, r.Status, r.Body)
			require.Contains(t, r.Body, "correct_index 5 is out of range")
			var check authoring.StageCheck
			r = cm.Get(m("validate_stage"), map[string]string{"type": "reveal", "config": `{"sentence":"a b","highlights":[{"word":"c","explanation":"x"}]}`})
			require.Equal(t, 200, r.Status, r.Body)
			r.Message(t, &check)
			require.Equal(t, authoring.StageCheck{Field: "highlights[0]", Message: `highlights[0]: word "c" does not occur in the sentence`}, check)
			var got authoring.LessonView
			cm.Get(m("get_lesson"), map[string]string{"lesson": lesson.ID}).Message(t, &got)
			require.Len(t, got.Stages, 1)
			require.JSONEq(t, string(lesson.Stages[0].Config), string(got.Stages[0].Config), "the stored stage is unchanged")
		})

		step(t, "publishing needs stages; published content reaches the institution's students", func(t *testing.T) {
			r := cm.Post(m("set_published"), map[string]any{"kind": "lesson", "id": second.ID, "published": true})
			expectMessage(t, r, 400, "A published lesson needs at least one stage")
			for _, k := range [][2]string{{"subject", sub.ID}, {"track", track.ID}, {"unit", unit.ID}, {"topic", topic.ID}, {"lesson", lesson.ID}} {
				r := cm.Post(m("set_published"), map[string]any{"kind": k[0], "id": k[1], "published": true})
				require.Equal(t, 200, r.Status, r.Body)
			}
			var tree authoring.Tree
			cm.Get(m("get_tree"), map[string]string{"subject": sub.ID}).Message(t, &tree)
			require.True(t, tree.Subject.IsPublished)
			require.Len(t, tree.Lessons, 2)
			require.True(t, tree.Lessons[0].IsPublished)
			require.False(t, tree.Lessons[1].IsPublished)
		})

		step(t, "moving swaps neighbours and stops at the ends", func(t *testing.T) {
			require.Equal(t, 200, cm.Post(m("move"), map[string]any{"kind": "lesson", "id": second.ID, "direction": "up"}).Status)
			var tree authoring.Tree
			cm.Get(m("get_tree"), map[string]string{"subject": sub.ID}).Message(t, &tree)
			require.Equal(t, []string{second.ID, lesson.ID}, []string{tree.Lessons[0].ID, tree.Lessons[1].ID})
			r := cm.Post(m("move"), map[string]any{"kind": "lesson", "id": second.ID, "direction": "up"})
			require.Equal(t, 400, r.Status, r.Body)
		})

		step(t, "a row that still holds content is not deleted; an empty one is", func(t *testing.T) {
			r := cm.Post(m("delete"), map[string]any{"kind": "unit", "id": unit.ID})
			require.Equal(t, 409, r.Status, r.Body)
			require.Equal(t, 200, cm.Post(m("delete"), map[string]any{"kind": "lesson", "id": second.ID}).Status)
			_, err := env.Store.LessonGet(context.Background(), second.ID)
			require.ErrorIs(t, err, store.ErrNotFound)
		})

		step(t, "shared content is read-only and other institutions' content is not found", func(t *testing.T) {
			ctx := context.Background()
			env.Institution(otherInst)
			require.NoError(t, env.Store.SubjectUpsert(ctx, store.Subject{ID: "shared", Title: "Shared", CreatedAt: env.Clock.Now()}))
			other := otherInst
			require.NoError(t, env.Store.SubjectUpsert(ctx, store.Subject{ID: "theirs", InstitutionID: &other, Title: "Theirs", CreatedAt: env.Clock.Now()}))
			var list []authoring.SubjectView
			cm.Get(m("get_subjects"), nil).Message(t, &list)
			ids := map[string]bool{}
			for _, s := range list {
				ids[s.ID] = s.Editable
			}
			require.Equal(t, map[string]bool{sub.ID: true, "shared": false}, ids)
			require.Equal(t, 403, cm.Post(m("save_subject"), map[string]any{"doc": map[string]any{"id": "shared", "title": "X"}}).Status)
			require.Equal(t, 404, cm.Get(m("get_tree"), map[string]string{"subject": "theirs"}).Status)
			require.Equal(t, 200, cm.Get(m("get_tree"), map[string]string{"subject": "shared"}).Status)
		})

		step(t, "a System Manager who edits a subject without naming an institution keeps its owner", func(t *testing.T) {
			sm, _ := env.LoginAs("sm@own.test", otherInst, store.RoleSystemManager)
			var v authoring.SubjectView
			r := sm.Post(m("save_subject"), map[string]any{"doc": map[string]any{"id": sub.ID, "title": "Sciences"}})
			require.Equal(t, 200, r.Status, r.Body)
			r.Message(t, &v)
			require.Equal(t, ownInst, *v.Institution)
			got, err := env.Store.SubjectGet(context.Background(), sub.ID)
			require.NoError(t, err)
			require.Equal(t, ownInst, *got.InstitutionID)
			require.True(t, got.IsPublished, "publishing is kept by a save")
		})

		step(t, "an import is dry-run first, then loaded; staff import only their own content", func(t *testing.T) {
			file := map[string]any{"format": "memora-import", "version": 1,
				"subjects": []any{map[string]any{"id": sub.ID, "institution": ownInst, "title": "Science!"},
					map[string]any{"id": "geo", "institution": ownInst, "title": "Geography"}}}
			var res authoring.ImportResult
			r := cm.Post(m("import_file"), map[string]any{"data": file, "dry_run": true})
			require.Equal(t, 200, r.Status, r.Body)
			r.Message(t, &res)
			require.Equal(t, []authoring.Change{{Kind: "subject", ID: sub.ID, Action: "update"}, {Kind: "subject", ID: "geo", Action: "create"}}, res.Changes)
			_, err := env.Store.SubjectGet(context.Background(), "geo")
			require.ErrorIs(t, err, store.ErrNotFound, "a dry run writes nothing")
			r = cm.Post(m("import_file"), map[string]any{"data": file})
			require.Equal(t, 200, r.Status, r.Body)
			_, err = env.Store.SubjectGet(context.Background(), "geo")
			require.NoError(t, err)
			file["grades"] = []any{map[string]any{"id": "g1", "title": "G1"}}
			require.Equal(t, 403, cm.Post(m("import_file"), map[string]any{"data": file, "dry_run": true}).Status)
		})
	})
}
