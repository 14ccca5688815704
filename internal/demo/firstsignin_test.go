package demo_test

import (
	"bytes"
	"context"
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/apitest"
	"memora/internal/catalog"
	"memora/internal/demo"
	"memora/internal/importer"
	"memora/internal/leaderboard"
	"memora/internal/progress"
	"memora/internal/store"
)

// loadTimes are moments the demo is loaded at in these tests: a school morning, and a late evening
// on the first day of a month (the monthly board then holds one day).
var loadTimes = map[string]time.Time{
	"morning":                   apitest.Start,
	"evening of a 1st of month": time.Date(2027, 3, 1, 19, 40, 0, 0, time.UTC), // 22:40 in Amman
}

// demoEnv loads the demo into a fresh server at the given moment and gives the demo accounts the demo
// password.
func demoEnv(t *testing.T, env *apitest.Env, at time.Time) {
	t.Helper()
	ctx := context.Background()
	env.Clock.Set(at)
	f, err := demo.Load(at)
	require.NoError(t, err)
	_, err = importer.Apply(ctx, env.Store, f, at)
	require.NoError(t, err)
	for _, a := range demo.Accounts() {
		u, err := env.Store.UserGetByEmail(ctx, a.Email)
		require.NoError(t, err)
		require.NoError(t, env.App.Identity.SetPassword(ctx, u.ID, demo.Password))
	}
}

func login(t *testing.T, env *apitest.Env, email string) *apitest.Client {
	t.Helper()
	c := env.Client()
	r := c.Post("/api/method/login", map[string]any{"usr": email, "pwd": demo.Password})
	require.Equal(t, 200, r.Status, r.Body)
	return c
}

func get[T any](t *testing.T, c *apitest.Client, module, fn string, params map[string]string) T {
	t.Helper()
	r := c.Get(apitest.Method(module, fn), params)
	require.Equal(t, 200, r.Status, r.Body)
	var v T
	r.Message(t, &v)
	return v
}

// TestLaylaHasSomethingOnEveryPage is the tour the README recommends: right after loading, layla has
// reviews due in several subjects, a streak, quests under way, rivals above and below her on every
// board, and on every map lessons done, lessons to play and lessons to buy.
func TestLaylaHasSomethingOnEveryPage(t *testing.T) {
	for name, at := range loadTimes {
		t.Run(name, func(t *testing.T) {
			apitest.Each(t, func(t *testing.T, env *apitest.Env) {
				demoEnv(t, env, at)
				c := login(t, env, "layla@demo.memora.test")
				t.Run("reviews due now in several subjects", func(t *testing.T) { laylaDue(t, env, at) })
				t.Run("a streak and quests part-way done", func(t *testing.T) { laylaDay(t, c) })
				t.Run("mid-table on every board", func(t *testing.T) { laylaBoards(t, c) })
				t.Run("done, open and premium lessons on every map", func(t *testing.T) { laylaMap(t, c) })
			})
		})
	}
}

func laylaDue(t *testing.T, env *apitest.Env, at time.Time) {
	ctx := context.Background()
	u, err := env.Store.UserGetByEmail(ctx, "layla@demo.memora.test")
	require.NoError(t, err)
	due, err := env.Store.ProgressDueBySubject(ctx, store.ProgressScope{UserID: u.ID, SeasonID: "SEASON-2026"}, at)
	require.NoError(t, err)
	var total int64
	for _, d := range due {
		total += d.Count
	}
	require.GreaterOrEqual(t, total, int64(15))
	require.GreaterOrEqual(t, len(due), 2, "due in at least two subjects")
}

func laylaDay(t *testing.T, c *apitest.Client) {
	stats := get[progress.Stats](t, c, "profile", "get_full_profile_stats", nil)
	require.GreaterOrEqual(t, stats.Streak, 5)
	quests := get[[]progress.Quest](t, c, "quests", "get_daily_quests", nil)
	byID := map[string]progress.Quest{}
	for _, q := range quests {
		byID[q.ID] = q
	}
	require.Equal(t, progress.QuestCompleted, byID[progress.QuestStreak].Status, "she played today")
	xp := byID[progress.QuestXP]
	require.Equal(t, progress.QuestActive, xp.Status)
	require.Positive(t, xp.Progress, "some XP today")
	require.Less(t, xp.Progress, xp.Target)
	reviews := 0
	for _, q := range quests {
		if q.Type == "review" && q.Status == progress.QuestActive {
			reviews++
		}
	}
	require.GreaterOrEqual(t, reviews, 2, "a review quest per subject with items due")
}

func laylaBoards(t *testing.T, c *apitest.Client) {
	for _, period := range []string{"daily", "weekly", "monthly", "all_time"} {
		board := get[leaderboard.Reply](t, c, "leaderboard", "get_leaderboard", map[string]string{"period": period})
		n := len(board.Leaderboard)
		require.GreaterOrEqual(t, n, 8, "%s: layla and at least seven rivals", period)
		require.NotNil(t, board.UserRank.Rank, period)
		rank := int(*board.UserRank.Rank)
		require.True(t, rank > 2 && rank < n-1, "%s: layla is %d of %d", period, rank, n)
		for _, e := range board.Leaderboard {
			require.Positive(t, e.XP, period)
		}
	}
}

