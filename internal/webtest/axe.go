package webtest

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// AxeScript is axe-core's browser build, relative to the module root (installed by
// npm ci --prefix tools/web, pinned in tools/web/package-lock.json).
const AxeScript = "tools/web/node_modules/axe-core/axe.min.js"

// AxeTags are the rules axe runs: WCAG 2.0, 2.1 and 2.2 at levels A and AA.
var AxeTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"}

// Violation is one axe rule that the page breaks.
type Violation struct {
	ID      string   `json:"id"`
	Impact  string   `json:"impact"` // minor, moderate, serious or critical
	Help    string   `json:"help"`
	HelpURL string   `json:"helpUrl"`
	Targets []string `json:"targets"` // CSS selectors of the failing elements
}

func (v Violation) String() string {
	return fmt.Sprintf("%s [%s] %s: %s", v.ID, v.Impact, v.Help, strings.Join(v.Targets, ", "))
}

// Serious reports whether the impact is serious or critical.
func (v Violation) Serious() bool { return v.Impact == "serious" || v.Impact == "critical" }

// axeRun runs axe on the document and returns its violations, as JSON-able values.
const axeRun = `(async () => {
  const r = await axe.run(document, {runOnly: {type: "tag", values: %s}, resultTypes: ["violations"]});
  return r.violations.map(v => ({id: v.id, impact: v.impact || "", help: v.help, helpUrl: v.helpUrl,
    targets: v.nodes.map(n => n.target.map(s => Array.isArray(s) ? s.join(" >>> ") : s).join(" "))}));
})()`

// Axe runs axe-core on the tab's current page (after it loaded) and returns the violations of AxeTags.
// The script goes in through DevTools (Runtime.evaluate), which a page's Content-Security-Policy does
// not restrict, so pages are checked under their real CSP. Without axe-core the test is skipped, or
// fails when MEMORA_TEST_BROWSER=1.
func Axe(t testing.TB, ctx context.Context) []Violation {
	t.Helper()
	loaded, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`typeof axe === "object" && typeof axe.run === "function"`))
	if err != nil {
		t.Fatalf("webtest: axe: %v", err)
	}
	if !loaded {
		src, err := os.ReadFile(filepath.Join(Root(t), AxeScript))
		if err != nil {
			missing(t, "no axe-core (npm ci --prefix tools/web): %v", err)
		}
		if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](string(src)+"\n;void 0")); err != nil {
			t.Fatalf("webtest: inject axe-core: %v", err)
		}
	}
	tags, _ := json.Marshal(AxeTags)
	vs, err := chromedp.Run(ctx, chromedp.Evaluate[[]Violation](fmt.Sprintf(axeRun, tags), chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("webtest: axe.run: %v", err)
	}
	return vs
}

// RequireNoSeriousAxe fails the test when axe finds a serious or critical violation on the tab's
// current page; page names it in the message (e.g. "home, ar, phone"). Lesser ones are logged.
func RequireNoSeriousAxe(t testing.TB, ctx context.Context, page string) {
	t.Helper()
	var serious []string
	for _, v := range Axe(t, ctx) {
		if v.Serious() {
			serious = append(serious, "  "+v.String())
		} else {
			t.Logf("axe on %s: %s", page, v)
		}
	}
	if len(serious) > 0 {
		t.Errorf("axe on %s: %d serious or critical violation(s):\n%s", page, len(serious), strings.Join(serious, "\n"))
	}
}
