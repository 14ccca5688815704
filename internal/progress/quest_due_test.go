package progress_test

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"

	"memora/internal/cache"
	"memora/internal/cache/rediscache"
	"memora/internal/clock"
	"memora/internal/identity"
	"memora/internal/progress"
	"memora/internal/redistest"
	"memora/internal/review"
	"memora/internal/store"
	"memora/internal/store/storetest"
)

// questWorld is a player with memory items in two subjects (stages and atoms of stages),
// due and not, one retired, some reviewed today, on a season whose schedule is cached.
type questWorld struct {
	who    identity.Principal
	season string
	now    time.Time
}

func seedQuestWorld(t *testing.T, s store.Store, seasonID string) questWorld {
	t.Helper()
	ctx := context.Background()
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	now := time.Date(2026, 3, 10, 9, 30, 0, 0, time.UTC) // whole seconds: the schedule keeps seconds
	require.NoError(t, s.InstitutionUpsert(ctx, store.Institution{ID: "inst", Name: "مدرسة", NameEN: "School", TimeZone: "UTC"}))
	u, err := s.UserUpsert(ctx, store.UserUpsertParams{InstitutionID: "inst", Email: "q@example.org", FullName: "Q", Enabled: true, CreatedAt: t0})
	require.NoError(t, err)
	require.NoError(t, s.StreamUpsert(ctx, store.Stream{ID: "sci", Title: "علمي", TitleEN: "Scientific", Position: 1}))
	require.NoError(t, s.GradeUpsert(ctx, store.Grade{ID: "g12", Title: "الثاني عشر", TitleEN: "12th", Position: 12, ValidStreams: []string{"sci"}}))
	require.NoError(t, s.SeasonUpsert(ctx, store.Season{ID: seasonID, Title: "2026", TitleEN: "2026",
		StartDate: time.Date(2025, 9, 1, 0, 0, 0, 0, time.UTC), EndDate: time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC),
		IsActive: true, EnableRedis: true, Scheduler: store.SchedulerFSRS, DesiredRetention: 0.9, GradeMapping: "binary", CreatedAt: t0}))
	require.NoError(t, s.ProfileSetAcademic(ctx, store.ProfileSetAcademicParams{UserID: u.ID, GradeID: "g12",
		StreamID: new("sci"), SeasonID: &seasonID, Now: t0}))
	var rows []store.MemoryState
	var logs []store.ReviewLogEntry
	for si, sub := range []struct{ id, title, titleEN string }{{"math", "رياضيات", "Math"}, {"phys", "فيزياء", ""}} {
		require.NoError(t, s.SubjectUpsert(ctx, store.Subject{ID: sub.id, Title: sub.title, TitleEN: sub.titleEN, IsPublished: true, CreatedAt: t0}))
		require.NoError(t, s.TrackUpsert(ctx, store.Track{ID: sub.id + "-main", SubjectID: sub.id, Title: "Main", IsDefault: true, CreatedAt: t0}))
		require.NoError(t, s.UnitUpsert(ctx, store.Unit{ID: sub.id + "-u", SubjectID: sub.id, TrackID: sub.id + "-main", Title: "U",
			StructureType: store.LessonBased, CreatedAt: t0}))
		for li := range 2 {
			lesson := fmt.Sprintf("%s-l%d", sub.id, li)
			require.NoError(t, s.LessonUpsert(ctx, store.Lesson{ID: lesson, UnitID: sub.id + "-u", Title: lesson, XPReward: 10, CreatedAt: t0}))
			var stages []store.Stage
			for k := range 3 {
				stage := fmt.Sprintf("%s-s%d", lesson, k)
				stages = append(stages, store.Stage{ID: stage, LessonID: lesson, Position: k, Title: stage, Type: "reading",
					Config: json.RawMessage(`{"text":"x"}`)})
				// A stage answered whole, and two of its atoms: due, not due, retired.
				for a, q := range []string{stage, stage + ":0", stage + ":1"} {
					n := si*100 + li*10 + k*3 + a
					due := now.Add(time.Duration(n%5-2) * time.Hour) // 2 of 5 due, one exactly now
					if n%5 == 2 {
						due = now
					}
					rows = append(rows, store.MemoryState{UserID: u.ID, SeasonID: seasonID, QuestionID: q, SubjectID: new(sub.id),
						Level: 1 + n%4, Due: due, CreatedAt: t0, UpdatedAt: t0})
					if n%4 == 3 {
						logs = append(logs, store.ReviewLogEntry{UserID: u.ID, SeasonID: seasonID, QuestionID: q,
							Source: store.SessionReview, Rating: 3, Correct: true, StateBefore: 1, StateAfter: 2,
							DueAfter: due, ReviewedAt: now.Add(-time.Hour)})
					}
				}
			}
			require.NoError(t, s.StagesReplace(ctx, lesson, stages))
		}
	}
	require.NoError(t, s.MemoryUpsert(ctx, rows))
	require.NoError(t, s.ReviewLogInsert(ctx, logs))
	require.NoError(t, s.ReviewRetire(ctx, u.ID, seasonID, []string{"math-l0-s0:1", "phys-l1-s2"}, now))
	who := identity.Principal{UserID: u.ID, InstitutionID: "inst", Location: time.UTC}
	return questWorld{who: who, season: seasonID, now: now}
}

