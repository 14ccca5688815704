package api_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/apitest"
	"memora/internal/store"
	"memora/internal/teaching"
)

// A Teacher opens the class view and sees the student who just played: level, streak, last
// activity, review load, mastery per subject and the weakest topic first; the drill-down
// lists every topic. Another institution's student is not found.
func TestATeacherSeesTheClassAndTheStudentWhoPlayed(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		ctx := context.Background()
		teacher, _ := env.LoginAs("teacher@own.test", ownInst, store.RoleTeacher)
		f := newFixture(t, env)
		x := f.tree(ownInst)
		seasonID := f.season()
		layla := env.CreateUser("layla@own.test", ownInst)
		env.CreateUser("idle@own.test", ownInst)
		now := env.Clock.Now()
		require.NoError(t, env.Store.GradeUpsert(ctx, store.Grade{ID: "g10", Title: "G10"}))
		require.NoError(t, env.Store.ProfileSetAcademic(ctx, store.ProfileSetAcademicParams{UserID: layla.ID, GradeID: "g10",
			SeasonID: &seasonID, Now: now}))
		played := now.Add(-time.Hour)
		for i, day := range []time.Time{now.AddDate(0, 0, -1), now} {
			_, _, err := env.Store.SessionInsert(ctx, store.GameplaySession{UserID: layla.ID, InstitutionID: ownInst,
				ClientSessionID: "s" + string(rune('0'+i)), Kind: "review", SeasonID: &seasonID,
				LocalDay: time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, time.UTC),
				RawData:  []byte(`{}`), Response: []byte(`{}`), CreatedAt: played.AddDate(0, 0, i-1)})
			require.NoError(t, err)
		}
		weakTopic, strongTopic := "weak-topic", x.Topic
		longAgo, recent := now.AddDate(0, 0, -30), now.Add(-time.Hour)
		require.NoError(t, env.Store.MemoryUpsert(ctx, []store.MemoryState{
			{UserID: layla.ID, SeasonID: seasonID, QuestionID: "a", SubjectID: &x.Subject, TopicID: &weakTopic, Stability: 2,
				Due: now.Add(-time.Hour), LastReview: &longAgo, Reps: 1, CreatedAt: now, UpdatedAt: now},
			{UserID: layla.ID, SeasonID: seasonID, QuestionID: "b", SubjectID: &x.Subject, TopicID: &strongTopic, Stability: 40,
				Due: now.AddDate(0, 0, 20), LastReview: &recent, Reps: 3, CreatedAt: now, UpdatedAt: now},
		}))

		var class teaching.Class
		r := teacher.Get(apitest.Method("teaching", "get_class"), nil)
		require.Equal(t, 200, r.Status, r.Body)
		r.Message(t, &class)
		require.Len(t, class.Students, 2)
		var row teaching.StudentRow
		for _, s := range class.Students {
			if s.UserID == layla.ID {
				row = s
			}
		}
		require.Equal(t, 2, row.Streak)
		require.NotNil(t, row.LastActivity)
		_, offset := row.LastActivity.Zone()
		require.Equal(t, 3*3600, offset, "the last activity is told on the institution's clock (Asia/Amman), as its day")
		require.Equal(t, 2, row.Items)
		require.Equal(t, 1, row.DueNow)
		require.Len(t, row.Mastery, 1)
		require.Equal(t, 1, row.Mastery[0].Strong)
		require.Equal(t, weakTopic, row.Weakest[0].Topic, "the forgotten topic first")
		require.Less(t, row.Weakest[0].Retrievability, row.Weakest[1].Retrievability)
		require.Equal(t, 1, class.Load[0].Count, "the overdue review counts today")

		var detail teaching.StudentDetail
		r = teacher.Get(apitest.Method("teaching", "get_student"), map[string]string{"user_id": itoa(layla.ID)})
		require.Equal(t, 200, r.Status, r.Body)
		r.Message(t, &detail)
		require.Len(t, detail.Topics, 2)
		require.Len(t, detail.ActiveDays, 2)
		foreign := env.CreateUser("kid@other.test", otherInst)
		require.Equal(t, 404, teacher.Get(apitest.Method("teaching", "get_student"), map[string]string{"user_id": itoa(foreign.ID)}).Status)
	})
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
