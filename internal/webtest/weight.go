package webtest

import (
	"context"
	"net/url"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// weighed are the resource types PageWeight counts: the page's HTML, CSS and JavaScript.
var weighed = []network.ResourceType{network.ResourceTypeDocument, network.ResourceTypeStylesheet, network.ResourceTypeScript}

// PageWeight loads url in a new tab of the same browser context (so with the same cookies, and the
// AcceptLanguage of ctx) with the HTTP cache off, waits until the network is quiet, and returns the bytes transferred for HTML, CSS and
// JavaScript (as compressed on the wire, headers included: DevTools' encodedDataLength) and the hosts
// (host:port) of every request the page made, whatever its type, sorted.
func PageWeight(t testing.TB, ctx context.Context, pageURL string) (bytes int64, hosts []string) {
	t.Helper()
	rec := recorderOf(t, ctx)
	w := &weigher{types: map[network.RequestID]network.ResourceType{}, hosts: map[string]bool{}}
	tab, closeTab := chromedp.NewContext(ctx, chromedp.WithListener(func(ev any) { rec.listen(ev); w.listen(ev) }))
	defer closeTab()
	call(t, tab, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true})
	rec.mu.Lock()
	lang := rec.language
	rec.mu.Unlock()
	setHeaders(t, tab, lang)
	if err := chromedp.Do(tab, chromedp.Navigate(pageURL)); err != nil {
		t.Fatalf("webtest: load %s: %v", pageURL, err)
	}
	if !w.waitQuiet(ctx, 500*time.Millisecond, 15*time.Second) {
		t.Fatalf("webtest: %s: the network was still busy after 15 s", pageURL)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	for h := range w.hosts {
		hosts = append(hosts, h)
	}
	slices.Sort(hosts)
	return w.bytes, hosts
}

// weigher follows one tab's requests (in the tab's event loop).
type weigher struct {
	mu       sync.Mutex
	types    map[network.RequestID]network.ResourceType
	hosts    map[string]bool
	inflight int
	bytes    int64
	last     time.Time // of the last request event
}

func (w *weigher) listen(ev any) {
	w.mu.Lock()
	defer w.mu.Unlock()
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		if u, err := url.Parse(ev.Request.URL); err == nil && u.Host != "" {
			w.hosts[u.Host] = true
		}
		if ev.RedirectResponse == nil { // a redirect goes on under the same id
			w.inflight++
		}
		w.types[ev.RequestID] = ev.Type
	case *network.EventResponseReceived:
		w.types[ev.RequestID] = ev.Type
	case *network.EventLoadingFinished:
		if slices.Contains(weighed, w.types[ev.RequestID]) {
			w.bytes += int64(ev.EncodedDataLength)
		}
		w.inflight--
	case *network.EventLoadingFailed:
		w.inflight--
	default:
		return
	}
	w.last = time.Now()
}

// waitQuiet waits until no request has been in flight for quiet, or gives up after limit.
func (w *weigher) waitQuiet(ctx context.Context, quiet, limit time.Duration) bool {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) && ctx.Err() == nil {
		w.mu.Lock()
		done := w.inflight <= 0 && time.Since(w.last) >= quiet
		w.mu.Unlock()
		if done {
			return true
		}
		time.Sleep(50 * time.Millisecond)
	}
	return false
}
