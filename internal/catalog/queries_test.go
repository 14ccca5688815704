package catalog_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/catalog"
	"memora/internal/clock"
	"memora/internal/identity"
	"memora/internal/store"
	"memora/internal/store/storetest"
)

// counting wraps a store and counts every query the catalog makes: it implements the whole
// catalog.Store interface, so no query can go uncounted.
type counting struct {
	st store.Store
	n  atomic.Int64
}

var _ catalog.Store = (*counting)(nil)

func (c *counting) ProfileGet(ctx context.Context, id int64) (store.PlayerProfile, error) {
	c.n.Add(1)
	return c.st.ProfileGet(ctx, id)
}

func (c *counting) PlanFind(ctx context.Context, p store.PlanFindParams) (store.Plan, error) {
	c.n.Add(2) // the plan and its subject rows
	return c.st.PlanFind(ctx, p)
}

func (c *counting) SubjectListByIDs(ctx context.Context, ids []string) ([]store.Subject, error) {
	c.n.Add(1)
	return c.st.SubjectListByIDs(ctx, ids)
}

func (c *counting) TrackListBySubjects(ctx context.Context, ids []string) ([]store.Track, error) {
	c.n.Add(1)
	return c.st.TrackListBySubjects(ctx, ids)
}

func (c *counting) UnitListBySubjects(ctx context.Context, ids []string) ([]store.Unit, error) {
	c.n.Add(1)
	return c.st.UnitListBySubjects(ctx, ids)
}

func (c *counting) TopicListBySubjects(ctx context.Context, ids []string) ([]store.Topic, error) {
	c.n.Add(1)
	return c.st.TopicListBySubjects(ctx, ids)
}

func (c *counting) LessonListBySubjects(ctx context.Context, ids []string) ([]store.Lesson, error) {
	c.n.Add(1)
	return c.st.LessonListBySubjects(ctx, ids)
}

func (c *counting) UnitGet(ctx context.Context, id string) (store.Unit, error) {
	c.n.Add(1)
	return c.st.UnitGet(ctx, id)
}

func (c *counting) TopicGet(ctx context.Context, id string) (store.Topic, error) {
	c.n.Add(1)
	return c.st.TopicGet(ctx, id)
}

func (c *counting) LessonGet(ctx context.Context, id string) (store.Lesson, error) {
	c.n.Add(1)
	return c.st.LessonGet(ctx, id)
}

func (c *counting) LessonCompletedIDs(ctx context.Context, userID int64) ([]string, error) {
	c.n.Add(1)
	return c.st.LessonCompletedIDs(ctx, userID)
}

func (c *counting) AccessGrantsActive(ctx context.Context, userID int64, day time.Time) ([]store.AccessGrant, error) {
	c.n.Add(1)
	return c.st.AccessGrantsActive(ctx, userID, day)
}

