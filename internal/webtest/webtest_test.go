package webtest

import (
	"compress/gzip"
	"fmt"
	"image"
	"image/png"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

func TestMain(m *testing.M) { Main(m) }

// strictCSP is the policy the web app's pages will have.
const strictCSP = "default-src 'self'; frame-ancestors 'none'"

// pages serves small HTML pages under the strict CSP, gzip-compressed like the app's text responses.
func pages(t *testing.T, files map[string]string) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, ok := files[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		types := map[string]string{".css": "text/css", ".js": "text/javascript", ".png": "image/png"}
		ct := "text/html; charset=utf-8"
		for ext, v := range types {
			if strings.HasSuffix(r.URL.Path, ext) {
				ct = v
			}
		}
		w.Header().Set("Content-Type", ct)
		w.Header().Set("Content-Security-Policy", strictCSP)
		w.Header().Set("Content-Encoding", "gzip")
		gz := gzip.NewWriter(w)
		gz.Write([]byte(body))
		gz.Close()
	}))
	t.Cleanup(srv.Close)
	return srv
}

const goodPage = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Good</title>
<link rel="stylesheet" href="/app.css"></head>
<body><main><h1>Hello</h1><p>A page with nothing wrong.</p><button type="button">Go</button></main>
<script type="module" src="/app.js"></script></body></html>`

func TestTheBrowserOpensMemorasFrontPageAndTakesAScreenshot(t *testing.T) {
	srv := Start(t)
	ctx := Browser(t)
	Phone(t, ctx)
	resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(srv.URL+"/"))
	if err != nil {
		t.Fatal(err)
	}
	if resp.Status != http.StatusOK || !strings.HasPrefix(resp.MimeType, "text/html") {
		t.Fatalf("/ answered %d %s", resp.Status, resp.MimeType)
	}
	lang, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS("html"), "lang"))
	if err != nil {
		t.Fatal(err)
	}
	if !lang.Exists || lang.Value == "" {
		t.Fatalf("the page has no language: %+v", lang)
	}
	path := Screenshot(t, ctx, "webtest-front")
	cfg := decodePNG(t, path)
	if cfg.Width != 720 { // 360 CSS pixels at device scale 2
		t.Errorf("the phone screenshot is %d pixels wide", cfg.Width)
	}
	if os.Getenv("MEMORA_UPDATE_SCREENSHOTS") != "1" && strings.Contains(path, "docs/screenshots") {
		t.Fatalf("an ordinary run wrote into the work tree: %s", path)
	}
}

func TestAScreenshotShowsTheWholePageWithItsFixedBarAtTheBottom(t *testing.T) {
	site := pages(t, map[string]string{
		"/tall": `<!doctype html><html lang="en"><head><title>Tall</title><link rel="stylesheet" href="/tall.css"></head>
<body><main><div class="block"></div></main><nav>bar</nav></body></html>`,
		"/tall.css": `body{margin:0;background:#fff} .block{height:2000px;background:#fff}
nav{position:fixed;bottom:0;left:0;right:0;height:50px;background:#f00}`,
	})
	ctx := Browser(t)
	Desktop(t, ctx)
	Do(t, ctx, chromedp.Navigate(site.URL+"/tall"))
	img := readPNG(t, Screenshot(t, ctx, "tall"))
	if b := img.Bounds(); b.Dx() != 1280 || b.Dy() != 2000 {
		t.Fatalf("the screenshot is %v, want 1280×2000", b)
	}
	red := func(y int) bool { r, g, _, _ := img.At(640, y).RGBA(); return r > 0xf000 && g < 0x1000 }
	if !red(1990) || red(790) {
		t.Errorf("the fixed bar is not at the bottom of the picture only (red at 1990: %v, at 790: %v)", red(1990), red(790))
	}
	// The viewport is put back.
	h, err := chromedp.Run(ctx, chromedp.Evaluate[int]("window.innerHeight"))
	if err != nil || h != 800 {
		t.Errorf("viewport height after the screenshot %d (%v), want 800", h, err)
	}
}

func readPNG(t *testing.T, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return img
}

func decodePNG(t *testing.T, path string) image.Config {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cfg, err := png.DecodeConfig(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return cfg
}

func TestLoginGivesTheBrowserTheDemoStudentsSession(t *testing.T) {
	srv := Start(t)
	ctx := Browser(t)
	srv.Login(t, ctx, "layla@demo.memora.test")
	Do(t, ctx, chromedp.Navigate(srv.URL+"/api/method/memora.api.profile.get_player_login_info"))
	text, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("body")))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text, `"is_logged_in":true`) {
		t.Fatalf("the browser is not signed in: %s", text)
	}
	// Another test's tab has its own cookies.
	other := Browser(t)
	Do(t, other, chromedp.Navigate(srv.URL+"/api/method/memora.api.profile.get_player_login_info"))
	text, err = chromedp.Run(other, chromedp.Text(chromedp.CSS("body")))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text, `"is_logged_in":false`) {
		t.Fatalf("a new tab shares the session: %s", text)
	}
}

