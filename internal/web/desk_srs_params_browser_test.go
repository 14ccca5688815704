package web_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"

	"memora/internal/identity"
	"memora/internal/srs"
	"memora/internal/srsfit"
	"memora/internal/store"
	"memora/internal/webtest"
)

// paramsSeason is the demo's active season, given two fitted versions in the System
// Manager's institution.
func paramsSeason(t *testing.T, srv *webtest.Server) (inst, season string) {
	t.Helper()
	ctx := context.Background()
	seasons, err := srv.App.Store.SeasonList(ctx)
	require.NoError(t, err)
	for _, s := range seasons {
		if s.IsActive {
			season = s.ID
		}
	}
	require.NotEmpty(t, season, "the demo has an active season")
	inst = deskWho(t, srv, deskSystem).InstitutionID
	for v := 1; v <= 2; v++ {
		w := srs.DefaultWeights()
		w[0] += float64(v) / 10
		require.NoError(t, srv.App.Store.SRSParamsInsert(ctx, []store.SRSParams{{InstitutionID: inst, SeasonID: season,
			Version: v, Weights: w, ReviewsUsed: 4000 + v, LogLossBefore: 0.52, LogLossAfter: 0.47 - float64(v)/100,
			Source: store.SRSParamsFit, CreatedAt: srv.App.Clock.Now()}}))
	}
	return inst, season
}

func sysCaller(t *testing.T, srv *webtest.Server) identity.Caller {
	return identity.Caller{Principal: deskWho(t, srv, deskSystem)}
}

