package web_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"memora/internal/webtest"
)

// The store items name their season and the subjects they open by title in the page's
// language, as the new-item form offers them: the list showed "SEASON-2026" and "physics".
func TestTheStoreItemsNameTheirSeasonAndSubjectsByTitle(t *testing.T) {
	t.Parallel()
	srv := webtest.Start(t)
	want := map[string][]string{
		"ar": {`<small class="muted" dir="auto">العام الدراسي 2026/2027</small>`, `<span class="badge" dir="auto">الفيزياء</span>`},
		"en": {`<small class="muted" dir="auto">School year 2026/2027</small>`, `<span class="badge" dir="auto">Physics</span>`},
	}
	for _, lang := range []string{"ar", "en"} {
		p := deskClient(t, srv, deskAdmin, lang).get("/app/items")
		require.Equal(t, http.StatusOK, p.status, lang)
		for _, w := range want[lang] {
			require.Contains(t, p.body, w, lang)
		}
		require.NotContains(t, p.body, `dir="ltr">SEASON-2026</small>`, lang)
		require.NotContains(t, p.body, `<span class="badge" dir="ltr">physics</span>`, lang)
	}
}
