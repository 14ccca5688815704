package api_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/apitest"
	"memora/internal/catalog"
	"memora/internal/store"
)

// mapStatuses flattens get_map_data into id → status for topics, virtual topics' lessons
// and units (the unit's style).
func mapStatuses(t *testing.T, c *apitest.Client, subject string) map[string]string {
	t.Helper()
	var subjects []catalog.MapSubject
	r := c.Get(apitest.Method("map_engine", "get_map_data"), map[string]string{"subject": subject})
	require.Equal(t, 200, r.Status, r.Body)
	r.Message(t, &subjects)
	out := map[string]string{}
	for _, s := range subjects {
		out[s.SubjectID] = s.Title
		for _, u := range s.Units {
			out[u.ID] = u.Style
			for _, tp := range u.Topics {
				out[tp.ID] = tp.Status
				for _, l := range tp.Lessons {
					out[l.ID] = l.Status
				}
			}
		}
	}
	return out
}

func topicDetails(t *testing.T, c *apitest.Client, topic string) catalog.TopicDetails {
	t.Helper()
	var d catalog.TopicDetails
	r := c.Get(apitest.Method("map_engine", "get_topic_details"), map[string]string{"topic_id": topic})
	require.Equal(t, 200, r.Status, r.Body)
	r.Message(t, &d)
	return d
}

func lessonStatuses(d catalog.TopicDetails) []string {
	out := make([]string, len(d.Lessons))
	for i, l := range d.Lessons {
		out[i] = l.Status
	}
	return out
}

const (
	stDone = catalog.StatusCompleted
	stOpen = catalog.StatusAvailable
	stLock = catalog.StatusLocked
	stProg = catalog.StatusLockedProgression
	stPaid = catalog.StatusLockedPremium
)

// Weak point 11 (linear topics really lock), C.21 (non-linear topic), C.22 (virtual topic).
func TestMapLinearOrder(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		f := seedCatalog(t, env)
		c, u := f.student("s@x.test")
		m := mapStatuses(t, c, "")
		require.Equal(t, "تاريخ عام", m["hist"], "the plan's display name")
		require.Equal(t, "topics", m["hist-u1"])
		require.Equal(t, "lessons", m["hist-u2"])
		require.Equal(t, stOpen, m["hist-t1"])
		require.Equal(t, stLock, m["hist-t2"], "a linear unit's second topic waits for the first")
		require.Equal(t, stLock, m["hist-t3"])
		require.Equal(t, []string{stOpen, stLock, stLock}, []string{m["l-path-1"], m["l-path-2"], m["l-path-3"]})
		require.NotContains(t, m, "l-path-draft", "unpublished lessons are not drawn")
		require.NotContains(t, m, "draft", "unpublished subjects are not drawn")
		require.NotContains(t, m, "theirs", "another institution's subjects are not drawn")

		require.Equal(t, []string{stOpen, stLock}, lessonStatuses(topicDetails(t, c, "hist-t1")))
		require.Equal(t, []string{stLock, stLock}, lessonStatuses(topicDetails(t, c, "hist-t3")),
			"a locked topic locks its lessons, linear or not")

		f.complete(u.ID, "l-t1-1", "l-t1-2", "l-path-1")
		m = mapStatuses(t, c, "hist")
		require.Equal(t, []string{stDone, stOpen, stLock}, []string{m["hist-t1"], m["hist-t2"], m["hist-t3"]})
		require.NotContains(t, m, "math", "only the asked subject")
		require.Equal(t, []string{stDone, stOpen, stLock}, []string{m["l-path-1"], m["l-path-2"], m["l-path-3"]})
		require.Equal(t, []string{stOpen, stLock}, lessonStatuses(topicDetails(t, c, "hist-t2")))

		// C.21: once reachable, every lesson of a non-linear topic is available.
		f.complete(u.ID, "l-t2-1", "l-t2-2")
		d := topicDetails(t, c, "hist-t3")
		require.Equal(t, []string{stOpen, stOpen}, lessonStatuses(d))
		require.False(t, d.IsLinear)
		require.False(t, d.IsLockedPremium)

		// C.22: the virtual topic of a lesson-based unit.
		v := topicDetails(t, c, "hist-u2-default")
		require.Equal(t, "hist-u2-default", v.TopicID)
		require.Equal(t, "وحدة hist-u2", v.Title)
		require.Equal(t, "دروس الوحدة", v.Description)
		require.True(t, v.IsLinear)
		require.Equal(t, []string{"l-path-1", "l-path-2", "l-path-3"}, []string{v.Lessons[0].ID, v.Lessons[1].ID, v.Lessons[2].ID})
		require.Equal(t, []string{stDone, stOpen, stLock}, lessonStatuses(v))
		require.Equal(t, 20, v.Lessons[0].XP)

		require.Equal(t, "[]", catMessage(t, c.Get(apitest.Method("map_engine", "get_map_data"), map[string]string{"subject": "out"})),
			"a subject outside the plan")
	})
}