func laylaMap(t *testing.T, c *apitest.Client) {
	subjects := get[[]catalog.MapSubject](t, c, "map_engine", "get_map_data", nil)
	require.Len(t, subjects, 3)
	for _, s := range subjects {
		statuses := mapStatuses(s)
		require.Positive(t, statuses["completed lessons"], "%s: lessons done", s.SubjectID)
		require.Positive(t, statuses[catalog.StatusAvailable], "%s: something to play", s.SubjectID)
		require.Positive(t, statuses[catalog.StatusLockedPremium], "%s: something to buy", s.SubjectID)
	}
}

// mapStatuses counts the statuses of a map's topics and listed lessons, and its completed lessons.
func mapStatuses(s catalog.MapSubject) map[string]int {
	out := map[string]int{}
	for _, u := range s.Units {
		for _, tp := range u.Topics {
			out[tp.Status]++
			if tp.Stats != nil {
				out["completed lessons"] += tp.Stats.Completed
			}
			for _, l := range tp.Lessons {
				out[l.Status]++
			}
		}
	}
	return out
}

// TestANewStudentMeetsFreeAndPremiumContentInEverySubject onboards the profile-less demo student into
// each plan of the season: every subject of the plan has something open and something to buy, and
// whatever the demo calls free is open.
func TestANewStudentMeetsFreeAndPremiumContentInEverySubject(t *testing.T) {
	f, err := demo.Load(apitest.Start)
	require.NoError(t, err)
	free := freeTitled(f)
	require.NotEmpty(t, free)
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		demoEnv(t, env, apitest.Start)
		c := login(t, env, "student@demo.memora.test")
		stats := get[progress.Stats](t, c, "profile", "get_full_profile_stats", nil)
		require.Zero(t, stats.TotalXP)
		for _, p := range f.Plans {
			if p.Season != "SEASON-2026" {
				continue
			}
			r := c.Post(apitest.Method("onboarding", "set_academic_profile"),
				map[string]string{"grade": p.Grade, "stream": p.Stream, "season": p.Season})
			require.Equal(t, 200, r.Status, r.Body)
			subjects := get[[]catalog.MapSubject](t, c, "map_engine", "get_map_data", nil)
			require.NotEmpty(t, subjects, p.ID)
			for _, s := range subjects {
				statuses := mapStatuses(s)
				require.Positive(t, statuses[catalog.StatusAvailable], "%s %s: nothing open", p.ID, s.SubjectID)
				require.Positive(t, statuses[catalog.StatusLockedPremium], "%s %s: nothing premium", p.ID, s.SubjectID)
				for _, u := range s.Units {
					for _, tp := range u.Topics {
						if free[u.ID] || free[tp.ID] {
							require.NotEqual(t, catalog.StatusLockedPremium, tp.Status, "%s: %s is called free", p.ID, tp.ID)
						}
					}
				}
			}
		}
	})
}

var saysFree = regexp.MustCompile(`(?i)free|مجان`)

// freeTitled is the units and topics whose title or description, or whose track's, says "free".
func freeTitled(f *importer.File) map[string]bool {
	out := map[string]bool{}
	freeTracks := map[string]bool{}
	for _, tr := range f.Tracks {
		freeTracks[tr.ID] = saysFree.MatchString(tr.Title + " " + tr.TitleEn + " " + tr.Description)
	}
	for _, u := range f.Units {
		out[u.ID] = freeTracks[u.Track] || saysFree.MatchString(u.Title+" "+u.TitleEn)
	}
	for _, tp := range f.Topics {
		out[tp.ID] = out[tp.Unit] || saysFree.MatchString(tp.Title+" "+tp.TitleEn+" "+tp.Description)
	}
	for id, ok := range out {
		if !ok {
			delete(out, id)
		}
	}
	return out
}

// Anyone may join the demo institution with its join code: the new account is signed in and goes
// through onboarding, then sees the plan of the grade chosen.
func TestTheDemoJoinCodeSignsUpAStudent(t *testing.T) {
	f := parseFile(t)
	require.Len(t, f.JoinCodes, 1)
	code := f.JoinCodes[0]
	require.Equal(t, importer.JoinCode{Code: demo.JoinCode, Institution: "demo-academy"}, code)
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		demoEnv(t, env, apitest.Start)
		c := env.Client()
		r := c.Post(apitest.Method("auth", "sign_up"), map[string]string{"join_code": "demo-2026",
			"full_name": "طالبة جديدة", "email": "new@demo.memora.test", "pwd": "a long demo passphrase"})
		require.Equal(t, 200, r.Status, r.Body)
		var profile struct {
			Grade *string `json:"current_grade"`
		}
		r = c.Get(apitest.Method("profile", "get_player_profile"), nil)
		require.Equal(t, 200, r.Status, r.Body)
		r.Message(t, &profile)
		require.True(t, profile.Grade == nil || *profile.Grade == "", "a new student starts with onboarding")
		r = c.Post(apitest.Method("onboarding", "set_academic_profile"), map[string]string{"grade": "grade-10"})
		require.Equal(t, 200, r.Status, r.Body)
		require.Len(t, get[[]catalog.MapSubject](t, c, "map_engine", "get_map_data", nil), 3)
	})
}

func parseFile(t *testing.T) *importer.File {
	t.Helper()
	f, err := importer.Parse(bytes.NewReader(demo.File()))
	require.NoError(t, err)
	return f
}
