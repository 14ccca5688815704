package webtest

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
)

// Screenshot takes a full-page PNG of the tab and returns where it was written: to
// docs/screenshots/<name>.png when MEMORA_UPDATE_SCREENSHOTS=1 (to refresh the pictures in the README),
// else to the test's temporary folder, so an ordinary run leaves the work tree clean.
func Screenshot(t testing.TB, ctx context.Context, name string) string {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("webtest: screenshot %s: %v", name, err)
	}
	dir := t.TempDir()
	if os.Getenv("MEMORA_UPDATE_SCREENSHOTS") == "1" {
		dir = filepath.Join(Root(t), "docs", "screenshots")
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatalf("webtest: %v", err)
		}
	}
	path := filepath.Join(dir, name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatalf("webtest: %v", err)
	}
	return path
}
