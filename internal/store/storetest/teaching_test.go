package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/store"
)

func TestTheClassViewReadsAnInstitutionsStudentsInSetQueries(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s store.Store) {
		t.Parallel()
		ctx := context.Background()
		w := seed(t, s, "")
		other := seed(t, s, "-other")
		require.NoError(t, s.UserRoleAdd(ctx, w.User.ID, store.RoleStudent))
		require.NoError(t, s.UserRoleAdd(ctx, other.User.ID, store.RoleStudent))
		quiet, err := s.UserUpsert(ctx, store.UserUpsertParams{InstitutionID: w.Inst, Email: "aaa@example.org", FullName: "Aaa",
			Enabled: true, CreatedAt: t0})
		require.NoError(t, err)
		require.NoError(t, s.UserRoleAdd(ctx, quiet.ID, store.RoleStudent))
		teacher, err := s.UserUpsert(ctx, store.UserUpsertParams{InstitutionID: w.Inst, Email: "t@example.org", Enabled: true, CreatedAt: t0})
		require.NoError(t, err)
		require.NoError(t, s.UserRoleAdd(ctx, teacher.ID, store.RoleTeacher))
		require.NoError(t, s.ProfileSetAcademic(ctx, store.ProfileSetAcademicParams{UserID: w.User.ID, GradeID: w.Grade,
			StreamID: &w.Stream, SeasonID: &w.Season, Now: t0}))

		day := func(d int) time.Time { return time.Date(2026, 11, d, 0, 0, 0, 0, time.UTC) }
		for i, d := range []int{20, 24, 24, 25} {
			_, _, err := s.SessionInsert(ctx, store.GameplaySession{UserID: w.User.ID, InstitutionID: w.Inst,
				ClientSessionID: string(rune('a' + i)), Kind: "review", SeasonID: &w.Season, LocalDay: day(d),
				RawData: []byte(`{}`), Response: []byte(`{}`), CreatedAt: day(d).Add(time.Duration(i) * time.Hour)})
			require.NoError(t, err)
		}
		last := t0.Add(-time.Hour)
		require.NoError(t, s.MemoryUpsert(ctx, []store.MemoryState{
			{UserID: w.User.ID, SeasonID: w.Season, QuestionID: "q1", SubjectID: &w.Subject, TopicID: &w.Topic, Stability: 3,
				Due: t0, LastReview: &last, CreatedAt: t0, UpdatedAt: t0},
			{UserID: w.User.ID, SeasonID: w.Season, QuestionID: "q2", SubjectID: &w.Subject, TopicID: &w.Topic, Stability: 9,
				Due: t0.Add(48 * time.Hour), LastReview: &last, CreatedAt: t0, UpdatedAt: t0},
			{UserID: w.User.ID, SeasonID: "s2026-other", QuestionID: "q3", Due: t0, CreatedAt: t0, UpdatedAt: t0},
			{UserID: other.User.ID, SeasonID: other.Season, QuestionID: "q1", Due: t0, CreatedAt: t0, UpdatedAt: t0},
		}))

		all := store.ClassParams{InstitutionID: w.Inst, Limit: 10}
		students, err := s.ClassStudents(ctx, all)
		require.NoError(t, err)
		require.Equal(t, []string{"aaa@example.org", w.User.Email}, ids(students, func(x store.ClassStudent) string { return x.Email }),
			"students of the institution only, by name")
		require.Nil(t, students[0].SeasonID, "no profile yet")
		require.Equal(t, w.Season, *students[1].SeasonID)
		one, err := s.ClassStudents(ctx, store.ClassParams{InstitutionID: w.Inst, UserID: w.User.ID, Limit: 10})
		require.NoError(t, err)
		require.Len(t, one, 1)

		days, err := s.ClassActiveDays(ctx, all, day(21))
		require.NoError(t, err)
		require.Equal(t, map[int64][]time.Time{w.User.ID: {day(25), day(24)}}, days, "distinct, newest first, since the 21st")
		lastAt, err := s.ClassLastActivity(ctx, all)
		require.NoError(t, err)
		require.Equal(t, map[int64]time.Time{w.User.ID: day(25).Add(3 * time.Hour)}, lastAt)

		mem, err := s.ClassMemory(ctx, all)
		require.NoError(t, err)
		require.Len(t, mem, 2, "the profile season's rows of the institution only")
		require.Equal(t, w.Topic, *mem[0].TopicID)
		require.Equal(t, last, *mem[0].LastReview)
	})
}