// C.18, C.24, C.26, sold-separately tracks, free previews.
func TestMapPaywall(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		f := seedCatalog(t, env)
		c, u := f.student("s@x.test")
		m := mapStatuses(t, c, "")
		for _, id := range []string{"hist-t1", "l-path-1"} {
			require.Equal(t, stOpen, m[id], "C.18: free subject and track: %s", id)
		}
		require.Equal(t, stPaid, m["math-t1"])
		require.Equal(t, stOpen, m["l-free-1"], "a free-preview unit opens in a paid subject")
		require.Equal(t, stPaid, m["l-skills-1"], "a free track in a paid subject: the subject is the master lock")
		require.Equal(t, stPaid, m["l-oly-1"])
		d := topicDetails(t, c, "math-t1")
		require.True(t, d.IsLockedPremium)
		require.Equal(t, []string{stPaid, stPaid}, lessonStatuses(d))

		// C.26: a suspended subscription grants nothing.
		f.subscribe(u.ID, catSeason, store.SubscriptionSpecific, store.SubscriptionSuspended,
			store.AccessRow{Type: store.AccessSubject, SubjectID: catPtr("math")})
		env.App.Catalog.InvalidateAccess(u.ID)
		require.Equal(t, stPaid, mapStatuses(t, c, "math")["math-t1"])

		// C.24: a track subscription opens its track only.
		c2, u2 := f.student("track@x.test")
		f.subscribe(u2.ID, catSeason, store.SubscriptionSpecific, store.SubscriptionActive,
			store.AccessRow{Type: store.AccessTrack, TrackID: catPtr("math-core")})
		m = mapStatuses(t, c2, "math")
		require.Equal(t, stOpen, m["math-t1"])
		require.Equal(t, stPaid, m["l-skills-1"])
		require.Equal(t, stPaid, m["l-oly-1"])

		// A subject subscription opens every track but those sold separately.
		c3, u3 := f.student("subject@x.test")
		f.subscribe(u3.ID, catSeason, store.SubscriptionSpecific, store.SubscriptionActive,
			store.AccessRow{Type: store.AccessSubject, SubjectID: catPtr("math")})
		m = mapStatuses(t, c3, "math")
		require.Equal(t, []string{stOpen, stOpen, stPaid}, []string{m["math-t1"], m["l-skills-1"], m["l-oly-1"]})
		f.subscribe(u3.ID, catSeason, store.SubscriptionSpecific, store.SubscriptionActive,
			store.AccessRow{Type: store.AccessTrack, TrackID: catPtr("math-oly")})
		env.App.Catalog.InvalidateAccess(u3.ID)
		require.Equal(t, stOpen, mapStatuses(t, c3, "math")["l-oly-1"])

		// Global access opens everything.
		c4, u4 := f.student("global@x.test")
		f.subscribe(u4.ID, catSeason, store.SubscriptionGlobal, store.SubscriptionActive)
		m = mapStatuses(t, c4, "math")
		require.Equal(t, []string{stOpen, stOpen, stOpen}, []string{m["math-t1"], m["l-skills-1"], m["l-oly-1"]})
	})
}

