package webtest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"memora/internal/api"
	"memora/internal/demo"
)

// TabTimeout bounds everything one test does in its tab, so a selector that never matches fails the
// test instead of hanging it.
const TabTimeout = 3 * time.Minute

// DefaultChromium is Debian's chromium; MEMORA_TEST_CHROMIUM names another binary.
const DefaultChromium = "/usr/bin/chromium"

// Chromium returns the browser binary the tests use ($MEMORA_TEST_CHROMIUM, else DefaultChromium), and
// whether it is there.
func Chromium() (string, bool) {
	path := os.Getenv("MEMORA_TEST_CHROMIUM")
	if path == "" {
		path = DefaultChromium
	}
	if p, err := exec.LookPath(path); err == nil {
		return p, true
	}
	return path, false
}

// Required reports whether browser tests must run (MEMORA_TEST_BROWSER=1, as CI sets it): then a
// missing Chromium or axe-core fails the test instead of skipping it.
func Required() bool { return os.Getenv("MEMORA_TEST_BROWSER") == "1" }

// missing skips the test, or fails it when browser tests are required.
func missing(t testing.TB, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if Required() {
		t.Fatalf("webtest: %s (MEMORA_TEST_BROWSER=1)", msg)
	}
	t.Skipf("webtest: %s; set MEMORA_TEST_BROWSER=1 to make this a failure", msg)
}

// allocatorOptions are the Chromium flags: headless, no sandbox (root in CI), nothing that talks to
// the network on its own, and a fresh temporary profile (chromedp makes one and removes it).
func allocatorOptions(path string) []chromedp.ExecAllocatorOption {
	return append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("mute-audio", true),
	)
}

// startBrowser starts one Chromium and returns its context (tabs are made from it) and how to stop it.
func startBrowser(path string) (context.Context, func(), error) {
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), allocatorOptions(path)...)
	ctx, cancel := chromedp.NewContext(alloc)
	stop := func() { cancel(); cancelAlloc() }
	if err := chromedp.Do(ctx); err != nil {
		stop()
		return nil, nil, fmt.Errorf("start %s: %w", path, err)
	}
	return ctx, stop, nil
}

// shared is the one browser of a test binary whose TestMain calls Main.
var shared struct {
	enabled atomic.Bool
	once    sync.Once
	ctx     context.Context
	stop    func()
	err     error
}

// Main runs the tests of a package with one Chromium shared by all of them (each test still gets its
// own tab in its own browser context, so cookies and storage never leak between tests), and closes it
// at the end. Use it from TestMain:
//
//	func TestMain(m *testing.M) { webtest.Main(m) }
//
// Without it, Browser starts a Chromium for each test, which works but costs about a second more each.
func Main(m *testing.M) {
	shared.enabled.Store(true)
	code := m.Run()
	if shared.stop != nil {
		shared.stop()
	}
	os.Exit(code)
}