func TestAxeRunsUnderAStrictCSPAndReportsWhatIsWrong(t *testing.T) {
	site := pages(t, map[string]string{
		"/good":    goodPage,
		"/app.css": "body{font:16px sans-serif;color:#111;background:#fff}",
		"/app.js":  "document.body.dataset.ready = 'yes';",
		"/bad": `<!doctype html><html><head><title>Bad</title></head><body>
<img src="/pic.png"><button type="button"></button><p style="color:#eee;background:#fff">faint</p></body></html>`,
	})
	ctx := Browser(t)
	Phone(t, ctx)
	Do(t, ctx, chromedp.Navigate(site.URL+"/good"), chromedp.WaitVisible(chromedp.CSS("body[data-ready=yes]")))
	if vs := Axe(t, ctx); len(vs) != 0 {
		t.Fatalf("violations on a good page: %v", vs)
	}
	RequireNoSeriousAxe(t, ctx, "good")

	ExpectConsole(t, ctx, "pic.png")          // the 404 of the picture
	ExpectConsole(t, ctx, "inline style")     // the CSP blocks the style attribute
	ExpectConsole(t, ctx, "style-src-attr")   // (Chromium names the directive)
	ExpectConsole(t, ctx, "Content Security") // whatever the wording
	Do(t, ctx, chromedp.Navigate(site.URL+"/bad"))
	var ids []string
	for _, v := range Axe(t, ctx) {
		ids = append(ids, v.ID)
		if len(v.Targets) == 0 || v.Help == "" || v.Impact == "" {
			t.Errorf("incomplete violation %+v", v)
		}
	}
	for _, want := range []string{"image-alt", "button-name", "html-has-lang"} {
		if !slices.Contains(ids, want) {
			t.Errorf("axe missed %s; found %v", want, ids)
		}
	}
	spy := &spyTB{TB: t}
	RequireNoSeriousAxe(spy, ctx, "bad")
	if len(spy.errors) != 1 || !strings.Contains(spy.errors[0], "image-alt") {
		t.Errorf("RequireNoSeriousAxe reported %q", spy.errors)
	}
}

func TestConsoleErrorsAndCSPViolationsFailTheTest(t *testing.T) {
	site := pages(t, map[string]string{
		"/good":      goodPage,
		"/app.css":   "body{color:#111}",
		"/app.js":    "document.body.dataset.ready = 'yes';",
		"/inline":    `<!doctype html><html lang="en"><head><title>Inline</title></head><body><script>document.title = "ran"</script></body></html>`,
		"/throws":    `<!doctype html><html lang="en"><head><title>Throws</title></head><body><script type="module" src="/throws.js"></script></body></html>`,
		"/throws.js": `console.error("shown to the user as broken"); throw new Error("boom in module");`,
	})
	ctx := Browser(t)
	Do(t, ctx, chromedp.Navigate(site.URL+"/good"), chromedp.WaitVisible(chromedp.CSS("body[data-ready=yes]")))
	RequireNoConsoleErrors(t, ctx)

	Do(t, ctx, chromedp.Navigate(site.URL+"/inline"))
	Do(t, ctx, chromedp.Navigate(site.URL+"/throws"))
	deadline := time.Now().Add(5 * time.Second)
	for len(ConsoleMessages(t, ctx)) < 3 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	kinds := map[string]string{}
	for _, m := range ConsoleMessages(t, ctx) {
		kinds[m.Kind] = m.Text
	}
	if !strings.Contains(kinds["security"], "Content Security Policy") {
		t.Errorf("the CSP violation was not seen: %v", kinds)
	}
	if !strings.Contains(kinds["exception"], "boom in module") {
		t.Errorf("the exception was not seen: %v", kinds)
	}
	if !strings.Contains(kinds["console.error"], "shown to the user as broken") {
		t.Errorf("console.error was not seen: %v", kinds)
	}
	spy := &spyTB{TB: t}
	RequireNoConsoleErrors(spy, ctx)
	if len(spy.errors) != 1 || !strings.Contains(spy.errors[0], "3 error(s)") {
		t.Fatalf("RequireNoConsoleErrors reported %q", spy.errors)
	}
	// Reported once: the end of the test does not fail on them again.
}

func TestPageWeightCountsCompressedHTMLCSSAndJSAndEveryHost(t *testing.T) {
	other := pages(t, map[string]string{"/font.css": "body{}"})
	bigCSS := strings.Repeat("body { color: #111; }\n", 2000) // 44 KB, a few hundred bytes gzipped
	site := pages(t, map[string]string{
		"/good":    strings.Replace(goodPage, `<link rel="stylesheet" href="/app.css">`, `<link rel="stylesheet" href="/app.css"><link rel="stylesheet" href="`+other.URL+`/font.css">`, 1),
		"/app.css": bigCSS,
		"/app.js":  "document.body.dataset.ready = 'yes';",
	})
	ctx := Browser(t)
	ExpectConsole(t, ctx, "font.css") // the page's CSP blocks the other host; it is still counted
	size, hosts := PageWeight(t, ctx, site.URL+"/good")
	t.Logf("transferred %d bytes (%d of CSS before compression) from %v", size, len(bigCSS), hosts)
	if size < 500 || size > 5000 {
		t.Errorf("transferred %d bytes: not the compressed size of three small responses and a big stylesheet", size)
	}
	want := []string{strings.TrimPrefix(site.URL, "http://"), strings.TrimPrefix(other.URL, "http://")}
	slices.Sort(want)
	if !slices.Equal(hosts, want) {
		t.Errorf("hosts %v, want %v", hosts, want)
	}
	// The cache is off: a second look weighs the same.
	again, _ := PageWeight(t, ctx, site.URL+"/good")
	if again < size*9/10 {
		t.Errorf("second load %d bytes, first %d: served from the cache", again, size)
	}
}

// spyTB records what a helper reports instead of failing the test.
type spyTB struct {
	testing.TB
	errors []string
}

func (s *spyTB) Errorf(format string, args ...any) {
	s.errors = append(s.errors, strings.TrimSpace(fmt.Sprintf(format, args...)))
}