// C.23 (a subscription is valid while its season runs, in the institution's day) and C.29
// (completion wins over the paywall).
func TestMapSubscriptionSeason(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		f := seedCatalog(t, env)
		// The clock starts 2026-11-25 07:00 UTC (10:00 in Amman, UTC+3); this season ends tomorrow.
		f.season("SEASON-SHORT", calDay(2026, 9, 1), calDay(2026, 11, 26))
		f.season("SEASON-NEXT", calDay(2026, 11, 28), calDay(2027, 6, 30))
		c, u := f.student("s@x.test")
		f.subscribe(u.ID, "SEASON-SHORT", store.SubscriptionSpecific, store.SubscriptionActive,
			store.AccessRow{Type: store.AccessSubject, SubjectID: catPtr("math")})
		cNext, uNext := f.student("next@x.test")
		f.subscribe(uNext.ID, "SEASON-NEXT", store.SubscriptionGlobal, store.SubscriptionActive)

		require.Equal(t, []string{stOpen, stLock}, lessonStatuses(topicDetails(t, c, "math-t1")))
		require.Equal(t, stPaid, mapStatuses(t, cNext, "math")["math-t1"], "a season not started yet grants nothing")
		f.complete(u.ID, "l-m-1")
		env.App.Catalog.InvalidateAccess(u.ID)

		// 2026-11-26 23:30 in Amman is still the last day of the season.
		env.Clock.Set(time.Date(2026, 11, 26, 20, 30, 0, 0, time.UTC))
		require.Equal(t, []string{stDone, stOpen}, lessonStatuses(topicDetails(t, c, "math-t1")))
		// 00:30 in Amman on the 27th: the season ended yesterday.
		env.Clock.Set(time.Date(2026, 11, 26, 21, 30, 0, 0, time.UTC))
		require.Equal(t, []string{stDone, stPaid}, lessonStatuses(topicDetails(t, c, "math-t1")),
			"C.29: the completed lesson stays completed after the subscription expired")
		require.Equal(t, stPaid, mapStatuses(t, c, "math")["math-t1"])

		env.Clock.Set(time.Date(2026, 11, 28, 8, 0, 0, 0, time.UTC))
		require.Equal(t, stOpen, mapStatuses(t, cNext, "math")["math-t1"], "the next season started")
	})
}

type trackDetailsReply struct {
	Subject struct {
		ID, Title string
	} `json:"subject"`
	Track *struct {
		Name string `json:"name"`
	} `json:"track"`
	Units []catalog.UnitStatus `json:"units"`
}

func getTrackDetails(t *testing.T, c *apitest.Client, params map[string]string) trackDetailsReply {
	t.Helper()
	var d trackDetailsReply
	r := c.Get(apitest.Method("map_engine", "get_track_details"), params)
	require.Equal(t, 200, r.Status, r.Body)
	r.Message(t, &d)
	return d
}

func unitSummary(d trackDetailsReply) [][2]any {
	out := make([][2]any, len(d.Units))
	for i, u := range d.Units {
		out[i] = [2]any{u.Status, u.Progress}
	}
	return out
}

