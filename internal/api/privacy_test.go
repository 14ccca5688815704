package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"

	"memora/internal/apitest"
	"memora/internal/cache"
	"memora/internal/cache/rediscache"
	"memora/internal/privacy"
	"memora/internal/redistest"
	"memora/internal/store"
	"memora/internal/store/storetest"
)

// giveLearning gives a student memory items, a review and XP, as playing would.
func giveLearning(t *testing.T, env *apitest.Env, u store.User, seasonID string) {
	t.Helper()
	ctx := context.Background()
	now := env.Clock.Now()
	items := []store.MemoryState{{UserID: u.ID, SeasonID: seasonID, QuestionID: "q-" + u.Email, Stability: 2, State: 2, Level: 1,
		Due: now.Add(time.Hour), Reps: 1, CreatedAt: now, UpdatedAt: now}}
	require.NoError(t, env.Store.MemoryRecord(ctx, items, []store.ReviewLogEntry{{UserID: u.ID, SeasonID: seasonID,
		QuestionID: "q-" + u.Email, Source: "review", Rating: 3, Correct: true, StateAfter: 2, DueAfter: now.Add(time.Hour), ReviewedAt: now}}))
	_, err := env.Store.XPInsert(ctx, store.XPEntry{UserID: u.ID, InstitutionID: u.InstitutionID, Source: "review", Ref: "r-" + u.Email,
		Amount: 12, LocalDay: now, CreatedAt: now})
	require.NoError(t, err)
}

// An Institution Admin exports a student's data (theirs only, another student's not), then
// erases the student: their session ends at once, nothing of them is left in any table, the
// erasure is audited without their e-mail address, and with Redis their cached schedule goes
// too. The other student keeps everything.
func TestAnAdminExportsAndErasesAStudentsData(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		ctx := context.Background()
		require.NoError(t, env.Store.SeasonUpsert(ctx, store.Season{ID: "S-PRIV", Title: "2026", StartDate: env.Clock.Now().AddDate(0, -1, 0),
			EndDate: env.Clock.Now().AddDate(0, 6, 0), IsActive: true, Scheduler: store.SchedulerFSRS, DesiredRetention: 0.9,
			GradeMapping: "binary", CreatedAt: env.Clock.Now()}))
		admin, _ := env.LoginAs("admin@own.test", ownInst, store.RoleInstitutionAdmin)
		sara, saraU := env.LoginAs("sara@own.test", ownInst, store.RoleStudent)
		_, omarU := env.LoginAs("omar@own.test", ownInst, store.RoleStudent)
		giveLearning(t, env, saraU, "S-PRIV")
		giveLearning(t, env, omarU, "S-PRIV")
		m := func(fn string) string { return apitest.Method("people", fn) }

		r := admin.Get(m("get_user_data"), map[string]string{"user_id": strconv.FormatInt(saraU.ID, 10)})
		require.Equal(t, 200, r.Status, r.Body)
		require.Contains(t, r.Body, "sara@own.test")
		require.NotContains(t, r.Body, "omar@own.test")
		var doc struct {
			Format       string            `json:"format"`
			UserID       int64             `json:"user_id"`
			MemoryStates []json.RawMessage `json:"memory_states"`
			ReviewLog    []json.RawMessage `json:"review_log"`
			XPLedger     []json.RawMessage `json:"xp_ledger"`
			Progress     map[string]any    `json:"progress"`
		}
		r.Message(t, &doc)
		require.Equal(t, privacy.Format, doc.Format)
		require.Equal(t, saraU.ID, doc.UserID)
		require.Len(t, doc.MemoryStates, 1)
		require.Len(t, doc.ReviewLog, 1)
		require.Len(t, doc.XPLedger, 1)
		require.Contains(t, doc.Progress, "stats")

		require.Equal(t, 200, sara.Get(apitest.Method("profile", "get_player_profile"), nil).Status)
		omarBefore := storetest.UserTraces(t, env.Store, omarU.ID, omarU.Email)
		r = admin.Post(m("erase_user"), map[string]any{"user_id": saraU.ID})
		require.Equal(t, 200, r.Status, r.Body)
		require.Equal(t, 401, sara.Get(apitest.Method("profile", "get_player_profile"), nil).Status, "the session ended")
		require.Empty(t, storetest.UserTraces(t, env.Store, saraU.ID, saraU.Email))
		require.Equal(t, omarBefore, storetest.UserTraces(t, env.Store, omarU.ID, omarU.Email))
		entries, err := env.Store.AuditList(ctx, store.AuditListParams{Action: privacy.ActionErased})
		require.NoError(t, err)
		require.Len(t, entries, 1)
		require.Equal(t, "user "+strconv.FormatInt(saraU.ID, 10), entries[0].Target)
		require.Equal(t, 404, admin.Post(m("erase_user"), map[string]any{"user_id": saraU.ID}).Status, "gone")
		require.Equal(t, 400, admin.Post(m("erase_user"), map[string]any{"user_id": adminID(t, env)}).Status, "not oneself")
	})
}

func adminID(t *testing.T, env *apitest.Env) int64 {
	t.Helper()
	u, err := env.Store.UserGetByEmail(context.Background(), "admin@own.test")
	require.NoError(t, err)
	return u.ID
}

// With Redis, an erased student's cached review schedules and leaderboard entries go with them.
func TestErasingAStudentDropsTheirCachedSchedule(t *testing.T) {
	t.Parallel()
	if os.Getenv(redistest.URLEnv) == "" {
		t.Skip(redistest.URLEnv + " not set: the Redis part of an erasure is not tested")
	}
	// A Redis of its own: an erasure drops every srs:{user}:* schedule, and user ids of the
	// test's fresh databases are small numbers other tests' schedules on a shared Redis use too.
	srv := redistest.StartServer(t)
	url := srv.URL()
	rdb := redis.NewClient(&redis.Options{Addr: srv.Addr()})
	t.Cleanup(func() { rdb.Close() })
	for _, e := range storetest.Engines() {
		t.Run(string(e), func(t *testing.T) {
			env := apitest.New(t, e, reviewRedis(url))
			w := seedReview(t, env, store.SchedulerFSRS)
			c, u := w.student("erased@x.test")
			past := apitest.Start.Add(-time.Hour)
			w.put(w.item(u.ID, "l1-quiz", 1, past, nil))
			reviewGet(t, c, nil)
			key := rediscache.Key(cache.ScheduleKey{UserID: u.ID, SeasonID: w.season})
			require.EqualValues(t, 1, rdb.Exists(w.ctx, key).Val(), "the schedule is cached")
			reviewSubmit(t, c, reviewBody("erase-1", "", reviewAnswer{QuestionID: "l1-quiz", Answer: quizCorrect}))
			require.Equal(t, 200, c.Get(apitest.Method("leaderboard", "get_leaderboard"), nil).Status)
			member := fmt.Sprintf("%019d", u.ID) // redisboard's member of a player
			boards := func() (in int) {
				for _, k := range rdb.Keys(w.ctx, "lb:{"+w.inst+"}:*").Val() {
					if rdb.ZScore(w.ctx, k, member).Err() == nil {
						in++
					}
				}
				return in
			}
			require.Positive(t, boards(), "the player is on a cached board")

			sm, _ := env.LoginAs("sm@x.test", w.inst, store.RoleSystemManager)
			r := sm.Post(apitest.Method("people", "erase_user"), map[string]any{"user_id": u.ID})
			require.Equal(t, 200, r.Status, r.Body)
			require.Zero(t, rdb.Exists(w.ctx, key).Val(), "the schedule is gone")
			require.Zero(t, boards(), "and so are the player's board entries")
		})
	}
}
