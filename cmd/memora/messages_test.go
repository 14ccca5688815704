package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// The CLI says what happened in words an administrator reads: an existing account is named as
// existing (and left alone), a role already held or not held changes nothing and says so, and
// an unknown address is "no user", not a storage layer's "get by email: not found".
func TestTheUserCommandsSayWhatIsTrue(t *testing.T) {
	path := filepath.Join(t.TempDir(), "memora.db")
	t.Setenv("MEMORA_DATABASE_URL", "sqlite:"+path)
	t.Setenv("MEMORA_REDIS_URL", "")
	t.Setenv("MEMORA_LOG_LEVEL", "error")
	ctx := context.Background()
	memora := func(args ...string) (string, error) {
		var out, errOut bytes.Buffer
		err := run(ctx, append([]string{"user"}, args...), &out, &errOut)
		return out.String(), err
	}
	_, err := memora("create", "--email", "t@example.org", "--institution", "school", "--role", "Teacher")
	require.NoError(t, err)

	_, err = memora("create", "--email", "T@example.org", "--institution", "school", "--role", "System Manager")
	require.ErrorContains(t, err, "a user with the e-mail address t@example.org already exists")

	out, err := memora("role", "--email", "t@example.org", "--add", "Teacher")
	require.NoError(t, err)
	require.Equal(t, "t@example.org: already has the role \"Teacher\" (nothing changed)\n", out)
	out, err = memora("role", "--email", "t@example.org", "--remove", "Content Manager")
	require.NoError(t, err)
	require.Equal(t, "t@example.org: does not have the role \"Content Manager\" (nothing changed)\n", out)
	out, err = memora("role", "--email", "t@example.org", "--add", "Content Manager")
	require.NoError(t, err)
	require.Contains(t, out, "granted")

	for _, args := range [][]string{{"role", "--email", "nobody@example.org", "--add", "Teacher"}, {"password", "--email", "nobody@example.org"}} {
		_, err = memora(args...)
		require.EqualError(t, err, "no user has the e-mail address nobody@example.org")
	}
	_, err = memora("create", "--email", "x@example.org", "--institution", "elsewhere")
	require.ErrorContains(t, err, `institution "elsewhere" does not exist (there are: school)`)
	require.NotContains(t, err.Error(), "get:")
}

// A MEMORA_* variable nothing reads (a typo) is warned about at start, with the name meant.
func TestAnUnknownMemoraVariableIsWarnedAboutAtStart(t *testing.T) {
	cmd := exec.Command(memoraBinary(t), "migrate")
	cmd.Env = append(os.Environ(), "MEMORA_DATABASE_URL=sqlite:"+filepath.Join(t.TempDir(), "m.db"), "MEMORA_REDIS_URL=",
		"MEMORA_LOG_LEVEL=warn", "MEMORA_REDIS_ULR=redis://127.0.0.1:6379")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	require.NoError(t, cmd.Run(), stderr.String())
	require.True(t, strings.Contains(stderr.String(), "unknown environment variable ignored") &&
		strings.Contains(stderr.String(), "name=MEMORA_REDIS_ULR did_you_mean=MEMORA_REDIS_URL"), stderr.String())
}
