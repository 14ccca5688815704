package web_test

import (
	"context"
	"io"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"memora/internal/srs"
	"memora/internal/store"
	"memora/internal/webtest"
)

// The SRS page shows, on each active season, the fitted parameters in use in the System
// Manager's institution, and says when none are.
func TestTheSRSPageShowsTheFittedParametersInUse(t *testing.T) {
	srv := webtest.Start(t)
	ctx := context.Background()
	who := deskWho(t, srv, deskSystem)
	seasons, err := srv.App.Store.SeasonList(ctx)
	require.NoError(t, err)
	var active string
	for _, s := range seasons {
		if s.IsActive {
			active = s.ID
		}
	}
	require.NotEmpty(t, active, "the demo has an active season")
	page := func() string {
		req, _ := http.NewRequest(http.MethodGet, srv.URL+"/app/srs", nil)
		req.AddCookie(&http.Cookie{Name: "sid", Value: srv.SID(t, deskSystem)})
		req.AddCookie(&http.Cookie{Name: "lang", Value: "en"})
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, resp.StatusCode, string(body))
		return string(body)
	}
	require.Contains(t, page(), "not fitted yet (needs 1,000 reviews by 10 students)")
	require.NoError(t, srv.App.Store.SRSParamsInsert(ctx, []store.SRSParams{{InstitutionID: who.InstitutionID, SeasonID: active,
		Version: 1, Weights: srs.DefaultWeights(), ReviewsUsed: 4321, LogLossBefore: 0.5, LogLossAfter: 0.4,
		Source: store.SRSParamsFit, CreatedAt: srv.App.Clock.Now()}}))
	require.Contains(t, page(), "version 1 in use: log loss 0.5000 → 0.4000 on 4,321 reviews, 0 student sets")
}
