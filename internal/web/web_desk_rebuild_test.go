package web_test

import (
	"cmp"
	"fmt"
	"html"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"memora/internal/store"
	"memora/internal/webtest"
)

// A rebuild that has already ended when the SRS page is rendered (a fast one, finished between
// the click and the page after it) shows its state as the script would set it: the page's script
// follows only rebuilds still under way, so a state left to it never appeared for this one, and
// the rebuild test waiting for it timed out on a loaded machine.
func TestTheSRSPageRendersTheStateOfARebuildThatEndedAlready(t *testing.T) {
	t.Parallel()
	srv := webtest.Start(t)
	now := time.Now().UTC()
	id, err := srv.App.Store.RebuildInsert(t.Context(), store.CacheRebuild{SeasonID: "SEASON-2026",
		Status: store.RebuildCompleted, Total: 1200, Processed: 1200, StartedAt: now, FinishedAt: &now})
	require.NoError(t, err)
	p := deskClient(t, srv, deskSystem, "en").get("/app/srs")
	require.Equal(t, http.StatusOK, p.status)
	require.Contains(t, p.body, fmt.Sprintf(`<li class="card rebuild" data-rebuild="%d" data-state="completed">`, id))
	require.Contains(t, p.body, "1,200 of 1,200 records · 100%")
}

// A rebuild names its season by title in the page's language, not by its id.
func TestTheSRSPageNamesARebuildsSeasonByTitle(t *testing.T) {
	t.Parallel()
	srv := webtest.Start(t)
	now := time.Now().UTC()
	_, err := srv.App.Store.RebuildInsert(t.Context(), store.CacheRebuild{SeasonID: "SEASON-2026",
		Status: store.RebuildCompleted, Total: 10, Processed: 10, StartedAt: now, FinishedAt: &now})
	require.NoError(t, err)
	seasons, err := srv.App.Store.SeasonList(t.Context())
	require.NoError(t, err)
	var title, titleEN string
	for _, s := range seasons {
		if s.ID == "SEASON-2026" {
			title, titleEN = s.Title, s.TitleEN
		}
	}
	require.NotEmpty(t, title)
	for lang, want := range map[string]string{"ar": title, "en": cmp.Or(titleEN, title)} {
		p := deskClient(t, srv, deskSystem, lang).get("/app/srs")
		require.Equal(t, http.StatusOK, p.status)
		require.Contains(t, p.body, `<p><strong dir="auto">`+html.EscapeString(want)+`</strong> ·`, lang)
		require.NotContains(t, p.body, `<strong dir="ltr">SEASON-2026</strong>`, lang)
	}
}