// Browser returns the context of a new tab of headless Chromium, in a browser context of its own (no
// cookies), for chromedp actions. The tab closes when the test ends; at that point the test fails
// when the pages logged a JavaScript error, an uncaught exception or a CSP violation (see
// ExpectConsole). Without Chromium the test is skipped, or fails when MEMORA_TEST_BROWSER=1.
func Browser(t testing.TB) context.Context {
	t.Helper()
	path, ok := Chromium()
	if !ok {
		missing(t, "no Chromium at %s (apt-get install chromium, or set MEMORA_TEST_CHROMIUM)", path)
	}
	var parent context.Context
	if shared.enabled.Load() {
		shared.once.Do(func() { shared.ctx, shared.stop, shared.err = startBrowser(path) })
		if shared.err != nil {
			t.Fatalf("webtest: %v", shared.err)
		}
		parent = shared.ctx
	} else {
		ctx, stop, err := startBrowser(path)
		if err != nil {
			t.Fatalf("webtest: %v", err)
		}
		t.Cleanup(stop)
		parent = ctx
	}
	rec := &recorder{}
	tabCtx, closeTab := chromedp.NewContext(parent, chromedp.WithNewBrowserContext(), chromedp.WithListener(rec.listen))
	t.Cleanup(closeTab)
	if err := chromedp.Do(tabCtx); err != nil {
		t.Fatalf("webtest: open tab: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.WithValue(tabCtx, tabKey{}, rec), TabTimeout)
	t.Cleanup(cancel)
	t.Cleanup(func() { RequireNoConsoleErrors(t, ctx) }) // runs first: before the tab closes
	return ctx
}

// Do runs chromedp actions in the tab and fails the test on the first error.
func Do(t testing.TB, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("webtest: %v", err)
	}
}

// Phone emulates a small phone: 360 × 740 CSS pixels, device scale 2, mobile and touch.
func Phone(t testing.TB, ctx context.Context) {
	t.Helper()
	setViewport(t, ctx, viewport{w: 360, h: 740, opts: []chromedp.EmulateViewportOption{
		chromedp.EmulateScale(2), chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulatePortrait}})
}

// Desktop emulates a desktop window: 1280 × 800 CSS pixels, device scale 1, no touch.
func Desktop(t testing.TB, ctx context.Context) {
	t.Helper()
	setViewport(t, ctx, viewport{w: 1280, h: 800, opts: []chromedp.EmulateViewportOption{
		chromedp.EmulateScale(1), chromedp.EmulateLandscape}})
}

// viewport is an emulated screen (width and height in CSS pixels).
type viewport struct {
	w, h int64
	opts []chromedp.EmulateViewportOption
}

func (v viewport) emulate(h int64) chromedp.Action[chromedp.Void] {
	return chromedp.EmulateViewport(v.w, h, v.opts...)
}

func setViewport(t testing.TB, ctx context.Context, v viewport) {
	t.Helper()
	rec := recorderOf(t, ctx)
	Do(t, ctx, v.emulate(v.h))
	rec.mu.Lock()
	rec.viewport = &v
	rec.mu.Unlock()
}

// AcceptLanguage makes the tab (and PageWeight's tabs) send Accept-Language: lang. Headless Chromium
// sends "en-US,en;q=0.9" by default; a test of the language chosen for a first visit sets it.
func AcceptLanguage(t testing.TB, ctx context.Context, lang string) {
	t.Helper()
	rec := recorderOf(t, ctx)
	setHeaders(t, ctx, lang)
	rec.mu.Lock()
	rec.language = lang
	rec.mu.Unlock()
}

func setHeaders(t testing.TB, ctx context.Context, lang string) {
	t.Helper()
	if lang != "" {
		call(t, ctx, network.SetExtraHTTPHeaders, network.SetExtraHTTPHeadersParams{
			Headers: network.Headers{"Accept-Language": lang}})
	}
}

// Login signs email in with the demo password (through the login API) and puts its sid cookie into the
// tab's browser context, as a browser that signed in would have it. It returns the session token.
func (s *Server) Login(t testing.TB, ctx context.Context, email string) string {
	t.Helper()
	return s.LoginWithPassword(t, ctx, email, demo.Password)
}

// LoginWithPassword is Login for an account with another password (one a test created).
func (s *Server) LoginWithPassword(t testing.TB, ctx context.Context, email, password string) string {
	t.Helper()
	sid := s.SIDWithPassword(t, email, password)
	_, err := chromedp.Call(ctx, network.SetCookie, network.SetCookieParams{
		Name: api.SessionCookie, Value: sid, URL: s.URL + "/", Path: "/",
		HTTPOnly: new(true), SameSite: network.CookieSameSiteLax,
	})
	if err != nil {
		t.Fatalf("webtest: set the sid cookie: %v", err)
	}
	return sid
}

type tabKey struct{}

// ConsoleMessage is one thing a page wrote to the console.
type ConsoleMessage struct {
	// Kind is "exception", "console.error", "console.assert", or the browser log's source for its
	// error entries ("security" for CSP violations, "network" for failed loads, …).
	Kind string
	Text string
	URL  string
}

func (m ConsoleMessage) String() string {
	if m.URL != "" {
		return m.Kind + ": " + m.Text + " (" + m.URL + ")"
	}
	return m.Kind + ": " + m.Text
}

// Failing reports whether the message fails a test: everything but failed network loads, which a
// page may cause on purpose (a 401 after a wrong password, a 429 in Safe Mode) and which PageWeight
// and the flows check in their own way.
func (m ConsoleMessage) Failing() bool { return m.Kind != string(log.EntrySourceNetwork) }

// recorder is the state of a tab: the errors of its pages from the moment it opens, and its settings.
type recorder struct {
	mu       sync.Mutex
	messages []ConsoleMessage
	checked  int // messages[:checked] were judged by RequireNoConsoleErrors already
	expected []string
	viewport *viewport // set by Phone and Desktop
	language string    // set by AcceptLanguage
}

// listen runs in the tab's event loop: it only records.
func (r *recorder) listen(ev any) {
	var m ConsoleMessage
	switch ev := ev.(type) {
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		m = ConsoleMessage{Kind: "exception", Text: d.Text, URL: d.URL}
		if d.Exception != nil && d.Exception.Description != "" {
			m.Text += " " + d.Exception.Description
		}
	case *runtime.EventConsoleAPICalled:
		if ev.Type != runtime.ConsoleAPICalledTypeError && ev.Type != runtime.ConsoleAPICalledTypeAssert {
			return
		}
		var parts []string
		for _, a := range ev.Args {
			switch {
			case a.Description != "":
				parts = append(parts, a.Description)
			case len(a.Value) > 0:
				parts = append(parts, strings.Trim(string(a.Value), `"`))
			}
		}
		m = ConsoleMessage{Kind: "console." + string(ev.Type), Text: strings.Join(parts, " ")}
	case *log.EventEntryAdded:
		if ev.Entry == nil || ev.Entry.Level != log.EntryLevelError {
			return
		}
		m = ConsoleMessage{Kind: string(ev.Entry.Source), Text: ev.Entry.Text, URL: ev.Entry.URL}
	default:
		return
	}
	r.mu.Lock()
	r.messages = append(r.messages, m)
	r.mu.Unlock()
}

func recorderOf(t testing.TB, ctx context.Context) *recorder {
	t.Helper()
	rec, ok := ctx.Value(tabKey{}).(*recorder)
	if !ok {
		t.Fatalf("webtest: the context does not come from webtest.Browser")
	}
	return rec
}

// ConsoleMessages returns the errors the tab's pages logged so far (failing or not, expected or not).
func ConsoleMessages(t testing.TB, ctx context.Context) []ConsoleMessage {
	t.Helper()
	rec := recorderOf(t, ctx)
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return append([]ConsoleMessage(nil), rec.messages...)
}

// ExpectConsole lets messages containing substr pass RequireNoConsoleErrors (for a test that makes a
// page fail on purpose).
func ExpectConsole(t testing.TB, ctx context.Context, substr string) {
	t.Helper()
	rec := recorderOf(t, ctx)
	rec.mu.Lock()
	rec.expected = append(rec.expected, substr)
	rec.mu.Unlock()
}

// RequireNoConsoleErrors fails the test when the tab's pages logged a JavaScript error, an uncaught
// exception or a CSP violation that ExpectConsole did not allow. Browser calls it when the test ends;
// call it earlier to fail at the step that caused the error.
func RequireNoConsoleErrors(t testing.TB, ctx context.Context) {
	t.Helper()
	rec := recorderOf(t, ctx)
	rec.mu.Lock()
	defer rec.mu.Unlock()
	var bad []string
	for _, m := range rec.messages[rec.checked:] {
		if m.Failing() && !rec.allowed(m) {
			bad = append(bad, "  "+m.String())
		}
	}
	rec.checked = len(rec.messages) // report each message once
	if len(bad) > 0 {
		t.Errorf("webtest: the page logged %d error(s):\n%s", len(bad), strings.Join(bad, "\n"))
	}
}

func (r *recorder) allowed(m ConsoleMessage) bool {
	for _, e := range r.expected {
		if strings.Contains(m.Text, e) {
			return true
		}
	}
	return false
}

// call runs a protocol command on the tab.
func call[P, R any](t testing.TB, ctx context.Context, cmd cdp.Command[P, R], params P) R {
	t.Helper()
	r, err := chromedp.Call(ctx, cmd, params)
	if err != nil {
		t.Fatalf("webtest: %s: %v", cmd.Method, err)
	}
	return r
}
