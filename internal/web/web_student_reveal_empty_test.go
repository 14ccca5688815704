package web_test

import (
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"memora/internal/webtest"
)

// A reveal stage with no highlighted word has nothing to reveal: going on is done and right (no
// heart lost, its XP earned, no "0 of 0" hint), as the server grades it; the player counted it wrong.
func TestARevealStageWithNoHighlightIsDoneAndRight(t *testing.T) {
	srv := webtest.Start(t)
	ctx := phoneTab(t, srv, srv.SID(t, layla), "en")
	data := regexp.MustCompile(`(?s)(<script type="application/json" id="lesson-data">)(.*?)(</script>)`)
	intercept(t, ctx, "*/lessons/hist-revolt-2", fetch.RequestStageResponse, func(e *fetch.EventRequestPaused) {
		res, err := chromedp.Call(ctx, fetch.GetResponseBody, fetch.GetResponseBodyParams{RequestID: e.RequestID})
		body := res.Body
		if err == nil {
			body = data.ReplaceAllFunc(body, func(m []byte) []byte {
				parts := data.FindSubmatch(m)
				var game map[string]any
				if json.Unmarshal(parts[2], &game) != nil {
					return m
				}
				for _, s := range game["stages"].([]any) {
					if st := s.(map[string]any); st["type"] == "reveal" {
						st["config"].(map[string]any)["highlights"] = []any{}
						break
					}
				}
				out, _ := json.Marshal(game)
				return append(append(append([]byte{}, parts[1]...), out...), parts[3]...)
			})
		}
		var headers []*fetch.HeaderEntry
		for _, h := range e.ResponseHeaders {
			if n := strings.ToLower(h.Name); n != "content-length" && n != "content-encoding" {
				headers = append(headers, h)
			}
		}
		_, _ = chromedp.Call(ctx, fetch.FulfillRequest, fetch.FulfillRequestParams{RequestID: e.RequestID,
			ResponseCode: e.ResponseStatusCode, ResponseHeaders: headers, Body: body})
	})
	webtest.Do(t, ctx, chromedp.Navigate(srv.URL+"/lessons/hist-revolt-2"), chromedp.WaitVisible(css("#stage.stage-reveal")))
	require.Zero(t, evalJS[int](t, ctx, `document.querySelectorAll('#stage .chip').length`), "the first reveal stage has no highlight")
	require.True(t, evalJS[bool](t, ctx, `document.querySelector('#stage .hint').hidden`), "no '0 of 0' hint")
	require.Equal(t, "Continue", evalJS[string](t, ctx, `document.querySelector('#foot button').textContent`))
	stage := evalJS[string](t, ctx, `document.getElementById('stage').dataset.stage`)
	webtest.Do(t, ctx, chromedp.Click(css("#foot button")))
	webtest.Do(t, ctx, chromedp.Poll[chromedp.Void](`document.getElementById('stage').dataset.stage !== `+strconv.Quote(stage)))
	require.Zero(t, evalJS[int](t, ctx, `document.querySelectorAll('#hearts .heart.lost').length`), "no heart lost")
	require.Contains(t, evalJS[string](t, ctx, `document.getElementById('xp').textContent`), " 10 XP")
}
