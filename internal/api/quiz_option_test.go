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
)

// Issue 13.3: a quiz option outside the quiz's options (−1, 99) is not a wrong answer but a
// bad request, in a lesson and in a review: 400, and nothing is written.
func TestAnOutOfRangeQuizOptionIsRefusedAndWritesNothing(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		ctx := context.Background()
		f := seedCatalog(t, env)
		c, u := f.student("lesson@x.test")
		for i, option := range []int{-1, 2, 99} {
			bad := []map[string]any{playAnswer("l-path-1", "q", json.RawMessage(fmt.Sprintf(`{"option":%d}`, option)))}
			expectProblem(t, c.Post(playSubmitPath, playBody(fmt.Sprintf("opt-%d", i), "l-path-1", bad)), 400,
				fmt.Sprintf("interactions[0]: quiz option %d is not one of the options 0 to 1", option))
		}
		plays, err := env.Store.LessonPlayList(ctx, u.ID, "l-path-1")
		require.NoError(t, err)
		require.Empty(t, plays)
		require.Equal(t, int64(0), playXP(t, env.Store, u.ID))
		_, err = env.Store.MemoryGet(ctx, u.ID, catSeason, "l-path-1-q")
		require.ErrorIs(t, err, store.ErrNotFound)
	})
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		w := seedReview(t, env, store.SchedulerFSRS)
		rc, ru := w.student("review@x.test")
		past := apitest.Start.Add(-time.Hour)
		w.put(w.item(ru.ID, "l1-quiz", 1, past, nil))
		for i, option := range []int{-1, 3, 99} {
			r := rc.Post(apitest.Method("reviews", "submit_review_session"),
				reviewBody(fmt.Sprintf("ropt-%d", i), "", reviewAnswer{QuestionID: "l1-quiz", Answer: option}))
			expectProblem(t, r, 400, "The answer to l1-quiz is not one of its options (0 to 2).")
		}
		require.Equal(t, 0, reviewCount(t, env, "SELECT count(*) FROM review_log WHERE user_id = $1", ru.ID))
		require.Equal(t, 0, reviewCount(t, env, "SELECT count(*) FROM gameplay_sessions WHERE user_id = $1", ru.ID))
		require.Equal(t, 0, reviewCount(t, env, "SELECT count(*) FROM xp_ledger WHERE user_id = $1", ru.ID))
		require.Nil(t, w.memory(ru.ID, "l1-quiz").LastReview)
	})
}
