package web_test

import (
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"memora/internal/webtest"
)

// A stage's title takes the direction of its own text, as the stage's sentence, question and
// options do: on the English page an Arabic title sat on the left above a right-aligned
// Arabic question.
func TestAStageTitleFollowsTheDirectionOfItsText(t *testing.T) {
	srv := webtest.Start(t)
	ctx := phoneTab(t, srv, srv.SID(t, "layla@demo.memora.test"), "en")
	webtest.Do(t, ctx, chromedp.Navigate(srv.URL+"/lessons/hist-revolt-2"), chromedp.WaitVisible(chromedp.CSS("#stage.stage-reveal")))
	got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(() => { const h = document.querySelector("#stage-title"),
		s = document.querySelector("#stage .sentence");
		return [h.textContent, getComputedStyle(h).direction, getComputedStyle(s).direction] })()`))
	require.NoError(t, err)
	require.Regexp(t, `\p{Arabic}`, got[0], "the demo's stage titles are Arabic")
	require.Equal(t, []string{"rtl", "rtl"}, got[1:], "the title %q and the sentence", got[0])
}