// A manual version with a weight out of bounds is refused with a 400 that names the weight
// and its bounds in the reader's language; nothing is stored.
func TestAManualVersionOutOfBoundsIsRefusedInBothLanguages(t *testing.T) {
	srv := webtest.Start(t)
	inst, season := paramsSeason(t, srv)
	sid := srv.SID(t, deskSystem)
	post := func(lang string, weights []string) (int, string) {
		form := url.Values{}
		for i, w := range weights {
			form.Set("w"+strconv.Itoa(i), w)
		}
		req, _ := http.NewRequest(http.MethodPost, srv.URL+"/app/srs/params/"+season+"/manual", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", srv.URL)
		req.AddCookie(&http.Cookie{Name: "sid", Value: sid})
		req.AddCookie(&http.Cookie{Name: "lang", Value: lang})
		client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		resp, err := client.Do(req)
		require.NoError(t, err)
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		require.NoError(t, err)
		return resp.StatusCode, string(body)
	}
	weights := func(change func([]string)) []string {
		var out []string
		for _, w := range srs.DefaultWeights() {
			out = append(out, strconv.FormatFloat(w, 'f', -1, 64))
		}
		change(out)
		return out
	}
	_, hi := srs.WeightBounds()
	status, body := post("en", weights(func(w []string) { w[3] = "1000" }))
	require.Equal(t, http.StatusBadRequest, status)
	require.Contains(t, body, fmt.Sprintf("Weight w3 must be between 0.001 and %v.", hi[3]))
	require.Contains(t, body, `aria-invalid="true"`)
	status, body = post("ar", weights(func(w []string) { w[7] = "abc" }))
	require.Equal(t, http.StatusBadRequest, status)
	require.Contains(t, body, "يجب أن يكون الوزن w7 بين")
	status, _ = post("en", weights(func(w []string) { w[20] = "" }))
	require.Equal(t, http.StatusBadRequest, status, "every weight is needed")
	list, err := srv.App.SRSFit.List(context.Background(), sysCaller(t, srv), inst, season)
	require.NoError(t, err)
	require.Len(t, list.Versions, 2, "nothing stored")

	status, _ = post("en", weights(func(w []string) { w[0] = "0.5" }))
	require.Equal(t, http.StatusSeeOther, status)
	list, err = srv.App.SRSFit.List(context.Background(), sysCaller(t, srv), inst, season)
	require.NoError(t, err)
	require.Equal(t, store.SRSModePinned, list.Mode, "a manual version is pinned")
	require.Equal(t, 3, list.InUse)
	require.Equal(t, store.SRSParamsManual, list.Versions[0].Source)
	require.InDelta(t, 0.5, list.Versions[0].Weights[0], 1e-12)
	entries, err := srv.App.Store.AuditList(context.Background(), store.AuditListParams{Action: srsfit.ActionManual, Limit: 50})
	require.NoError(t, err)
	require.Len(t, entries, 1, "audited")
	require.Equal(t, season, entries[0].Target)
}

// A System Manager pins a version, resets the season and returns to the fits with the desk's
// buttons; each change is what the scheduler uses at once. The page is checked with axe-core
// and photographed in Arabic and English, on a phone and a desktop.
func TestASystemManagerPinsAndResetsTheFittedParametersOnTheDesk(t *testing.T) {
	srv := webtest.Start(t)
	inst, season := paramsSeason(t, srv)
	inUse := func() int {
		set, err := srv.App.Store.SRSParamsCurrent(context.Background(), inst, season)
		require.NoError(t, err)
		return set.Version
	}
	require.Equal(t, 2, inUse())
	sm := deskTab(t, srv, deskSystem, "en")
	webtest.Do(t, sm, chromedp.Navigate(srv.URL+"/app/srs"), chromedp.WaitVisible(chromedp.CSS("#seasons-h")),
		chromedp.Click(chromedp.CSS(`a[href="/app/srs/params/`+season+`"]`)),
		chromedp.WaitVisible(chromedp.CSS("table.param-versions")))
	webtest.Do(t, sm, chromedp.Click(chromedp.CSS(`#version-1 button`)), chromedp.WaitVisible(chromedp.CSS("p.notice")))
	require.Equal(t, "Version pinned.", deskEval[string](t, sm, `document.querySelector('p.notice').textContent`))
	require.Equal(t, 1, inUse())
	require.True(t, deskEval[bool](t, sm, `!!document.querySelector('#version-1 .badge')`), "version 1 shows as in use")

	// Each answer is a new page; the button just used is gone from it.
	webtest.Do(t, sm, chromedp.Click(chromedp.CSS(`form[action$="/reset"] button`)), chromedp.WaitNotPresent(chromedp.CSS(`form[action$="/reset"]`)))
	require.Equal(t, "Reset to the season's default weights.", deskEval[string](t, sm, `document.querySelector('p.notice').textContent`))
	require.Equal(t, 0, inUse(), "reset: the season's own weights")
	webtest.Do(t, sm, chromedp.Click(chromedp.CSS(`form[action$="/auto"] button`)), chromedp.WaitNotPresent(chromedp.CSS(`form[action$="/auto"]`)))
	require.Equal(t, "The latest fit is used again.", deskEval[string](t, sm, `document.querySelector('p.notice').textContent`))
	require.Equal(t, 2, inUse())

	// A weight out of bounds is refused in place, the form keeping what was typed.
	webtest.Do(t, sm, chromedp.SetValue(chromedp.CSS("#w4"), "42"),
		chromedp.Click(chromedp.CSS("form.manual-weights button[type=submit]")), chromedp.WaitVisible(chromedp.CSS("#params-error")))
	require.Contains(t, deskEval[string](t, sm, `document.querySelector('#params-error').textContent`), "Weight w4 must be between")
	require.Equal(t, "true", deskEval[string](t, sm, `document.querySelector('#w4').getAttribute('aria-invalid')`))
	require.Equal(t, "42", deskEval[string](t, sm, `document.querySelector('#w4').value`))
	webtest.RequireNoSeriousAxe(t, sm, "desk srs params, refused")
	require.Equal(t, 2, inUse())

	for _, lang := range []string{"ar", "en"} {
		for _, device := range []string{"phone", "desktop"} {
			ctx := deskTabOn(t, srv, deskSystem, lang, device)
			webtest.Do(t, ctx, chromedp.Navigate(srv.URL+"/app/srs/params/"+season), chromedp.WaitVisible(chromedp.CSS("form.manual-weights")))
			require.Equal(t, map[string]string{"ar": "rtl ar", "en": "ltr en"}[lang],
				deskEval[string](t, ctx, `document.documentElement.dir + " " + document.documentElement.lang`))
			webtest.RequireNoSeriousAxe(t, ctx, "desk srs params, "+lang+", "+device)
			webtest.RequireNoConsoleErrors(t, ctx)
			webtest.Screenshot(t, ctx, fmt.Sprintf("desk-srs-params-%s-%s", lang, device))
		}
	}
}
