package main

import (
	"bytes"
	"context"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/stretchr/testify/require"

	"memora/internal/store"
	"memora/internal/store/litestore"
)

// An administrator makes join codes from the command line, lists them with their state and
// uses, and disables one.
func TestJoinCodesAreCreatedListedAndDisabledFromTheCommandLine(t *testing.T) {
	path := filepath.Join(t.TempDir(), "memora.db")
	t.Setenv("MEMORA_DATABASE_URL", "sqlite:"+path)
	t.Setenv("MEMORA_REDIS_URL", "")
	t.Setenv("MEMORA_LOG_LEVEL", "error")
	ctx := context.Background()
	st, err := litestore.Open(ctx, path, litestore.Options{})
	require.NoError(t, err)
	require.NoError(t, st.InstitutionUpsert(ctx, store.Institution{ID: "school", Name: "School", TimeZone: "UTC"}))
	require.NoError(t, st.Close())

	memora := func(args ...string) (string, error) {
		var out, errOut bytes.Buffer
		err := run(ctx, append([]string{"user", "joincode"}, args...), &out, &errOut)
		return out.String(), err
	}
	out, err := memora("create", "--institution", "school")
	require.NoError(t, err)
	m := regexp.MustCompile(`^join code ([A-Z0-9]{8}) for institution school \(Student; unlimited uses, no expiry\)\n$`).FindStringSubmatch(out)
	require.NotNil(t, m, out)
	random := m[1]

	out, err = memora("create", "--institution", "school", "--code", "class-10a", "--max-uses", "30", "--expires", "720h")
	require.NoError(t, err)
	require.Regexp(t, `^join code CLASS10A for institution school \(Student; max 30 uses, expires \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\)`, out)

	_, err = memora("create", "--institution", "school", "--code", "CLASS10A")
	require.ErrorContains(t, err, "This join code already exists.")
	_, err = memora("create", "--institution", "nowhere")
	require.ErrorContains(t, err, "No institution has this id.")
	_, err = memora("create")
	require.ErrorContains(t, err, "--institution is required")

	require.NoError(t, func() error { _, err := memora("disable", "--code", random); return err }())
	out, err = memora("list", "--institution", "school")
	require.NoError(t, err)
	require.Regexp(t, `(?m)^CLASS10A\s+active\s+uses 0  max 30 uses, expires `, out)
	require.Regexp(t, `(?m)^`+random+`\s+disabled\s+uses 0  unlimited uses, no expiry  created .* by cli$`, out)

	out, err = memora("list", "--institution", "other")
	require.NoError(t, err)
	require.Equal(t, "institution other has no join codes\n", out)
	_, err = memora("rename")
	require.ErrorContains(t, err, "unknown joincode command")
}
