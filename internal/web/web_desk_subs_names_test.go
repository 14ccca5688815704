package web_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"memora/internal/webtest"
)

// The subscriptions name their season and the subjects they open by title in the page's
// language: the table showed "SEASON-2026" and "physics" on the Arabic page as on the English.
func TestTheSubscriptionsNameTheirSeasonAndSubjectsByTitle(t *testing.T) {
	t.Parallel()
	srv := webtest.Start(t)
	want := map[string][]string{
		"ar": {`<td data-label="الموسم"><bdi>العام الدراسي 2026/2027</bdi></td>`, `<span class="badge" dir="auto">الفيزياء</span>`},
		"en": {`<td data-label="Season"><bdi>School year 2026/2027</bdi></td>`, `<span class="badge" dir="auto">Physics</span>`},
	}
	for _, lang := range []string{"ar", "en"} {
		for _, who := range []string{deskAdmin, deskSystem} {
			p := deskClient(t, srv, who, lang).get("/app/subscriptions")
			require.Equal(t, http.StatusOK, p.status, lang)
			for _, w := range want[lang] {
				require.Contains(t, p.body, w, "%s, %s", lang, who)
			}
			require.NotContains(t, p.body, `<td dir="ltr">SEASON-2026</td>`, lang)
			require.NotContains(t, p.body, `dir="ltr">physics</span>`, lang)
		}
	}
}
