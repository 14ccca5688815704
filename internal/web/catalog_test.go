package web_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"memora/internal/i18n"
)

// keyUses finds catalogue keys written literally in templates ({{.L.T "home.hello"}}, {{.L.TH …}}), Go
// (l.T("login.invalid")) and scripts (t('lesson.win')).
var keyUses = regexp.MustCompile(`(?:\.TH?|\bT|\bt)\(?\s*"([a-z_]+\.[a-z0-9_.]+)"|\bt\('([a-z_]+\.[a-z0-9_.]+)'\)|strings\(((?:\s*"[a-z_]+\.[a-z0-9_.]+",?)+)\)`)

var quoted = regexp.MustCompile(`"([a-z_]+\.[a-z0-9_.]+)"`)

func TestEveryStringThePagesUseIsInTheCatalogueInBothLanguages(t *testing.T) {
	t.Parallel()
	msgs := i18n.MustLoad()
	used := map[string]string{}
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(path, "_test.go") {
			return err
		}
		if ext := filepath.Ext(path); ext != ".go" && ext != ".html" && ext != ".js" {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range keyUses.FindAllStringSubmatch(string(b), -1) {
			for _, k := range append([]string{m[1], m[2]}, quotedKeys(m[3])...) {
				if k != "" && !strings.HasSuffix(k, ".") { // "status." is a prefix for printf, not a key
					used[k] = path
				}
			}
		}
		return nil
	})
	require.NoError(t, err)
	require.Greater(t, len(used), 50, "the scan finds the pages' keys")
	for key, file := range used {
		require.Truef(t, msgs.Has(key), "%s uses %q, which the catalogue does not have", file, key)
	}
	// Statuses are looked up by name: every status the map engine gives has a label.
	for _, s := range []string{"completed", "available", "locked", "locked_progression", "locked_premium"} {
		require.True(t, msgs.Has("status."+s), s)
	}
}

func quotedKeys(list string) []string {
	var out []string
	for _, m := range quoted.FindAllStringSubmatch(list, -1) {
		out = append(out, m[1])
	}
	return out
}
