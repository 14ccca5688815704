package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// --help (or -h) on any command or sub-command prints its usage, exits 0 and touches nothing:
// the configured database is not even created, let alone migrated or loaded with the demo.
func TestHelpOnEveryCommandPrintsUsageAndChangesNothing(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "memora.db")
	t.Setenv("MEMORA_DATABASE_URL", "sqlite:"+path)
	t.Setenv("MEMORA_REDIS_URL", "")
	t.Setenv("MEMORA_LOG_LEVEL", "error")
	t.Setenv("MEMORA_ADDR", "127.0.0.1:0")

	var paths []string
	for p := range commandUsage {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	require.Contains(t, paths, "demo")
	require.Contains(t, paths, "user joincode create")
	var lines [][]string
	for _, p := range paths {
		words := strings.Fields(p)
		lines = append(lines, append(append([]string{}, words...), "--help"), append(append([]string{}, words...), "-h"))
	}
	lines = append(lines, []string{"--help"}, []string{"help"}, []string{"help", "user", "create"},
		[]string{"user", "create", "--email", "a@example.org", "--institution", "school", "--help"},
		[]string{"import", "--help", "some-file.json"}, []string{"serve", "--demo", "-h"})

	for _, args := range lines {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		var out, errOut bytes.Buffer
		start := time.Now()
		err := run(ctx, args, &out, &errOut)
		cancel()
		require.NoError(t, err, "memora %v", args)
		require.Less(t, time.Since(start), 2*time.Second, "memora %v ran something", args)
		require.Contains(t, out.String(), "memora", "memora %v printed no usage", args)
		require.NotContains(t, out.String(), "Demo loaded", "memora %v", args)
		want := commandUsage[strings.Join(nonFlags(args), " ")]
		if want != "" {
			require.Equal(t, strings.TrimRight(want, "\n")+"\n", out.String(), "memora %v", args)
		}
		entries, err := os.ReadDir(dir)
		require.NoError(t, err)
		require.Empty(t, entries, "memora %v created the database", args)
	}
}

func nonFlags(args []string) []string {
	var out []string
	for _, a := range args {
		if !strings.HasPrefix(a, "-") && a != "help" {
			out = append(out, a)
		}
	}
	return out
}
