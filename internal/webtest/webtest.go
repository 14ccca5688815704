// Package webtest is the foundation of Memora's browser tests: a whole Memora with the demo loaded
// on an httptest server (Start), a tab of headless Chromium driven with chromedp (Browser), phone and
// desktop viewports, screenshots for docs/screenshots, axe-core accessibility checks, the transferred
// weight and hosts of a page, and a guard that fails a test when a page logs a JavaScript error or a
// CSP violation.
//
// Chromium is Debian's /usr/bin/chromium (or $MEMORA_TEST_CHROMIUM); axe-core comes from
// tools/web/node_modules (npm ci --prefix tools/web). Without them the browser tests skip, unless
// MEMORA_TEST_BROWSER=1 (as .ci/run sets it), when they fail.
//
//	func TestMain(m *testing.M) { webtest.Main(m) } // one Chromium for the package
//
//	func TestHomeShowsTheStreak(t *testing.T) {
//		srv := webtest.Start(t)
//		ctx := webtest.Browser(t)
//		webtest.Phone(t, ctx)
//		srv.Login(t, ctx, "layla@demo.memora.test")
//		webtest.Do(t, ctx, chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible(chromedp.CSS(".streak")))
//		webtest.Screenshot(t, ctx, "home-ar-phone")
//		webtest.RequireNoSeriousAxe(t, ctx, "home")
//	}
package webtest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Root returns the module root (the folder of the go.mod that declares module memora), found upwards
// from the working directory (a package's folder under go test).
func Root(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatalf("webtest: %v", err)
	}
	for {
		data, err := os.ReadFile(filepath.Join(dir, "go.mod"))
		if err == nil && strings.HasPrefix(strings.TrimSpace(string(data)), "module memora\n") {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatalf("webtest: no go.mod of module memora above the working directory")
		}
		dir = parent
	}
}
