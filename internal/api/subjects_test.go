package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/apitest"
	"memora/internal/store"
	"memora/internal/store/readcache"
)

// The catalogue fixture. Institution "x" (the students') and "y" (another school).
// Season SEASON-2026 runs 2026-09-01 … 2027-06-30; the fake clock starts 2026-11-25.
//
//	hist (free)        track hist-main (default)
//	  hist-u1  topic-based, linear topics: hist-t1 (linear: l-t1-1, l-t1-2), hist-t2 (linear: l-t2-1, l-t2-2),
//	                                      hist-t3 (not linear: l-t3-1, l-t3-2)
//	  hist-u2  lesson-based: l-path-1, l-path-2, l-path-3 (+ l-path-draft, unpublished)
//	math (paid)        tracks math-core (default, paid), math-skills (free track), math-oly (paid, sold separately)
//	  math-u1  topic-based (math-core): math-t1 (l-m-1, l-m-2)
//	  math-u-free  lesson-based (math-core), free preview: l-free-1
//	  math-u-skills  lesson-based (math-skills): l-skills-1
//	  math-u-oly  lesson-based (math-oly): l-oly-1
//	draft (unpublished), theirs (owned by "y"), out (published, not in the plan)
//
// The plan of (grade g10, stream sci, SEASON-2026) lists hist (display name "تاريخ عام"),
// math, draft and theirs.
const (
	catSeason = "SEASON-2026"
	catInst   = "x"
)

var catStart = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