// C.27, C.28, C.30.
func TestTrackDetails(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		f := seedCatalog(t, env)
		f.track(store.Track{ID: "hist-path", SubjectID: "hist"})
		for i, n := range []int{4, 2, 0, 1} {
			id := []string{"tu1", "tu2", "tu3", "tu4"}[i]
			f.unit(store.Unit{ID: id, SubjectID: "hist", TrackID: "hist-path", StructureType: store.LessonBased})
			for j := range n {
				f.lessons(id, nil, id+"-l"+string(rune('1'+j)))
			}
		}
		f.lesson(store.Lesson{ID: "tu3-draft", UnitID: "tu3", Title: "tu3-draft", XPReward: 20})
		c, u := f.student("s@x.test")
		params := map[string]string{"subject": "hist", "track": "hist-path", "is_track_linear": "1"}

		f.complete(u.ID, "tu1-l1", "tu1-l2")
		d := getTrackDetails(t, c, params)
		require.Equal(t, "hist", d.Subject.ID)
		require.Equal(t, "تاريخ عام", d.Subject.Title)
		require.Equal(t, "hist-path", d.Track.Name)
		require.Equal(t, [][2]any{{stOpen, 50}, {stProg, 0}, {stProg, 0}, {stProg, 0}}, unitSummary(d), "C.27")

		f.complete(u.ID, "tu1-l3", "tu1-l4", "tu2-l1", "tu2-l2")
		require.Equal(t, [][2]any{{stDone, 100}, {stDone, 100}, {stOpen, 0}, {stProg, 0}}, unitSummary(getTrackDetails(t, c, params)),
			"C.28: a unit without published lessons is never completed and blocks the next")
		params["is_track_linear"] = "false"
		require.Equal(t, [][2]any{{stDone, 100}, {stDone, 100}, {stOpen, 0}, {stOpen, 0}}, unitSummary(getTrackDetails(t, c, params)))

		// Without a track: the subject's default track. Paid units without access.
		d = getTrackDetails(t, c, map[string]string{"subject": "math"})
		require.Equal(t, "math-core", d.Track.Name)
		require.Equal(t, []string{"math-u1", "math-u-free"}, []string{d.Units[0].ID, d.Units[1].ID})
		require.Equal(t, [][2]any{{stPaid, 0}, {stOpen, 0}}, unitSummary(d))
		require.False(t, d.Units[0].IsFree)
		require.True(t, d.Units[1].IsFree)
		require.Equal(t, store.TopicBased, d.Units[0].StructureType)

		get := apitest.Method("map_engine", "get_track_details")
		expectProblem(t, c.Get(get, map[string]string{"subject": "nope"}), 404, "Subject not found")
		expectProblem(t, c.Get(get, map[string]string{"subject": "theirs"}), 404, "Subject not found")
		expectProblem(t, c.Get(get, map[string]string{"subject": "hist", "track": "math-core"}), 404, "Track not found")
		expectProblem(t, c.Get(get, nil), 400, "Missing subject")
		expectProblem(t, c.Get(get, map[string]string{"subject": "hist", "is_track_linear": "maybe"}), 400,
			"Invalid value for is_track_linear: expected true or false")
		expectProblem(t, c.Get(get, map[string]string{"subject": "out"}), 403, "This content is not part of your academic plan.")
	})
}

func TestTopicDetailsErrors(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		f := seedCatalog(t, env)
		c, _ := f.student("s@x.test")
		get := apitest.Method("map_engine", "get_topic_details")
		expectProblem(t, c.Get(get, nil), 400, "Missing topic_id")
		expectProblem(t, c.Get(get, map[string]string{"topic_id": "nope"}), 404, "Topic not found")
		expectProblem(t, c.Get(get, map[string]string{"topic_id": "nope-default"}), 404, "Unit not found")
		expectProblem(t, c.Get(get, map[string]string{"topic_id": "hist-u1-default"}), 404, "Unit not found")
		expectProblem(t, c.Get(get, map[string]string{"topic_id": "theirs-u-default"}), 404, "Unit not found")
		expectProblem(t, c.Get(get, map[string]string{"topic_id": "out-u-default"}), 403, "This content is not part of your academic plan.")
		c2, _ := env.LoginAs("noprofile@x.test", catInst)
		expectProblem(t, c2.Get(get, map[string]string{"topic_id": "hist-t1"}), 403, "This content is not part of your academic plan.")
	})
}
