package webtest

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// Screenshot takes a full-page PNG of the tab and returns where it was written: to
// docs/screenshots/<name>.png when MEMORA_UPDATE_SCREENSHOTS=1 (to refresh the pictures in the README),
// else to the test's temporary folder, so an ordinary run leaves the work tree clean.
//
// The whole page is taken by making the viewport as tall as the page for the picture (then putting it
// back), as a real tall screen would show it: a bar fixed at the bottom of the screen is at the bottom
// of the picture, not in its middle.
func Screenshot(t testing.TB, ctx context.Context, name string) string {
	t.Helper()
	png := fullPage(t, ctx)
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

func fullPage(t testing.TB, ctx context.Context) []byte {
	t.Helper()
	rec := recorderOf(t, ctx)
	rec.mu.Lock()
	set := rec.viewport
	rec.mu.Unlock()
	m := call(t, ctx, page.GetLayoutMetrics, cdp.Empty{})
	vp := viewport{w: m.CSSLayoutViewport.ClientWidth, h: m.CSSLayoutViewport.ClientHeight}
	if set != nil {
		vp = *set
	}
	grown := false
	for range 3 { // growing the viewport can grow the page (100vh)
		h := int64(math.Ceil(m.CSSContentSize.Height))
		if h <= vp.h || (grown && h <= currentHeight(m)) {
			break
		}
		Do(t, ctx, vp.emulate(h))
		grown = true
		m = call(t, ctx, page.GetLayoutMetrics, cdp.Empty{})
	}
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("webtest: screenshot: %v", err)
	}
	if grown {
		if set != nil {
			Do(t, ctx, vp.emulate(vp.h))
		} else {
			call(t, ctx, emulation.ClearDeviceMetricsOverride, cdp.Empty{})
		}
	}
	return png
}

func currentHeight(m page.GetLayoutMetricsResult) int64 { return m.CSSLayoutViewport.ClientHeight }
