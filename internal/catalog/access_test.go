package catalog

import (
	"testing"

	"github.com/stretchr/testify/require"

	"memora/internal/store"
)

func ptr[T any](v T) *T { return &v }

func TestAccessCovers(t *testing.T) {
	t.Parallel()
	core := store.Track{ID: "core", SubjectID: "math", IsPaid: true}
	olympiad := store.Track{ID: "olympiad", SubjectID: "math", IsPaid: true, IsSoldSeparately: true}
	subject := AccessFromGrants([]store.AccessGrant{{Type: store.AccessSubject, SubjectID: ptr("math")}})
	track := AccessFromGrants([]store.AccessGrant{{Type: store.AccessTrack, TrackID: ptr("olympiad")}})
	global := AccessFromGrants([]store.AccessGrant{{Type: store.AccessGlobal}})
	none := AccessFromGrants(nil)

	require.True(t, subject.Covers("math", core))
	require.False(t, subject.Covers("math", olympiad), "a subject subscription does not open a track sold separately")
	require.False(t, subject.Covers("physics", store.Track{ID: "p"}))
	require.True(t, track.Covers("math", olympiad))
	require.False(t, track.Covers("math", core), "a track grant opens only its track (C.24)")
	require.True(t, global.Covers("math", olympiad))
	require.False(t, none.Covers("math", core))
	require.Equal(t, []string{"math"}, subject.SubjectIDs())
	require.Equal(t, []string{"olympiad"}, track.TrackIDs())
	require.Empty(t, global.SubjectIDs())
}

func TestPaidAccess(t *testing.T) {
	t.Parallel()
	free, paidSubject := store.Subject{ID: "s"}, store.Subject{ID: "s", IsPaid: true}
	freeTrack, paidTrack := store.Track{ID: "t"}, store.Track{ID: "t", IsPaid: true}
	unit, preview := store.Unit{ID: "u"}, store.Unit{ID: "u", IsFreePreview: true}
	none := AccessFromGrants(nil)
	cases := []struct {
		name      string
		subject   store.Subject
		track     store.Track
		unit      store.Unit
		topicFree bool
		access    Access
		want      bool
	}{
		{"free subject and track (C.18)", free, freeTrack, unit, false, none, true},
		{"paid track in a free subject", free, paidTrack, unit, false, none, false},
		{"free track in a paid subject: the subject is the master lock", paidSubject, freeTrack, unit, false, none, false},
		{"free-preview unit", paidSubject, paidTrack, preview, false, none, true},
		{"free-preview topic", paidSubject, paidTrack, unit, true, none, true},
		{"subscription", paidSubject, paidTrack, unit, false, AccessFromGrants([]store.AccessGrant{{Type: store.AccessSubject, SubjectID: ptr("s")}}), true},
	}
	for _, c := range cases {
		require.Equal(t, c.want, PaidAccess(c.access, c.subject, c.track, c.unit, c.topicFree), c.name)
	}
}

func TestPlanRules(t *testing.T) {
	t.Parallel()
	plan := store.Plan{Subjects: []store.PlanSubject{
		{SubjectID: "math", SelectionType: store.SelectSpecificUnit, SpecificUnitID: ptr("algebra"), IsMandatory: true},
		{SubjectID: "hist", DisplayName: "تاريخ", SelectionType: store.SelectAllUnits},
		{SubjectID: "math", DisplayName: "رياضيات", SelectionType: store.SelectSpecificUnit, SpecificUnitID: ptr("skills")},
		{SubjectID: "phys", SelectionType: store.SelectSpecificUnit, SpecificUnitID: ptr("motion")},
		{SubjectID: "phys", SelectionType: store.SelectAllUnits},
	}}
	rules := PlanRules(plan)
	require.Len(t, rules, 3)
	math := rules[0]
	require.Equal(t, "math", math.SubjectID)
	require.Equal(t, "رياضيات", math.DisplayName, "the first non-empty display name")
	require.True(t, math.IsMandatory)
	require.True(t, math.Includes("algebra"))
	require.True(t, math.Includes("skills"), "rows of one subject are united")
	require.False(t, math.Includes("geometry"))
	require.Equal(t, "hist", rules[1].SubjectID)
	require.True(t, rules[1].Includes("anything"))
	require.True(t, rules[2].Includes("electricity"), "any all-units row includes everything")
	require.Empty(t, PlanRules(store.Plan{}))
}
