package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"memora/internal/store/litestore"
)

// A SQLite database is copied online with `memora backup` and put back with `memora restore`:
// what was added after the backup is gone, what was in it is back.
func TestBackupAndRestoreASQLiteDatabase(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "memora.db")
	t.Setenv("MEMORA_DATABASE_URL", "sqlite:"+path)
	t.Setenv("MEMORA_REDIS_URL", "")
	t.Setenv("MEMORA_LOG_LEVEL", "error")
	ctx := context.Background()
	memora := func(args ...string) (string, error) {
		var out, errOut bytes.Buffer
		err := run(ctx, args, &out, &errOut)
		return out.String(), err
	}
	users := func() int64 {
		st, err := litestore.Open(ctx, path, litestore.Options{})
		require.NoError(t, err)
		defer st.Close()
		n, err := st.UserCount(ctx)
		require.NoError(t, err)
		return n
	}
	_, err := memora("user", "create", "--email", "first@example.org", "--institution", "school")
	require.NoError(t, err)

	copyPath := filepath.Join(dir, "copy.db")
	out, err := memora("backup", copyPath)
	require.NoError(t, err)
	require.Contains(t, out, "written to "+copyPath)
	_, err = memora("backup", copyPath)
	require.ErrorContains(t, err, "already exists", "a backup never overwrites a file")

	_, err = memora("user", "create", "--email", "second@example.org", "--institution", "school")
	require.NoError(t, err)
	require.EqualValues(t, 2, users())

	_, err = memora("restore", copyPath)
	require.ErrorContains(t, err, "--force", "restoring over a database needs --force")
	require.EqualValues(t, 2, users())
	notDB := filepath.Join(dir, "notes.txt")
	require.NoError(t, os.WriteFile(notDB, []byte("hello, this is not a database"), 0o600))
	_, err = memora("restore", "--force", notDB)
	require.ErrorContains(t, err, "is not a SQLite database")

	out, err = memora("restore", "--force", copyPath)
	require.NoError(t, err)
	require.Contains(t, out, "restored from")
	require.EqualValues(t, 1, users())

	t.Setenv("MEMORA_DATABASE_URL", "postgres://memora@db.invalid/memora")
	_, err = memora("backup", filepath.Join(dir, "pg.dump"))
	require.ErrorContains(t, err, "pg_dump")
	require.NoFileExists(t, filepath.Join(dir, "pg.dump"))
}
