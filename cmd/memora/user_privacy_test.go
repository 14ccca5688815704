package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/store"
	"memora/internal/store/litestore"
	"memora/internal/store/storetest"
)

// An administrator exports a student's data to a file from the command line (theirs, not
// another student's), is told what an erasure would remove without --yes (and nothing
// changes), then erases the student: nothing of them is left, the other student keeps all.
func TestAStudentsDataIsExportedAndErasedFromTheCommandLine(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "memora.db")
	t.Setenv("MEMORA_DATABASE_URL", "sqlite:"+path)
	t.Setenv("MEMORA_REDIS_URL", "")
	t.Setenv("MEMORA_LOG_LEVEL", "error")
	ctx := context.Background()
	st, err := litestore.Open(ctx, path, litestore.Options{})
	require.NoError(t, err)
	require.NoError(t, st.InstitutionUpsert(ctx, store.Institution{ID: "school", Name: "School", TimeZone: "UTC"}))
	now := time.Now().UTC()
	users := map[string]store.User{}
	for _, email := range []string{"sara@school.test", "omar@school.test"} {
		u, err := st.UserUpsert(ctx, store.UserUpsertParams{InstitutionID: "school", Email: email, Enabled: true, CreatedAt: now})
		require.NoError(t, err)
		require.NoError(t, st.UserRoleAdd(ctx, u.ID, store.RoleStudent))
		require.NoError(t, st.MemoryUpsert(ctx, []store.MemoryState{{UserID: u.ID, SeasonID: "S", QuestionID: "q-" + email, Due: now, CreatedAt: now, UpdatedAt: now}}))
		users[email] = u
	}
	sara, omar := users["sara@school.test"], users["omar@school.test"]
	omarBefore := storetest.UserTraces(t, st, omar.ID, omar.Email)
	require.NoError(t, st.Close())

	memora := func(args ...string) (string, error) {
		var out, errOut bytes.Buffer
		err := run(ctx, append([]string{"user"}, args...), &out, &errOut)
		return out.String(), err
	}
	file := filepath.Join(dir, "sara.json")
	out, err := memora("export", "sara@school.test", "--out", file)
	require.NoError(t, err)
	require.Contains(t, out, "written to "+file)
	body, err := os.ReadFile(file)
	require.NoError(t, err)
	require.Contains(t, string(body), `"email": "sara@school.test"`)
	require.Contains(t, string(body), `"question_id": "q-sara@school.test"`)
	require.NotContains(t, string(body), "omar")
	info, err := os.Stat(file)
	require.NoError(t, err)
	require.Equal(t, os.FileMode(0o600), info.Mode().Perm())
	_, err = memora("export", "sara@school.test", "--out", file)
	require.Error(t, err, "an existing file is never overwritten")

	out, err = memora("erase", "sara@school.test")
	require.ErrorContains(t, err, "nothing erased")
	require.Regexp(t, `memory_states\s+1`, out)
	_, err = memora("erase", "nobody@school.test", "--yes")
	require.ErrorContains(t, err, "no user has the e-mail address")

	st, err = litestore.Open(ctx, path, litestore.Options{})
	require.NoError(t, err)
	require.NotEmpty(t, storetest.UserTraces(t, st, sara.ID, sara.Email), "nothing erased without --yes")
	require.NoError(t, st.Close())

	out, err = memora("erase", "--yes", "sara@school.test")
	require.NoError(t, err)
	require.Regexp(t, `memory_state\s+1`, out)
	st, err = litestore.Open(ctx, path, litestore.Options{})
	require.NoError(t, err)
	defer st.Close()
	require.Empty(t, storetest.UserTraces(t, st, sara.ID, sara.Email))
	require.Equal(t, omarBefore, storetest.UserTraces(t, st, omar.ID, omar.Email))
}