// seedSubject writes a subject whose track holds n topic-based units of 3 topics × 3
// lessons plus one lesson-based unit, a plan with it, a student with a profile, some
// completions and a subscription. It returns the student.
func seedSubject(t testing.TB, st store.Store, sfx string, n int) identity.Principal {
	ctx := context.Background()
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	must := func(err error) { require.NoError(t, err) }
	inst := "inst" + sfx
	must(st.InstitutionUpsert(ctx, store.Institution{ID: inst, Name: inst, TimeZone: "Asia/Amman"}))
	must(st.GradeUpsert(ctx, store.Grade{ID: "g" + sfx, Title: "g"}))
	must(st.SeasonUpsert(ctx, store.Season{ID: "s" + sfx, StartDate: at, EndDate: at.AddDate(1, 0, 0), Scheduler: store.SchedulerFSRS,
		DesiredRetention: 0.9, GradeMapping: "binary", CreatedAt: at}))
	subject := "sub" + sfx
	must(st.SubjectUpsert(ctx, store.Subject{ID: subject, Title: subject, IsPublished: true, IsPaid: true, CreatedAt: at}))
	must(st.TrackUpsert(ctx, store.Track{ID: "tr" + sfx, SubjectID: subject, Title: "t", IsPaid: true, IsPublished: true, CreatedAt: at}))
	var lessons []string
	for u := range n {
		unit := fmt.Sprintf("u%s-%d", sfx, u)
		must(st.UnitUpsert(ctx, store.Unit{ID: unit, SubjectID: subject, TrackID: "tr" + sfx, Title: unit, StructureType: store.TopicBased,
			IsLinearTopics: true, IsPublished: true, Position: u, CreatedAt: at}))
		for tp := range 3 {
			topic := fmt.Sprintf("%s-t%d", unit, tp)
			must(st.TopicUpsert(ctx, store.Topic{ID: topic, UnitID: unit, Title: topic, IsLinear: true, IsPublished: true, Position: tp, CreatedAt: at}))
			for l := range 3 {
				id := fmt.Sprintf("%s-l%d", topic, l)
				lessons = append(lessons, id)
				must(st.LessonUpsert(ctx, store.Lesson{ID: id, UnitID: unit, TopicID: &topic, Title: id, XPReward: 10, IsPublished: true,
					Position: l, CreatedAt: at}))
			}
		}
	}
	path := "path" + sfx
	must(st.UnitUpsert(ctx, store.Unit{ID: path, SubjectID: subject, TrackID: "tr" + sfx, Title: path, StructureType: store.LessonBased,
		IsFreePreview: true, IsPublished: true, Position: n, CreatedAt: at}))
	must(st.LessonUpsert(ctx, store.Lesson{ID: path + "-l", UnitID: path, Title: path + "-l", IsPublished: true, CreatedAt: at}))
	must(st.PlanUpsert(ctx, store.Plan{ID: "p" + sfx, GradeID: "g" + sfx, SeasonID: "s" + sfx, UpdatedAt: at,
		Subjects: []store.PlanSubject{{SubjectID: subject, SelectionType: store.SelectAllUnits}}}))
	u, err := st.UserUpsert(ctx, store.UserUpsertParams{InstitutionID: inst, Email: "s" + sfx + "@x.test", Enabled: true, CreatedAt: at})
	must(err)
	must(st.ProfileSetAcademic(ctx, store.ProfileSetAcademicParams{UserID: u.ID, GradeID: "g" + sfx, SeasonID: &[]string{"s" + sfx}[0], Now: at}))
	for i, id := range lessons[:len(lessons)/2] {
		_, _, err := st.SessionInsert(ctx, store.GameplaySession{UserID: u.ID, InstitutionID: inst, ClientSessionID: fmt.Sprint(i),
			Kind: store.SessionLesson, LessonID: &id, LocalDay: at, CreatedAt: at})
		must(err)
	}
	_, err = st.SubscriptionInsert(ctx, store.Subscription{UserID: u.ID, SeasonID: "s" + sfx, Type: store.SubscriptionSpecific,
		Status: store.SubscriptionActive, Access: []store.AccessRow{{Type: store.AccessSubject, SubjectID: &subject}}, CreatedAt: at})
	must(err)
	loc, _ := time.LoadLocation("Asia/Amman")
	return identity.Principal{UserID: u.ID, InstitutionID: inst, Location: loc}
}

// Weak point 37: the map costs the same number of queries for 2 units as for 40.
func TestMapQueriesDoNotGrowWithTheMap(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st store.Store) {
		t.Parallel()
		clk := clock.NewFake(time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC))
		measure := func(sfx string, units int) (int64, int) {
			who := seedSubject(t, st, sfx, units)
			c := &counting{st: st}
			svc := catalog.NewService(c, clk)
			m, err := svc.MapData(context.Background(), who, "")
			require.NoError(t, err)
			require.Len(t, m, 1)
			return c.n.Load(), len(m[0].Units)
		}
		small, drawn := measure("a", 2)
		require.Equal(t, 3, drawn)
		large, drawn := measure("b", 40)
		require.Equal(t, 41, drawn)
		require.Equal(t, small, large, "queries for 2 units vs 40 units")
		require.LessOrEqual(t, small, int64(11))
		t.Logf("get_map_data: %d queries (profile 1, plan 2, content 5, completions 1, subscriptions 1)", small)
	})
}
