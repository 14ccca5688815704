package redistest

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The suite runs beside other people's servers: no test flushes a Redis (FLUSHDB, FLUSHALL,
// SCRIPT FLUSH) except on a redis-server it started (the line says "own redis-server"), and
// none names the PostgreSQL address itself instead of reading MEMORA_TEST_DATABASE_URL.
func TestNoTestFlushesRedisOrHardCodesThePostgreSQLAddress(t *testing.T) {
	root := filepath.Join("..", "..")
	forbidden := []string{"FlushDB(", "FlushAll(", "FlushDBAsync(", "FlushAllAsync(", "ScriptFlush(", "127.0.0.1:5432", "localhost:5432"}
	self, _ := filepath.Abs("hygiene_test.go")
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "node_modules" || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, "_test.go") {
			return nil
		}
		if abs, _ := filepath.Abs(path); abs == self {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for i, line := range strings.Split(string(b), "\n") {
			for _, f := range forbidden {
				if strings.Contains(line, f) && !strings.Contains(line, "own redis-server") {
					t.Errorf("%s:%d contains %q", path, i+1, f)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