func calDay(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func catPtr(s string) *string { return &s }

type catFixture struct {
	t     *testing.T
	env   *apitest.Env
	st    store.Store
	order int
}

func seedCatalog(t *testing.T, env *apitest.Env) *catFixture {
	t.Helper()
	f := &catFixture{t: t, env: env, st: env.Store}
	ctx := context.Background()
	env.Institution(catInst)
	env.Institution("y")
	require.NoError(t, f.st.StreamUpsert(ctx, store.Stream{ID: "sci", Title: "علمي"}))
	require.NoError(t, f.st.GradeUpsert(ctx, store.Grade{ID: "g10", Title: "العاشر", ValidStreams: []string{"sci"}}))
	f.season(catSeason, calDay(2026, 9, 1), calDay(2027, 6, 30))
	f.subject("hist", false, nil, true)
	f.subject("math", true, nil, true)
	f.subject("draft", false, nil, false)
	f.subject("theirs", false, catPtr("y"), true)
	f.subject("out", false, nil, true)
	f.track(store.Track{ID: "hist-main", SubjectID: "hist", IsDefault: true})
	f.track(store.Track{ID: "math-core", SubjectID: "math", IsDefault: true, IsPaid: true})
	f.track(store.Track{ID: "math-skills", SubjectID: "math"})
	f.track(store.Track{ID: "math-oly", SubjectID: "math", IsPaid: true, IsSoldSeparately: true})
	f.track(store.Track{ID: "theirs-main", SubjectID: "theirs", IsDefault: true})
	f.track(store.Track{ID: "out-main", SubjectID: "out", IsDefault: true})
	f.unit(store.Unit{ID: "hist-u1", SubjectID: "hist", TrackID: "hist-main", StructureType: store.TopicBased, IsLinearTopics: true})
	f.topic(store.Topic{ID: "hist-t1", UnitID: "hist-u1", IsLinear: true}, "l-t1-1", "l-t1-2")
	f.topic(store.Topic{ID: "hist-t2", UnitID: "hist-u1", IsLinear: true}, "l-t2-1", "l-t2-2")
	f.topic(store.Topic{ID: "hist-t3", UnitID: "hist-u1"}, "l-t3-1", "l-t3-2")
	f.unit(store.Unit{ID: "hist-u2", SubjectID: "hist", TrackID: "hist-main", StructureType: store.LessonBased})
	f.lessons("hist-u2", nil, "l-path-1", "l-path-2", "l-path-3")
	f.lesson(store.Lesson{ID: "l-path-draft", UnitID: "hist-u2", Title: "l-path-draft", XPReward: 20})
	f.unit(store.Unit{ID: "math-u1", SubjectID: "math", TrackID: "math-core", StructureType: store.TopicBased})
	f.topic(store.Topic{ID: "math-t1", UnitID: "math-u1", IsLinear: true}, "l-m-1", "l-m-2")
	f.unit(store.Unit{ID: "math-u-free", SubjectID: "math", TrackID: "math-core", StructureType: store.LessonBased, IsFreePreview: true})
	f.lessons("math-u-free", nil, "l-free-1")
	f.unit(store.Unit{ID: "math-u-skills", SubjectID: "math", TrackID: "math-skills", StructureType: store.LessonBased})
	f.lessons("math-u-skills", nil, "l-skills-1")
	f.unit(store.Unit{ID: "math-u-oly", SubjectID: "math", TrackID: "math-oly", StructureType: store.LessonBased})
	f.lessons("math-u-oly", nil, "l-oly-1")
	f.unit(store.Unit{ID: "theirs-u", SubjectID: "theirs", TrackID: "theirs-main", StructureType: store.LessonBased})
	f.lessons("theirs-u", nil, "l-theirs-1")
	f.unit(store.Unit{ID: "out-u", SubjectID: "out", TrackID: "out-main", StructureType: store.LessonBased})
	f.lessons("out-u", nil, "l-out-1")
	f.plan("plan-g10", []store.PlanSubject{
		{SubjectID: "hist", DisplayName: "تاريخ عام", IsMandatory: true, SelectionType: store.SelectAllUnits},
		{SubjectID: "math", SelectionType: store.SelectAllUnits},
		{SubjectID: "draft", SelectionType: store.SelectAllUnits},
		{SubjectID: "theirs", SelectionType: store.SelectAllUnits},
	})
	return f
}

func (f *catFixture) next() time.Time {
	f.order++
	return catStart.Add(time.Duration(f.order) * time.Minute)
}

func (f *catFixture) season(id string, start, end time.Time) {
	require.NoError(f.t, f.st.SeasonUpsert(context.Background(), store.Season{ID: id, Title: id, StartDate: start, EndDate: end,
		IsActive: true, Scheduler: store.SchedulerFSRS, DesiredRetention: 0.9, GradeMapping: "binary", CreatedAt: f.next()}))
}

func (f *catFixture) subject(id string, isPaid bool, inst *string, published bool) {
	require.NoError(f.t, f.st.SubjectUpsert(context.Background(), store.Subject{ID: id, Title: "عنوان " + id, TitleEN: id,
		Icon: "📘", InstitutionID: inst, IsPaid: isPaid, IsPublished: published, CreatedAt: f.next()}))
}

func (f *catFixture) track(tr store.Track) {
	tr.Title, tr.IsPublished, tr.CreatedAt = "مسار "+tr.ID, true, f.next()
	require.NoError(f.t, f.st.TrackUpsert(context.Background(), tr))
}

func (f *catFixture) unit(u store.Unit) {
	u.Title, u.IsPublished, u.CreatedAt = "وحدة "+u.ID, true, f.next()
	require.NoError(f.t, f.st.UnitUpsert(context.Background(), u))
}

func (f *catFixture) topic(tp store.Topic, lessons ...string) {
	tp.Title, tp.Description, tp.IsPublished, tp.CreatedAt = "موضوع "+tp.ID, "وصف", true, f.next()
	require.NoError(f.t, f.st.TopicUpsert(context.Background(), tp))
	u, err := f.st.UnitGet(context.Background(), tp.UnitID)
	require.NoError(f.t, err)
	f.lessons(u.ID, &tp.ID, lessons...)
}

func (f *catFixture) lessons(unit string, topic *string, ids ...string) {
	for _, id := range ids {
		f.lesson(store.Lesson{ID: id, UnitID: unit, TopicID: topic, Title: "درس " + id, XPReward: 20, IsPublished: true})
	}
}

// lesson writes a lesson with two scored stages: <id>-q (quiz, option 1 is right) and
// <id>-m (matching, pairs a and b).
func (f *catFixture) lesson(l store.Lesson) {
	ctx := context.Background()
	l.CreatedAt = f.next()
	require.NoError(f.t, f.st.LessonUpsert(ctx, l))
	require.NoError(f.t, f.st.StagesReplace(ctx, l.ID, []store.Stage{
		{ID: l.ID + "-q", Title: "سؤال", Type: "quiz", Config: json.RawMessage(`{"question":"2+2؟","options":["3","4"],"correct_index":1}`)},
		{ID: l.ID + "-m", Title: "صل", Type: "matching", Config: json.RawMessage(`{"instruction":"صل","pairs":[{"id":"a","left":"1","right":"واحد"},{"id":"b","left":"2","right":"اثنان"}]}`)},
	}))
}

func (f *catFixture) plan(id string, subjects []store.PlanSubject) {
	require.NoError(f.t, f.st.PlanUpsert(context.Background(), store.Plan{ID: id, GradeID: "g10", StreamID: catPtr("sci"),
		SeasonID: catSeason, UpdatedAt: calDay(2026, 10, 1), Subjects: subjects}))
}

// student logs in a student of "x" with a profile on the fixture's plan.
func (f *catFixture) student(email string) (*apitest.Client, store.User) {
	f.t.Helper()
	c, u := f.env.LoginAs(email, catInst)
	require.NoError(f.t, f.st.ProfileSetAcademic(context.Background(), store.ProfileSetAcademicParams{
		UserID: u.ID, GradeID: "g10", StreamID: catPtr("sci"), SeasonID: catPtr(catSeason), Now: f.env.Clock.Now()}))
	return c, u
}

// complete records lesson sessions as history (imported sessions complete their lesson).
func (f *catFixture) complete(userID int64, lessons ...string) {
	for _, id := range lessons {
		_, _, err := f.st.SessionInsert(context.Background(), store.GameplaySession{UserID: userID, InstitutionID: catInst,
			ClientSessionID: fmt.Sprintf("hist-%s", id), Kind: store.SessionLesson, LessonID: catPtr(id),
			LocalDay: calDay(2026, 11, 1), CreatedAt: catStart})
		require.NoError(f.t, err)
	}
}

func (f *catFixture) subscribe(userID int64, seasonID, typ, status string, access ...store.AccessRow) {
	_, err := f.st.SubscriptionInsert(context.Background(), store.Subscription{UserID: userID, SeasonID: seasonID, Type: typ,
		Status: status, Access: access, CreatedAt: f.env.Clock.Now()})
	require.NoError(f.t, err)
}

// expectProblem checks an error answer's status and message.
func expectProblem(t *testing.T, r apitest.Response, status int, message string) {
	t.Helper()
	require.Equal(t, status, r.Status, r.Body)
	var body struct {
		Exc string `json:"exc"`
	}
	r.JSON(t, &body)
	require.Equal(t, message, body.Exc, r.Body)
}

type subjectReply struct {
	Name   string `json:"name"`
	Title  string `json:"title"`
	Icon   string `json:"icon"`
	IsPaid bool   `json:"is_paid"`
}

// B.11 display names; unpublished subjects and other institutions' subjects are hidden.
func TestGetSubjects(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		f := seedCatalog(t, env)
		c, _ := f.student("s@x.test")
		var got []subjectReply
		r := c.Get(apitest.Method("subjects", "get_subjects"), nil)
		require.Equal(t, 200, r.Status, r.Body)
		r.Message(t, &got)
		require.Equal(t, []subjectReply{
			{Name: "hist", Title: "تاريخ عام", Icon: "📘"},
			{Name: "math", Title: "عنوان math", Icon: "📘", IsPaid: true},
		}, got)

		// The same plan seen from "y": its own subject appears.
		cy, uy := env.LoginAs("s@y.test", "y")
		require.NoError(t, env.Store.ProfileSetAcademic(context.Background(), store.ProfileSetAcademicParams{
			UserID: uy.ID, GradeID: "g10", StreamID: catPtr("sci"), SeasonID: catPtr(catSeason), Now: env.Clock.Now()}))
		cy.Get(apitest.Method("subjects", "get_subjects"), nil).Message(t, &got)
		require.Len(t, got, 3)
		require.Equal(t, "theirs", got[2].Name)
	})
}

