package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/store"
)

func TestSubjects(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		require.NoError(t, s.InstitutionUpsert(ctx, store.Institution{ID: "a", Name: "A", TimeZone: "UTC"}))
		sub := store.Subject{
			ID: "math", InstitutionID: ptr("a"), Title: "رياضيات", TitleEN: "Math", Icon: "➗", IsPublished: true,
			IsPaid: true, FullPriceCents: ptr(int64(1500)), DiscountedPriceCents: ptr(int64(999)), Position: 3, CreatedAt: t0,
		}
		require.NoError(t, s.SubjectUpsert(ctx, sub))
		require.NoError(t, s.SubjectUpsert(ctx, sub), "upsert twice")
		got, err := s.SubjectGet(ctx, "math")
		require.NoError(t, err)
		require.Equal(t, sub, got)

		// Upsert updates every field but the creation time; nil prices are stored as NULL.
		sub2 := sub
		sub2.InstitutionID, sub2.Title, sub2.IsPaid, sub2.FullPriceCents, sub2.DiscountedPriceCents = nil, "Maths", false, nil, nil
		sub2.CreatedAt = t0.Add(time.Hour)
		require.NoError(t, s.SubjectUpsert(ctx, sub2))
		got, err = s.SubjectGet(ctx, "math")
		require.NoError(t, err)
		sub2.CreatedAt = t0
		require.Equal(t, sub2, got)

		_, err = s.SubjectGet(ctx, "nope")
		require.ErrorIs(t, err, store.ErrNotFound)
		// An unknown institution breaks a foreign key.
		err = s.SubjectUpsert(ctx, store.Subject{ID: "x", InstitutionID: ptr("nope"), Title: "X", CreatedAt: t0})
		require.Error(t, err)
		require.False(t, errors.Is(err, store.ErrConflict) || errors.Is(err, store.ErrNotFound), err)
	})
}

func TestContentTree(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		w := seed(t, s, "")

		track := store.Track{
			ID: "math-adv", SubjectID: w.Subject, Title: "متقدم", TitleEN: "Advanced", UnlockLevel: 3, Icon: "🚀",
			Description: "d", IsPaid: true, IsSoldSeparately: true, StandalonePriceCents: ptr(int64(500)),
			DiscountedPriceCents: ptr(int64(400)), IsPublished: true, Position: 2, CreatedAt: t0,
		}
		require.NoError(t, s.TrackUpsert(ctx, track))
		track.Title = "Advanced!"
		require.NoError(t, s.TrackUpsert(ctx, track), "upsert twice")
		require.EqualValues(t, 1, count(t, s, "SELECT count(*) FROM tracks WHERE id = 'math-adv' AND title = 'Advanced!' AND unlock_level = 3"))

		unit := store.Unit{
			ID: "geo", SubjectID: w.Subject, TrackID: "math-adv", Title: "هندسة", TitleEN: "Geometry",
			StructureType: store.LessonBased, IsFreePreview: true, IsLinearTopics: true, IsPublished: true, Position: 1, CreatedAt: t0,
		}
		require.NoError(t, s.UnitUpsert(ctx, unit))
		require.NoError(t, s.UnitUpsert(ctx, unit), "upsert twice")
		unit.StructureType = "nonsense"
		require.Error(t, s.UnitUpsert(ctx, unit), "structure type is checked")

		topic := store.Topic{ID: "circles", UnitID: "geo", Title: "دوائر", TitleEN: "Circles", Description: "d", IsFreePreview: true, IsPublished: true, Position: 4, CreatedAt: t0}
		require.NoError(t, s.TopicUpsert(ctx, topic))
		require.NoError(t, s.TopicUpsert(ctx, topic), "upsert twice")
		require.EqualValues(t, 1, count(t, s, "SELECT count(*) FROM topics WHERE id = 'circles' AND is_linear = false AND position = 4"))

		// A lesson directly under a lesson_based unit (no topic) and one under a topic.
		direct := store.Lesson{ID: "l-direct", UnitID: "geo", Title: "مباشر", TitleEN: "Direct", XPReward: 15, IsPublished: true, Position: 1, CreatedAt: t0}
		require.NoError(t, s.LessonUpsert(ctx, direct))
		require.NoError(t, s.LessonUpsert(ctx, direct), "upsert twice")
		got, err := s.LessonGet(ctx, "l-direct")
		require.NoError(t, err)
		require.Equal(t, direct, got)

		inTopic := store.Lesson{ID: "l-topic", UnitID: "geo", TopicID: ptr("circles"), Title: "Circles 1", XPReward: 0, CreatedAt: t0}
		require.NoError(t, s.LessonUpsert(ctx, inTopic))
		got, err = s.LessonGet(ctx, "l-topic")
		require.NoError(t, err)
		require.Equal(t, inTopic, got)

		_, err = s.LessonGet(ctx, "nope")
		require.ErrorIs(t, err, store.ErrNotFound)
		// Lesson titles are unique.
		err = s.LessonUpsert(ctx, store.Lesson{ID: "l-dup", UnitID: "geo", Title: "مباشر", CreatedAt: t0})
		require.ErrorIs(t, err, store.ErrConflict)
		// A negative XP reward is refused; an unknown unit breaks a foreign key.
		require.Error(t, s.LessonUpsert(ctx, store.Lesson{ID: "l-neg", UnitID: "geo", Title: "neg", XPReward: -1, CreatedAt: t0}))
		err = s.LessonUpsert(ctx, store.Lesson{ID: "l-orphan", UnitID: "nope", Title: "orphan", CreatedAt: t0})
		require.Error(t, err)
		require.False(t, errors.Is(err, store.ErrConflict), err)
	})
}

