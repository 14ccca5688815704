package api_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/apitest"
	"memora/internal/store"
)

// seedAcademic makes G1 (streams S1, S2) with plans in seasons A and B, G2 without streams,
// and an active season A.
func seedAcademic(t *testing.T, s store.Store) {
	t.Helper()
	ctx := context.Background()
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	require.NoError(t, s.StreamUpsert(ctx, store.Stream{ID: "S1", Title: "علمي", TitleEN: "Scientific", Position: 1}))
	require.NoError(t, s.StreamUpsert(ctx, store.Stream{ID: "S2", Title: "أدبي", TitleEN: "Literary", Position: 2}))
	require.NoError(t, s.GradeUpsert(ctx, store.Grade{ID: "G1", Title: "التوجيهي", Position: 1, ValidStreams: []string{"S1", "S2"}}))
	require.NoError(t, s.GradeUpsert(ctx, store.Grade{ID: "G2", Title: "العاشر", Position: 2}))
	require.NoError(t, s.SeasonUpsert(ctx, store.Season{ID: "A", Title: "2025/26", StartDate: day(2025, 9, 1), EndDate: day(2026, 6, 30),
		Scheduler: "fsrs", DesiredRetention: 0.9, GradeMapping: "binary", CreatedAt: day(2025, 1, 1)}))
	require.NoError(t, s.SeasonUpsert(ctx, store.Season{ID: "B", Title: "2026/27", StartDate: day(2026, 9, 1), EndDate: day(2027, 6, 30),
		IsActive: true, Scheduler: "fsrs", DesiredRetention: 0.9, GradeMapping: "binary", CreatedAt: day(2026, 1, 1)}))
	s1 := "S1"
	for _, season := range []string{"A", "B"} {
		require.NoError(t, s.PlanUpsert(ctx, store.Plan{ID: "P-" + season, GradeID: "G1", StreamID: &s1, SeasonID: season, UpdatedAt: day(2026, 1, 1)}))
	}
}

type masters struct {
	Grades []struct {
		ID             string   `json:"id"`
		Name           string   `json:"name"`
		AllowedStreams []string `json:"allowed_streams"`
		AllowedSeasons []string `json:"allowed_seasons"`
	} `json:"grades"`
	Streams []struct {
		Name string `json:"name"`
	} `json:"streams"`
	Seasons []struct {
		Name string `json:"name"`
	} `json:"seasons"`
}

// A.7: allowed streams and seasons per grade; streams in creation order, seasons newest first.
func TestAcademicMasters(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		seedAcademic(t, env.Store)
		c, _ := env.LoginAs("s@x.test", "x")
		r := c.Get(apitest.Method("onboarding", "get_academic_masters"), nil)
		require.Equal(t, 200, r.Status, r.Body)
		var m masters
		r.Message(t, &m)
		require.Len(t, m.Grades, 2)
		require.Equal(t, "G1", m.Grades[0].ID)
		require.Equal(t, []string{"S1", "S2"}, m.Grades[0].AllowedStreams)
		require.ElementsMatch(t, []string{"A", "B"}, m.Grades[0].AllowedSeasons)
		require.Empty(t, m.Grades[1].AllowedStreams)
		require.Empty(t, m.Grades[1].AllowedSeasons)
		require.Equal(t, "S1", m.Streams[0].Name)
		require.Equal(t, "S2", m.Streams[1].Name)
		require.Equal(t, "B", m.Seasons[0].Name, "newest season first")
	})
}

type playerProfile struct {
	XP            int64   `json:"xp"`
	Gems          int     `json:"gems"`
	CurrentGrade  *string `json:"current_grade"`
	CurrentStream *string `json:"current_stream"`
}

// A.1, A.2, A.4, A.5 and the profile reads A.8, A.9.
func TestSetAcademicProfile(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		seedAcademic(t, env.Store)
		ctx := context.Background()
		c, u := env.LoginAs("s@x.test", "x")
		set := apitest.Method("onboarding", "set_academic_profile")
		get := apitest.Method("profile", "get_player_profile")

		var p playerProfile
		step(t, "A.8: without a profile, zeros and nulls", func(t *testing.T) {
			c.Get(get, nil).Message(t, &p)
			require.Equal(t, playerProfile{}, p)
		})

		step(t, "A.1: a grade without streams, in the active season", func(t *testing.T) {
			r := c.Post(set, map[string]string{"grade": "G2"})
			require.Equal(t, 200, r.Status, r.Body)
			var reply struct{ Status, Message string }
			r.Message(t, &reply)
			require.Equal(t, "success", reply.Status)
			require.Equal(t, "Academic profile saved successfully", reply.Message)
			prof, err := env.Store.ProfileGet(ctx, u.ID)
			require.NoError(t, err)
			require.Equal(t, "G2", *prof.GradeID)
			require.Equal(t, int64(0), prof.TotalXP)
			require.Equal(t, 5, prof.Hearts)
			require.Equal(t, "B", *prof.SeasonID, "the active season is the default")
		})

		step(t, "A.2 and A.5: grade and stream stored, XP survives a second onboarding", func(t *testing.T) {
			require.NoError(t, env.Store.ProfileAddXP(ctx, u.ID, 1500, env.Clock.Now()))
			r := c.Post(set, map[string]string{"grade": "G1", "stream": "S1", "season": "A"})
			require.Equal(t, 200, r.Status, r.Body)
			c.Get(get, nil).Message(t, &p)
			require.Equal(t, int64(1500), p.XP)
			require.Equal(t, "G1", *p.CurrentGrade)
			require.Equal(t, "S1", *p.CurrentStream)
		})

		step(t, "A.4 and the other refusals: 400 and nothing changed", func(t *testing.T) {
			for _, bad := range []map[string]string{
				{"grade": "nope"},
				{"grade": "G1", "stream": "S9"},
				{"grade": "G1"},
				{"grade": "G2", "season": "no-such-season"},
				{},
			} {
				r := c.Post(set, bad)
				require.Equal(t, 400, r.Status, "%v: %s", bad, r.Body)
				require.Contains(t, r.Body, `"exc_type":"ValidationError"`)
			}
			r := c.Post(set, map[string]string{"grade": "nope"})
			require.Contains(t, r.Body, "Invalid Grade Selected")
			r = c.Post(set, map[string]string{"grade": "G1", "stream": "S9"})
			require.Contains(t, r.Body, "Stream 'S9' is not valid for Grade 'G1'")
			after, err := env.Store.ProfileGet(ctx, u.ID)
			require.NoError(t, err)
			require.Equal(t, "G1", *after.GradeID)
			require.Equal(t, "A", *after.SeasonID)
		})
	})
}

type loginInfo struct {
	IsLoggedIn    bool    `json:"is_logged_in"`
	Email         string  `json:"email"`
	TotalXP       int64   `json:"total_xp"`
	CurrentGrade  *string `json:"current_grade"`
	CurrentStream *string `json:"current_stream"`
	Season        *string `json:"season"`
}

// A.9: guests get is_logged_in false; a user without profile gets zeros and their email.
func TestPlayerLoginInfo(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		path := apitest.Method("profile", "get_player_login_info")
		r := env.Client().Get(path, nil)
		require.Equal(t, 200, r.Status, r.Body)
		require.JSONEq(t, `{"message":{"is_logged_in":false}}`, r.Body)

		c, _ := env.LoginAs("who@x.test", "x")
		var info loginInfo
		c.Get(path, nil).Message(t, &info)
		require.Equal(t, loginInfo{IsLoggedIn: true, Email: "who@x.test"}, info)
	})
}
