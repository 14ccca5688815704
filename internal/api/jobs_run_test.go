package api_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"memora/internal/apitest"
	"memora/internal/jobs"
	"memora/internal/store"
	"memora/internal/store/storetest"
)

// A System Manager runs every periodic job now through the API: each is queued once (a
// second request while it waits says so), audited; an unknown job is a 400.
func TestASystemManagerRunsEveryPeriodicJobNow(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, env *apitest.Env) {
		sm, _ := env.LoginAs("sm@own.test", ownInst, store.RoleSystemManager)
		path := apitest.Method("jobs", "run_now")
		before := storetest.CountRows(t, env.Store, "SELECT count(*) FROM river_job")
		for _, name := range []string{"auto_archive", "retention", "reconciliation", "partitions", "session_sweep"} {
			var res jobs.RunNowResult
			r := sm.Post(path, map[string]any{"job": name})
			require.Equal(t, 200, r.Status, r.Body)
			r.Message(t, &res)
			require.Equal(t, "queued", res.Status, name)
			require.Positive(t, res.JobID)
			var again jobs.RunNowResult
			sm.Post(path, map[string]any{"job": name}).Message(t, &again)
			require.Equal(t, jobs.RunNowResult{Job: name, Kind: res.Kind, JobID: res.JobID, Status: "already_queued"}, again)
		}
		require.Equal(t, before+5, storetest.CountRows(t, env.Store, "SELECT count(*) FROM river_job"))
		require.EqualValues(t, 10, storetest.CountRows(t, env.Store, "SELECT count(*) FROM audit_log WHERE action = 'jobs.run_now'"),
			"every request, the duplicates too")
		expectMessage(t, sm.Post(path, map[string]any{"job": "defrag"}), 400,
			"Unknown job 'defrag': use auto_archive, retention, reconciliation, partitions, session_sweep or srs_fit")
	})
}
