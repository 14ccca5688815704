package main

import (
	"bytes"
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"memora/internal/store"
	"memora/internal/store/litestore"
)

// Issue 13.10: `memora user apikey` creates a key (its secret printed once), lists a user's
// keys with their expiry and last use but never a secret, and revokes one.
func TestAPIKeysAreCreatedListedAndRevokedFromTheCommandLine(t *testing.T) {
	path := filepath.Join(t.TempDir(), "memora.db")
	t.Setenv("MEMORA_DATABASE_URL", "sqlite:"+path)
	t.Setenv("MEMORA_REDIS_URL", "")
	t.Setenv("MEMORA_LOG_LEVEL", "error")
	ctx := context.Background()
	st, err := litestore.Open(ctx, path, litestore.Options{})
	require.NoError(t, err)
	require.NoError(t, st.InstitutionUpsert(ctx, store.Institution{ID: "school", Name: "School", TimeZone: "UTC"}))
	_, err = st.UserUpsert(ctx, store.UserUpsertParams{InstitutionID: "school", Email: "bot@example.org", Enabled: true})
	require.NoError(t, err)
	require.NoError(t, st.Close())

	memora := func(args ...string) (string, error) {
		var out, errOut bytes.Buffer
		err := run(ctx, append([]string{"user", "apikey"}, args...), &out, &errOut)
		return out.String(), err
	}
	out, err := memora("--email", "bot@example.org", "--label", "ci")
	require.NoError(t, err)
	m := regexp.MustCompile(`api key: (\S+)\napi secret: (\S+) \(shown once`).FindStringSubmatch(out)
	require.NotNil(t, m, out)
	first, secret := m[1], m[2]
	out, err = memora("create", "--email", "bot@example.org", "--label", "export", "--expires", "720h")
	require.NoError(t, err)
	require.Contains(t, out, "expires: ")
	second := regexp.MustCompile(`api key: (\S+)`).FindStringSubmatch(out)[1]

	out, err = memora("list", "--email", "bot@example.org")
	require.NoError(t, err)
	require.Regexp(t, `(?m)^`+regexp.QuoteMeta(first)+`  label="ci"  created=\S+  expires=never  last_used=never$`, out)
	require.Regexp(t, `(?m)^`+regexp.QuoteMeta(second)+`  label="export"  created=\S+  expires=\d{4}-`, out)
	require.NotContains(t, out, secret, "a secret is shown once")

	out, err = memora("revoke", "--email", "bot@example.org", "--key", first)
	require.NoError(t, err)
	require.Equal(t, "api key "+first+" of bot@example.org revoked\n", out)
	out, err = memora("list", "--email", "bot@example.org")
	require.NoError(t, err)
	require.NotContains(t, out, first)
	require.Equal(t, 1, strings.Count(out, "\n"))

	_, err = memora("revoke", "--email", "bot@example.org", "--key", first)
	require.ErrorContains(t, err, "API key not found")
	_, err = memora("list", "--email", "nobody@example.org")
	require.ErrorContains(t, err, "no user has the e-mail address nobody@example.org")
}