func TestStages(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		w := seed(t, s, "")
		require.NoError(t, s.LessonUpsert(ctx, store.Lesson{ID: "other", UnitID: w.Unit, Title: "Other", CreatedAt: t0}))

		stages, err := s.StagesByLesson(ctx, w.Lesson)
		require.NoError(t, err)
		require.Empty(t, stages)

		first := []store.Stage{
			{ID: "st1", Title: "اقرأ", Type: "reading", Config: json.RawMessage(`{"body":"نص"}`)},
			{ID: "st2", Title: "Quiz", Type: "quiz", Config: json.RawMessage(`{"question":"2+2?","options":["3","4"],"correct_index":1}`)},
			{ID: "st3", Title: "Empty", Type: "video"},
		}
		require.NoError(t, s.StagesReplace(ctx, w.Lesson, first))
		require.NoError(t, s.StagesReplace(ctx, w.Lesson, first), "replace twice")
		got, err := s.StagesByLesson(ctx, w.Lesson)
		require.NoError(t, err)
		requireStages(t, w.Lesson, first, got)

		// Replace: st2 goes, st3 moves first and changes, st4 is new.
		second := []store.Stage{
			{ID: "st3", Title: "Video", Type: "video", Config: json.RawMessage(`{"url":"https://example.org/v.mp4"}`)},
			{ID: "st1", Title: "اقرأ", Type: "reading", Config: json.RawMessage(`{"body":"نص ٢"}`)},
			{ID: "st4", Title: "Match", Type: "matching", Config: json.RawMessage(`{"pairs":[]}`)},
		}
		require.NoError(t, s.StagesReplace(ctx, w.Lesson, second))
		got, err = s.StagesByLesson(ctx, w.Lesson)
		require.NoError(t, err)
		requireStages(t, w.Lesson, second, got)

		// A bad stage fails the whole replacement: the previous stages stay.
		bad := []store.Stage{{ID: "st5", Title: "ok", Type: "reading"}, {ID: "st6", Title: "bad", Type: "nonsense"}}
		require.Error(t, s.StagesReplace(ctx, w.Lesson, bad))
		got, err = s.StagesByLesson(ctx, w.Lesson)
		require.NoError(t, err)
		requireStages(t, w.Lesson, second, got)

		// Stage ids are global: another lesson cannot take st1.
		err = s.StagesReplace(ctx, "other", []store.Stage{{ID: "st1", Title: "x", Type: "reading"}})
		require.ErrorIs(t, err, store.ErrConflict)

		require.NoError(t, s.StagesReplace(ctx, w.Lesson, nil))
		got, err = s.StagesByLesson(ctx, w.Lesson)
		require.NoError(t, err)
		require.Empty(t, got)
	})
}

// requireStages compares stages, JSON by meaning (PostgreSQL normalizes jsonb), an empty
// config reading back as {} and positions as list indexes.
func requireStages(t *testing.T, lessonID string, want, got []store.Stage) {
	t.Helper()
	require.Len(t, got, len(want))
	for i := range want {
		require.Equal(t, want[i].ID, got[i].ID)
		require.Equal(t, lessonID, got[i].LessonID)
		require.Equal(t, i, got[i].Position)
		require.Equal(t, want[i].Title, got[i].Title)
		require.Equal(t, want[i].Type, got[i].Type)
		cfg := string(want[i].Config)
		if cfg == "" {
			cfg = "{}"
		}
		require.JSONEq(t, cfg, string(got[i].Config))
	}
}