type mySubjectReply struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	DisplayName string `json:"display_name"`
	IsMandatory bool   `json:"is_mandatory"`
}

// B.12, B.13, B.15: empty plans, no plan, no season → []; an institution's own plan wins.
func TestGetMySubjects(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		f := seedCatalog(t, env)
		ctx := context.Background()
		c, u := f.student("s@x.test")
		my := apitest.Method("subjects", "get_my_subjects")
		var got []mySubjectReply
		c.Get(my, nil).Message(t, &got)
		require.Equal(t, []mySubjectReply{
			{ID: "hist", Name: "عنوان hist", DisplayName: "تاريخ عام", IsMandatory: true},
			{ID: "math", Name: "عنوان math", DisplayName: "عنوان math"},
		}, got)

		// B.12: the institution's own plan, without subject rows, wins over the shared one.
		require.NoError(t, f.st.PlanUpsert(ctx, store.Plan{ID: "plan-x", InstitutionID: catPtr(catInst), GradeID: "g10",
			StreamID: catPtr("sci"), SeasonID: catSeason, UpdatedAt: calDay(2026, 10, 2)}))
		env.Clock.Advance(readcache.TTL) // a plan written outside the API is seen within the read cache's TTL
		c.Get(my, nil).Message(t, &got)
		require.Empty(t, got)
		require.Equal(t, "[]", catMessage(t, c.Get(apitest.Method("subjects", "get_subjects"), nil)))

		// B.13: a grade and season without a plan.
		f.season("SEASON-2027", calDay(2027, 9, 1), calDay(2028, 6, 30))
		require.NoError(t, f.st.ProfileSetAcademic(ctx, store.ProfileSetAcademicParams{UserID: u.ID, GradeID: "g10",
			StreamID: catPtr("sci"), SeasonID: catPtr("SEASON-2027"), Now: env.Clock.Now()}))
		require.Equal(t, "[]", catMessage(t, c.Get(apitest.Method("subjects", "get_subjects"), nil)))

		// B.15: a profile with a grade but no season.
		require.NoError(t, f.st.ProfileSetAcademic(ctx, store.ProfileSetAcademicParams{UserID: u.ID, GradeID: "g10",
			StreamID: catPtr("sci"), Now: env.Clock.Now()}))
		require.Equal(t, "[]", catMessage(t, c.Get(apitest.Method("subjects", "get_subjects"), nil)))

		// No profile at all.
		c2, _ := env.LoginAs("new@x.test", catInst)
		require.Equal(t, "[]", catMessage(t, c2.Get(my, nil)))
	})
}

