package api_test

import (
	"flag"
	"os"
	"testing"

	"memora/internal/apitest"
)

// TestMain runs the API tests over copies of one migrated database per engine, checks every
// response against the OpenAPI document and says how many it checked. The tests mostly wait
// on databases, so more of them run at once than there are cores (unless -parallel is given).
func TestMain(m *testing.M) {
	flag.Parse()
	if f := flag.Lookup("test.parallel"); f != nil && !isSet("test.parallel") {
		_ = f.Value.Set("8")
	}
	os.Exit(apitest.Main(m))
}

func isSet(name string) bool {
	set := false
	flag.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

// step runs one named step of a scenario; the scenario stops at the first step that fails,
// since the next ones build on it.
func step(t *testing.T, name string, fn func(t *testing.T)) {
	t.Helper()
	if !t.Run(name, fn) {
		t.FailNow()
	}
}