// Daily quests counted from the cached schedule (due ids, subjects from the catalogue) are
// the quests counted by the database (ProgressDueBySubject), on both engines, with and
// without a subject; the schedule is what answers while it is complete, and the database
// answers again once it is missing (which the quests do not rebuild).
func TestDailyQuestsFromTheScheduleAreTheDatabases(t *testing.T) {
	url := redistest.URL(t)
	storetest.Each(t, func(t *testing.T, s store.Store) {
		ctx := context.Background()
		seasonID := redistest.Season(t)
		w := seedQuestWorld(t, s, seasonID)
		clk := clock.NewFake(w.now)
		opts, err := redis.ParseURL(url)
		require.NoError(t, err)
		rdb := redis.NewClient(opts)
		t.Cleanup(func() { rdb.Close() })
		rc := rediscache.New(rdb, clk, rediscache.Options{})
		queue := rediscache.NewSchedule(rc, review.ScheduleSource(s))
		sched := review.NewSchedule(queue, rc, nil)
		k := cache.ScheduleKey{UserID: w.who.UserID, SeasonID: seasonID}

		fromDB := &progress.Service{Store: s, Clock: clk}
		fromSchedule := &progress.Service{Store: s, Clock: clk, Due: sched}
		_, ok := sched.DueIDs(ctx, w.who.UserID, store.Season{ID: seasonID, EnableRedis: true}, w.now)
		require.False(t, ok, "no schedule yet: the database answers")
		_, err = queue.Due(ctx, k, w.now, 15) // the review GET builds it
		require.NoError(t, err)
		ids, ok := sched.DueIDs(ctx, w.who.UserID, store.Season{ID: seasonID, EnableRedis: true}, w.now)
		require.True(t, ok)
		require.NotEmpty(t, ids)

		for _, subject := range []string{"", "math", "phys"} {
			want, err := fromDB.DailyQuests(ctx, w.who, subject)
			require.NoError(t, err)
			got, err := fromSchedule.DailyQuests(ctx, w.who, subject)
			require.NoError(t, err)
			require.Equal(t, want, got, "subject %q", subject)
			require.Greater(t, len(want), 2, "review quests listed")
		}

		// The schedule answers: an item due in it alone is counted.
		require.NoError(t, queue.Put(ctx, k, []cache.DueItem{{QuestionID: "math-l0-s1", Due: w.now.Add(-time.Minute)}}))
		want, err := fromDB.DailyQuests(ctx, w.who, "math")
		require.NoError(t, err)
		got, err := fromSchedule.DailyQuests(ctx, w.who, "math")
		require.NoError(t, err)
		require.Equal(t, want[0].Target+1, got[0].Target, "the schedule's due item counted")

		// A stage not in the catalogue: the database counts.
		require.NoError(t, queue.Put(ctx, k, []cache.DueItem{{QuestionID: "gone-stage:3", Due: w.now.Add(-time.Minute)}}))
		got, err = fromSchedule.DailyQuests(ctx, w.who, "")
		require.NoError(t, err)
		want, err = fromDB.DailyQuests(ctx, w.who, "")
		require.NoError(t, err)
		require.Equal(t, want, got)

		// Missing: the database counts, and the schedule is not rebuilt.
		require.NoError(t, rdb.Del(ctx, rediscache.Key(k)).Err())
		got, err = fromSchedule.DailyQuests(ctx, w.who, "")
		require.NoError(t, err)
		require.Equal(t, want, got)
		n, err := rdb.Exists(ctx, rediscache.Key(k)).Result()
		require.NoError(t, err)
		require.Zero(t, n, "not rebuilt by the quests")
	})
}