func catMessage(t *testing.T, r apitest.Response) string {
	t.Helper()
	require.Equal(t, 200, r.Status, r.Body)
	var m json.RawMessage
	r.Message(t, &m)
	return string(m)
}

type trackReply struct {
	Name             string `json:"name"`
	IsDefault        bool   `json:"is_default"`
	IsSoldSeparately bool   `json:"is_sold_separately"`
}

// B.14: the default track first, then by creation; unknown or hidden subjects are 404.
func TestGetGameTracks(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		f := seedCatalog(t, env)
		// Created first, not default: still after the default one.
		require.NoError(t, f.st.TrackUpsert(context.Background(), store.Track{ID: "hist-early", SubjectID: "hist", Title: "early",
			IsPublished: true, CreatedAt: catStart.Add(-time.Hour)}))
		require.NoError(t, f.st.TrackUpsert(context.Background(), store.Track{ID: "hist-hidden", SubjectID: "hist", Title: "hidden",
			CreatedAt: catStart}))
		c, _ := f.student("s@x.test")
		tracks := apitest.Method("subjects", "get_game_tracks")
		var got []trackReply
		c.Get(tracks, map[string]string{"subject": "hist"}).Message(t, &got)
		require.Equal(t, []trackReply{{Name: "hist-main", IsDefault: true}, {Name: "hist-early"}}, got)
		c.Get(tracks, map[string]string{"subject": "math"}).Message(t, &got)
		require.Equal(t, []trackReply{{Name: "math-core", IsDefault: true}, {Name: "math-skills"}, {Name: "math-oly", IsSoldSeparately: true}}, got)

		expectProblem(t, c.Get(tracks, nil), 400, "Missing subject")
		for _, hidden := range []string{"nope", "draft", "theirs"} {
			expectProblem(t, c.Get(tracks, map[string]string{"subject": hidden}), 404, "Subject not found")
		}
		expectProblem(t, c.Get(tracks, map[string]string{"subject": "bad\x00id"}), 400,
			"Invalid value for subject: text must be UTF-8 without NUL characters")
	})
}
