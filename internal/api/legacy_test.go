package api_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"memora/internal/apitest"
)

func legacy(fn string) string { return "/api/method/memora.api." + fn }

// Issue 12: the legacy monolith's routes (original §2.1 row 28) answer as the modular
// endpoints they alias, with the original's parameters, by GET and POST.
func TestLegacyRoutesAnswerAsTheModularEndpoints(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		f := seedCatalog(t, env)
		c, u := f.student("s@x.test")
		for _, tc := range []struct {
			legacy, modular string
			params          map[string]string
		}{
			{"get_subjects", apitest.Method("subjects", "get_subjects"), nil},
			{"get_map_data", apitest.Method("map_engine", "get_map_data"), map[string]string{"subject": "hist"}},
			{"get_lesson_details", apitest.Method("sessions", "get_lesson_details"), map[string]string{"lesson_id": "l-path-1"}},
			{"get_player_profile", apitest.Method("profile", "get_player_profile"), nil},
		} {
			want := c.Get(tc.modular, tc.params)
			require.Equal(t, 200, want.Status, want.Body)
			got := c.Get(legacy(tc.legacy), tc.params)
			require.Equal(t, 200, got.Status, "%s: %s", tc.legacy, got.Body)
			require.JSONEq(t, want.Body, got.Body, tc.legacy)
			body := map[string]any{}
			for k, v := range tc.params {
				body[k] = v
			}
			posted := c.Post(legacy(tc.legacy), body)
			require.Equal(t, 200, posted.Status, posted.Body)
			require.JSONEq(t, want.Body, posted.Body, "%s by POST", tc.legacy)
		}
		expectProblem(t, c.Get(legacy("get_lesson_details"), nil), 400, "Lesson ID is missing")

		// submit_session with the original client's body: no session_id, strings of JSON.
		original := map[string]any{
			"session_meta":         `{"lesson_id":"l-path-1","start_timestamp":"2026-11-25T10:00:00Z","device_info":"test"}`,
			"gamification_results": `{"xp_earned":500,"gems_collected":0}`,
			"interactions": `[{"question_id":"l-path-1-q","type":"quiz","attempts_count":1,"duration_ms":900,` +
				`"is_final_outcome_correct":true,"answer":{"option":1}}]`,
		}
		first := c.Post(legacy("submit_session"), original)
		require.Equal(t, 200, first.Status, first.Body)
		var res playResult
		first.Message(t, &res)
		require.Equal(t, "success", res.Status)
		require.Equal(t, 10, res.XPEarned, "graded by the server, not the client's 500")
		again := c.Post(apitest.Method("sessions", "submit_session"), original)
		require.Equal(t, first.Body, again.Body, "one session, whichever route sends it")
		plays, err := env.Store.LessonPlayList(context.Background(), u.ID, "l-path-1")
		require.NoError(t, err)
		require.Len(t, plays, 1)

		r, err := http.NewRequest(http.MethodGet, env.URL()+legacy("submit_session"), nil)
		require.NoError(t, err)
		require.Equal(t, http.StatusMethodNotAllowed, c.Do(r).Status, "a mutation is POST only")
		require.Equal(t, 401, env.Client().Get(legacy("get_subjects"), nil).Status)
	})
}
